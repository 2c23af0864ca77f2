import type { INodeProperties } from 'n8n-workflow';

import {
	contactIdField,
	nameValueCollection,
	phoneField,
	sendAsBody,
} from '../../shared/descriptions/fields';
import { returnAllAndLimit } from '../../shared/descriptions/groups';
import { contactOptions, readOptions } from '../../shared/descriptions/options';
import { limitFor, QYVO } from '../../shared/vendors';

export type LookupKey = 'contactId' | 'phone' | 'email';

const LOOKUP_NAMES: Record<LookupKey, string> = {
	contactId: 'Contact ID',
	phone: 'Phone',
	email: 'Email',
};

/**
 * `lookupBy` and the one identifier it shows: only the chosen identifier is visible, so only it
 * reaches the body.
 */
export function contactLookupFields(keys: LookupKey[], purpose: string): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Find Contact By',
			name: 'lookupBy',
			type: 'options',
			options: keys.map((key) => ({ name: LOOKUP_NAMES[key], value: key })),
			default: 'contactId',
			description: `How to find the contact ${purpose}: only the chosen identifier is sent`,
		},
		{
			...contactIdField('01J1Y8Z6K3M4N5P6Q7R8S9T0VW'),
			description: `ID of the contact ${purpose}`,
			displayOptions: { show: { lookupBy: ['contactId'] } },
			routing: { send: { type: 'body', property: 'contact_id' } },
		},
		{
			...qyvoPhoneField(`Phone number of the contact ${purpose}`),
			displayOptions: { show: { lookupBy: ['phone'] } },
		},
	];
	if (keys.includes('email')) {
		fields.push({
			displayName: 'Email',
			name: 'email',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@email.com',
			description: `Email address of the contact ${purpose}`,
			displayOptions: { show: { lookupBy: ['email'] } },
			routing: { send: { type: 'body', property: 'email' } },
		});
	}
	return fields;
}

/** A required phone number, sent as `phone` in E.164 form. */
export function qyvoPhoneField(what: string): INodeProperties {
	return phoneField({ name: 'phone', what, required: true, sendAs: 'phone' });
}

/** A required Qyvo ID (a UUID, or a 26-character ID as the docs' examples show). */
export function idField(field: {
	displayName: string;
	name: string;
	sendAs: string;
	description: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 01J1Y8Z6K3M4N5P6Q7R8S9T0VW',
		description: field.description,
		routing: sendAsBody(field.sendAs),
	};
}

/** Context for a sequence or flow, as name/value pairs sent as one object. */
export function contextField(what: string): INodeProperties {
	return nameValueCollection({
		displayName: 'Context',
		name: 'context',
		pair: 'Context Value',
		sendAs: 'context',
		description: `Data the ${what} can use, as {{context.name}} in its messages and conditions`,
	});
}

/**
 * `returnAll` and `limit`. Qyvo's lists take no paging, so the limit is applied to the answer,
 * not sent.
 */
export const returnAllFields: INodeProperties[] = returnAllAndLimit().map((field) =>
	field.name === 'limit' ? { ...field, routing: { output: { maxResults: '={{$value}}' } } } : field,
);

/** The `options` of an operation that sends a phone number or finds a contact. */
export const qyvoContactOptions = contactOptions(limitFor(QYVO, 'POST'));

/** The `options` of an operation that only reads. */
export const qyvoReadOptions = readOptions(limitFor(QYVO, 'POST'));
