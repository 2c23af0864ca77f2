import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { getCountries } from '../input/libphonenumber';
import type { KeyLimit } from '../vendors';

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

/**
 * A node's own pace. The key's budget is the credential's, which every workflow on the key keeps
 * to together; a node can only slow its own run below it.
 */
export function requestsPerMinuteOption({
	perMinute,
	displayName,
	why,
}: KeyLimit): INodeProperties {
	return {
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: perMinute,
		description: `The most requests per minute this node sends in one run, to slow it down. It never raises the credential's ${displayName} (${perMinute} unless changed there: ${why}), which every workflow using the key keeps to together. 0: no pace of its own, only the credential's limit.`,
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
export function contactOptions(limit: KeyLimit): INodeProperties {
	return optionsCollection([
		defaultCountryOption,
		deliveryDetailsOption,
		requestsPerMinuteOption(limit),
	]);
}

/** The `options` of an operation that only reads, and sends no phone number. */
export function readOptions(limit: KeyLimit): INodeProperties {
	return optionsCollection([requestsPerMinuteOption(limit)]);
}
