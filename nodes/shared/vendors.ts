export type Service = 'Guayaba' | 'CallAidan' | 'Qyvo';

/**
 * A vendor's own words for a failure its API details further than a status code, like Qyvo's
 * missing template variables; undefined where the API's words and the status say enough.
 */
export type ExplainFailure = (
	statusCode: number,
	body: unknown,
	/** The API's own words for the failure, as the answer gave them. */
	said: string | undefined,
) => { message: string; description: string } | undefined;

/** A rate limit kept per API key, for one kind of request. */
export interface KeyLimit {
	/** The requests it counts, as `Vendor.kindOf` names them. */
	kind: string;
	/** The credential field that holds the key's budget; its default is `perMinute`. */
	credentialField: string;
	displayName: string;
	/** The vendor's published limit, or a cautious one where it publishes none. */
	perMinute: number;
	/** Where `perMinute` comes from, in a sentence for the user. */
	why: string;
}

/** What the package knows of one vendor's API, in one place. */
export interface Vendor {
	service: Service;
	credentialType: string;
	/** The credential field that holds the API key or token: never shown, never sent elsewhere. */
	secretField: string;
	limits: KeyLimit[];
	/** The kind of request a method is, for its limit. */
	kindOf: (method: string) => string;
	explainFailure?: ExplainFailure;
}

export const GUAYABA: Vendor = {
	service: 'Guayaba',
	credentialType: 'guayabaApi',
	secretField: 'apiKey',
	limits: [
		{
			kind: 'read',
			credentialField: 'readsPerMinute',
			displayName: 'Reads per Minute',
			perMinute: 100,
			why: 'Guayaba allows 100 reads a minute per API key.',
		},
		{
			kind: 'write',
			credentialField: 'writesPerMinute',
			displayName: 'Writes per Minute',
			perMinute: 30,
			// PUT is not named in the docs: counted as a write, the safe side
			why: 'Guayaba allows 30 writes (creates, updates, fulfilments) a minute per API key.',
		},
	],
	kindOf: (method) => (method.toUpperCase() === 'GET' ? 'read' : 'write'),
};

export const CALLAIDAN: Vendor = {
	service: 'CallAidan',
	credentialType: 'callAidanApi',
	secretField: 'apiKey',
	limits: [
		{
			kind: 'all',
			credentialField: 'requestsPerMinute',
			displayName: 'Requests per Minute',
			// one a second keeps a thousand contacts under 17 minutes, below what APIs of its kind allow
			perMinute: 60,
			why: 'CallAidan publishes no limit: 60 a minute is a cautious default.',
		},
	],
	kindOf: () => 'all',
};

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
export const explainQyvoFailure: ExplainFailure = (statusCode, body, said) => {
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

export const QYVO: Vendor = {
	service: 'Qyvo',
	credentialType: 'qyvoApi',
	secretField: 'apiToken',
	limits: [
		{
			kind: 'all',
			credentialField: 'requestsPerMinute',
			displayName: 'Requests per Minute',
			perMinute: 120,
			why: 'Qyvo allows 120 requests a minute per token.',
		},
	],
	kindOf: () => 'all',
	explainFailure: explainQyvoFailure,
};

export const VENDORS: Record<Service, Vendor> = {
	Guayaba: GUAYABA,
	CallAidan: CALLAIDAN,
	Qyvo: QYVO,
};

/** The vendor's limit for the requests of `method`. */
export function limitFor(vendor: Vendor, method: string): KeyLimit {
	const kind = vendor.kindOf(method);
	return vendor.limits.find((limit) => limit.kind === kind) ?? vendor.limits[0];
}
