import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/shared/limiter/retryPolicy';
import { GUAYABA, limitFor } from '../../nodes/shared/vendors';
import { GUAYABA_KEY, type FakeGuayaba } from '../../sandbox/guayaba';
import type { ReceivedRequest } from '../../sandbox/server';
import { runNode, type NodeUnderTest } from './engine';
import { withRetryPolicy } from './retries';

let nodesCounting = 0;

/**
 * The Guayaba node, its per-minute budgets counted in a compressed window, and its requests on a
 * limiter key of its own: a key keeps the lowest budget asked while it is in use, so each test
 * starts on a fresh key (the runs that share one share the node).
 */
export function guayabaCounting(policy: Partial<RetryPolicy>): Guayaba {
	const kind = `test-${++nodesCounting}`;
	const writes = limitFor(GUAYABA, 'POST');
	return withRetryPolicy(
		new Guayaba(),
		{ ...DEFAULT_RETRY_POLICY, ...policy },
		{ ...GUAYABA, kindOf: () => kind, limits: [{ ...writes, kind }] },
	);
}

/** What a run keeps to: the credential's Writes per Minute, and the node's own pace, if any. */
export interface Budgets {
	writesPerMinute?: number;
	requestsPerMinute?: number;
}

/** Guayaba Update by Phone setting each phone to DNC, one item a phone, against `api`. */
export function markDncOn(
	api: FakeGuayaba,
	nodeType: Guayaba,
	phones: string[],
	{ writesPerMinute, ...options }: Budgets & INodeParameters,
	extra: Pick<NodeUnderTest, 'onError'> & { cancelWhen?: Promise<unknown> } = {},
) {
	return runNode({
		nodeType,
		credentialType: new GuayabaApi(),
		credentials: {
			apiKey: GUAYABA_KEY,
			baseUrl: api.url,
			...(writesPerMinute === undefined ? {} : { writesPerMinute }),
		},
		parameters: {
			resource: 'contact',
			operation: 'updateByPhone',
			phone: '={{ $json.phone }}',
			updateFields: { status: 'DNC' },
			options,
		},
		items: phones.map((phone) => ({ json: { phone } })),
		...extra,
	});
}

export const phoneOf = (request: ReceivedRequest) => (request.body as { phone: string }).phone;

/** How many times the server updated each phone: more than once would mean a request sent twice. */
export function timesUpdated(api: FakeGuayaba, phones: string[]): number[] {
	return phones.map(
		(phone) =>
			api.received.filter((request) => request.status === 200 && phoneOf(request) === phone).length,
	);
}

/** Each output item's pairing and its status, or its error. */
export function statuses(items: INodeExecutionData[]) {
	return items.map((item) => [item.pairedItem, item.json.error ?? item.json.status]);
}
