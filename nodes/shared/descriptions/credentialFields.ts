import type { INodeProperties } from 'n8n-workflow';

import type { Vendor } from '../vendors';

/**
 * The key's budgets, one field per limit the vendor keeps: what every workflow that uses the
 * credential keeps to together. A node's own Requests per Minute can only slow its run below it.
 */
export function keyBudgetFields(vendor: Vendor): INodeProperties[] {
	return vendor.limits.map(({ displayName, credentialField, kind, perMinute, why }) => {
		const counted = kind === 'all' ? 'requests' : `${kind}s`;
		return {
			displayName,
			name: credentialField,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: perMinute,
			description: `The most ${counted} a minute sent with this key, by every workflow that uses it together. ${why} Lower it to leave room for other tools on the same key; raise it only if ${vendor.service} gave your account more. 0 turns the limit off (a 429 answer is still retried after the wait ${vendor.service} asks for).`,
		};
	});
}
