import type { INodeProperties } from 'n8n-workflow';

/** A field's routing: sent as the body key `property`. */
export function sendAsBody(property: string) {
	return { send: { type: 'body' as const, property } };
}

/**
 * A phone number, which a hook reads and sends in E.164 form. Every phone field of the three nodes
 * is built here: `phone` finds a contact or names the recipient, `phoneNumber` is a contact's own.
 */
export function phoneField(field: {
	name: 'phone' | 'phoneNumber';
	/** What the number is, as the description's first words. */
	what: string;
	/** What else the user should know of it, after the E.164 rule. */
	note?: string;
	required?: boolean;
	sendAs?: string;
}): INodeProperties {
	const sentences = [
		`${field.what}, sent in E.164 form.`,
		field.note,
		'Numbers without a leading + need Default Country under Options.',
	];
	return {
		displayName: field.name === 'phone' ? 'Phone' : 'Phone Number',
		name: field.name,
		type: 'string',
		required: field.required ?? false,
		default: '',
		placeholder: 'e.g. +14155552671',
		description: sentences.filter(Boolean).join(' '),
		...(field.sendAs === undefined ? {} : { routing: sendAsBody(field.sendAs) }),
	};
}

/**
 * Name/value pairs (`{ values: [{ name, value }] }`), sent by a hook as one JSON object. `pair`
 * names one pair on its button (`Add Variable`), apart from Update Fields' own `Add Field`.
 */
export function nameValueCollection(field: {
	displayName: string;
	name: string;
	pair: string;
	sendAs: string;
	description: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'fixedCollection',
		placeholder: `Add ${field.pair}`,
		typeOptions: { multipleValues: true },
		default: {},
		description: field.description,
		options: [
			{
				displayName: field.pair,
				name: 'values',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. company',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text, or a number, boolean or object from an expression',
					},
				],
			},
		],
		routing: sendAsBody(field.sendAs),
	};
}

/** Tags typed as `vip, newsletter` or given as an array by an expression; a hook shapes them. */
export function tagsField(field: { sendAs: string; description: string }): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, newsletter',
		description: field.description,
		routing: sendAsBody(field.sendAs),
	};
}

/** The ID of the contact to update; a hook checks its form before anything is sent. */
export function contactIdField(example: string): INodeProperties {
	return {
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description: 'ID of the contact to update',
	};
}

/** An email address, or empty to clear it (both APIs read "" so). */
export function emailField(sendAs: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address. Leave empty to clear the email.',
		routing: sendAsBody(sendAs),
	};
}
