import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { nameValuePairsToObject, parseTags } from '../../shared/input/collections';
import { checkInput } from '../../shared/transport/checkInput';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { assertEmailOrEmpty } from '../../shared/input/rules';
import { checkLeadSource, toBoolean } from './hooks';

/** Create's Additional Fields by parameter name, with the API's snake_case name each is sent as. */
export const CREATE_FIELDS = {
	fullName: 'full_name',
	email: 'email',
	businessName: 'business_name',
	notes: 'notes',
	tags: 'tags',
	isDnd: 'is_dnd',
	leadSource: 'lead_source',
	customFields: 'custom_fields',
} as const;

/** A contact to create as CallAidan takes it: the rules applied, every value in its final form. */
function checkedContact(body: IDataObject, country: string): IDataObject {
	body.phone_number = toE164(body.phone_number, 'Phone Number', country);
	if ('email' in body) body.email = assertEmailOrEmpty(body.email, 'Email');
	if ('tags' in body) body.tags = parseTags(body.tags, 'Tags');
	if ('is_dnd' in body) body.is_dnd = toBoolean(body.is_dnd, 'Do Not Disturb');
	if ('lead_source' in body) body.lead_source = checkLeadSource(body.lead_source);
	if ('custom_fields' in body) {
		body.custom_fields = nameValuePairsToObject(body.custom_fields, 'Custom Fields');
	}
	return body;
}

export async function prepareContactCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	return checkInput(this, requestOptions, () => {
		checkedContact(body, defaultCountry(this));
	});
}

/**
 * CallAidan answers a create with no body, not even the contact's ID: the item is the contact as
 * it was sent, built from the parameters the same way the request was, so the next node can use it.
 */
export async function outputContactAsSent(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	const body: IDataObject = { phone_number: this.getNodeParameter('phoneNumber') as string };
	const additionalFields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	for (const [parameter, apiName] of Object.entries(CREATE_FIELDS)) {
		if (parameter in additionalFields) body[apiName] = additionalFields[parameter];
	}
	return [
		{
			json: checkedContact(body, defaultCountry(this)),
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
