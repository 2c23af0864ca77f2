import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { nameValuePairsToObject } from '../../shared/input/collections';
import { InputError } from '../../shared/input/refusal';
import { checkInput } from '../../shared/transport/checkInput';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { asText } from '../../shared/input/values';
import {
	assertMaxLength,
	assertNotEmpty,
	assertTimeZone,
	assertUuid,
} from '../../shared/input/rules';

/** Custom variables as text: the splitter route refuses any other value, and the campaign route reads them so. */
export function customVariablesAsText(variables: IDataObject): Record<string, string> {
	const text: Record<string, string> = {};
	for (const [name, value] of Object.entries(variables)) {
		text[name] = value === undefined || value === null ? '' : asText(value);
	}
	return text;
}

/** Exactly one of Campaign or Splitter, the one Enroll In names, as a UUID. */
function checkEnrolment(context: IExecuteSingleFunctions, body: IDataObject): void {
	const enrollIn = context.getNodeParameter('enrollIn', 'campaign');
	const [key, other, field] =
		enrollIn === 'splitter'
			? (['splitterId', 'campaignId', 'Splitter ID'] as const)
			: (['campaignId', 'splitterId', 'Campaign'] as const);
	// Guayaba ignores the splitter when a campaign is sent too, so only one is ever sent
	delete body[other];
	const value = body[key];
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
		throw new InputError(
			`Create needs a campaign or a splitter: ${field} is empty`,
			enrollIn === 'splitter'
				? 'Enter the ID of the splitter (a UUID from the Guayaba dashboard), or set Enroll In to Campaign.'
				: 'Pick the campaign to enrol the contact in, or set Enroll In to Splitter and enter its ID.',
		);
	}
	body[key] = assertUuid(value, field);
}

export async function prepareCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	return checkInput(this, requestOptions, () => {
		body.phoneNumber = toE164(body.phoneNumber, 'Phone Number', defaultCountry(this));
		checkEnrolment(this, body);
		if ('name' in body) {
			assertNotEmpty(body.name, 'Name');
			body.name = assertMaxLength(body.name, 'Name', 255);
		}
		if ('timezone' in body) body.timezone = assertTimeZone(body.timezone, 'Timezone');
		if ('customVariables' in body) {
			body.customVariables = customVariablesAsText(
				nameValuePairsToObject(body.customVariables, 'Custom Variables'),
			);
		}
	});
}
