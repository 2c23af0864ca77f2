import { apiMessage, throwOnApiError, type ExplainFailure } from '../../shared/answers/apiErrors';

/** Meta's code for a free-form message outside the 24-hour customer-service window. */
export const OUTSIDE_WINDOW_CODE = 131047;

function textList(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((entry) => ['string', 'number'].includes(typeof entry)).map(String)
		: [];
}

function mentionsOutsideWindow(body: unknown): boolean {
	try {
		return new RegExp(`\\b${OUTSIDE_WINDOW_CODE}\\b`).test(JSON.stringify(body) ?? '');
	} catch {
		return false;
	}
}

/**
 * Qyvo's failures that need more than its own words: template variables it names as missing, and
 * WhatsApp's refusal of free text once the contact's 24-hour window has closed.
 */
export const explainQyvoFailure: ExplainFailure = (statusCode, body) => {
	const said = apiMessage(body);
	const saidText = said ? ` Qyvo said: ${said}` : '';
	if (statusCode === 422 && typeof body === 'object' && body !== null) {
		const { missing, expected_placeholders: expected } = body as Record<string, unknown>;
		const missingNames = textList(missing);
		if (missingNames.length > 0) {
			const expectedNames = textList(expected);
			return {
				message: `The template needs variables that were not given: ${missingNames.join(', ')}`,
				description: `Add a pair under Variables for each, named ${missingNames.join(', ')}${expectedNames.length ? ` (the template's placeholders are ${expectedNames.join(', ')})` : ''}.${saidText}`,
			};
		}
	}
	if (statusCode >= 400 && mentionsOutsideWindow(body)) {
		return {
			message: 'WhatsApp refused the text: the 24-hour window is closed, send a template instead',
			description: `WhatsApp accepts free text only within 24 hours of the contact's last message (Meta error ${OUTSIDE_WINDOW_CODE}). Outside that window, use Message > Send Template with an approved template.${saidText}`,
		};
	}
	if (statusCode === 404 && said) {
		return {
			message: said,
			description:
				'Check the ID, phone or email: Qyvo answers 404 for what does not exist, a sequence or flow not published, or a record of another workspace.',
		};
	}
	return undefined;
};

/** Every Qyvo operation's first postReceive: a failed answer becomes the user's error. */
export const throwOnQyvoError = throwOnApiError('Qyvo', explainQyvoFailure);
