import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { getCountries } from '../input/libphonenumber';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

const countryOptions: INodePropertyOptions[] = getCountries()
	.map((code) => ({ name: `${countryNames.of(code) ?? code} (${code})`, value: code }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	options: countryOptions,
	default: 'US',
	description:
		'Country used to read phone numbers written without a leading +, like (415) 555-2671. Without it, such numbers are refused. Choose from the list, or specify a two-letter ISO 3166 code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export interface VendorLimit {
	perMinute: number;
	why: string;
}

export function requestsPerMinuteOption({ perMinute, why }: VendorLimit): INodeProperties {
	return {
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: perMinute,
		description: `The most requests per minute sent on this credential, shared by every workflow that uses it. ${why} 0 turns the limit off (a 429 answer is still retried after the wait the API asks for).`,
	};
}

const deliveryDetailsOption: INodeProperties = {
	displayName: 'Include Delivery Details',
	name: 'includeDeliveryDetails',
	type: 'boolean',
	default: false,
	description:
		'Whether to add <code>delivery</code> to each output item: <code>tries</code>, how many times its request was sent, and <code>waitedMs</code>, how long it waited on the rate limit and retries. In a bulk run, the last item tells how long the run waited.',
};

/** An operation's `options` collection. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The `options` collection every contact operation has. */
export function contactOptions(vendorLimit: VendorLimit): INodeProperties {
	return optionsCollection([
		defaultCountryOption,
		deliveryDetailsOption,
		requestsPerMinuteOption(vendorLimit),
	]);
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
		routing: { send: { type: 'body', property: field.sendAs } },
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
		routing: { send: { type: 'body', property: field.sendAs } },
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
		routing: { send: { type: 'body', property: sendAs } },
	};
}

/** A contact's new phone number; a hook sends it in E.164. */
export function phoneNumberField(field: { sendAs: string; description: string }): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155552671',
		description: field.description,
		routing: { send: { type: 'body', property: field.sendAs } },
	};
}

/** The `updateFields` collection: only the fields a user adds are sent. */
export function updateFieldsCollection(
	options: INodeProperties[],
	description = 'Fields to change: only the fields added here are sent, and at least one is needed',
): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options,
	};
}
