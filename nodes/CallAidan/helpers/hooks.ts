import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { nameValuePairsToObject, parseTags } from '../../shared/input/collections';
import { InputError } from '../../shared/input/refusal';
import { checkBody } from '../../shared/transport/checkInput';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import {
	assertAnyField,
	assertEmailOrEmpty,
	assertTextFields,
	assertUuid,
} from '../../shared/input/rules';

const FIELDS = {
	full_name: 'Full Name',
	first_name: 'First Name',
	last_name: 'Last Name',
	email: 'Email',
	phone_number: 'Phone Number',
	business_name: 'Business Name',
	notes: 'Notes',
	tags: 'Tags',
	is_dnd: 'Do Not Disturb',
	lead_source: 'Lead Source',
	custom_fields: 'Custom Fields',
};

export const LEAD_SOURCES = ['manual', 'api', 'webhook', 'facebook', 'instagram', 'import'];

/**
 * The values of a contact's fields as CallAidan takes them, whichever are in the body: Create and
 * Update send the same fields, with the same rules.
 */
export function checkContactFields(context: IExecuteSingleFunctions, body: IDataObject): void {
	assertTextFields(body, {
		full_name: 'Full Name',
		first_name: 'First Name',
		last_name: 'Last Name',
		business_name: 'Business Name',
		notes: 'Notes',
	});
	if ('email' in body) body.email = assertEmailOrEmpty(body.email, 'Email');
	if ('phone_number' in body) {
		body.phone_number = toE164(body.phone_number, 'Phone Number', defaultCountry(context));
	}
	if ('tags' in body) body.tags = parseTags(body.tags, 'Tags');
	if ('is_dnd' in body) body.is_dnd = toBoolean(body.is_dnd, 'Do Not Disturb');
	if ('lead_source' in body) body.lead_source = checkLeadSource(body.lead_source);
	if ('custom_fields' in body) {
		body.custom_fields = nameValuePairsToObject(body.custom_fields, 'Custom Fields');
	}
}

export const prepareContactUpdate = checkBody(function contactUpdate(context, body) {
	assertUuid(context.getNodeParameter('contactId'), 'Contact ID');
	assertAnyField(body, FIELDS, 'Update');
	if ('full_name' in body && ('first_name' in body || 'last_name' in body)) {
		throw new InputError(
			'Full Name cannot be sent with First Name or Last Name',
			'CallAidan splits Full Name into first and last name itself: use either Full Name, or First Name and Last Name.',
		);
	}
	checkContactFields(context, body);
});

export function toBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InputError(
		`${field} must be true or false, not ${JSON.stringify(value)}`,
		`Switch ${field} on or off, or use an expression that returns true or false.`,
	);
}

export function checkLeadSource(value: unknown): string {
	// the API stores an unknown lead source as "manual" without a word, so it is refused here
	if (typeof value === 'string' && LEAD_SOURCES.includes(value)) return value;
	throw new InputError(
		`Lead Source ${JSON.stringify(value)} is not one CallAidan knows`,
		`Use one of: ${LEAD_SOURCES.join(', ')}.`,
	);
}
