import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerWithoutRunning, secretsEqual } from '../../shared/webhook';

export const CALL_STATUSES = [
	{ name: 'Succeeded', value: 'did-succeed' },
	{ name: 'Not Answered', value: 'did-not-answer' },
	{ name: 'Error', value: 'error' },
];

interface CallFilters {
	statuses?: string[];
	minimumScore?: number;
}

/** Whether a completed call passes the node's filters (none set: every call passes). */
export function callPasses(call: IDataObject, filters: CallFilters): boolean {
	const { statuses = [], minimumScore = 0 } = filters;
	if (statuses.length > 0 && !statuses.includes(String(call.status))) return false;
	if (minimumScore > 0 && !(typeof call.score === 'number' && call.score >= minimumScore))
		return false;
	return true;
}

/**
 * What a retry or a replay of one completed call shares, and two calls never do: the call's thread
 * ID. Undefined when the body is not a call.
 */
export function callAidanDeliveryKey(call: unknown): string | undefined {
	if (typeof call !== 'object' || call === null || Array.isArray(call)) return undefined;
	const { id } = call as IDataObject;
	if ((typeof id === 'string' && id !== '') || typeof id === 'number') return `call:${id}`;
	return undefined;
}

/**
 * A completed call from a CallAidan voice agent: accepted only when the URL carries the
 * credential's token; started only when it passes the filters. CallAidan signs nothing, so the
 * token in the URL is the only proof of origin, and nothing tells a replay from a retry: the item's
 * `deliveryKey` lets n8n's Remove Duplicates node drop both.
 */
export async function receiveCallAidanCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const { token } = await this.getCredentials<{ token?: string }>('callAidanWebhookApi');
	const received = (this.getQueryData() as IDataObject).token;
	if (!token || typeof received !== 'string' || !secretsEqual(received, token))
		return answerWithoutRunning(this, 401, {
			error: 'The webhook URL has no token, or not the one in the CallAidan Webhook credential',
		});

	const call = this.getBodyData();
	const deliveryKey = callAidanDeliveryKey(call);
	if (deliveryKey === undefined)
		return answerWithoutRunning(this, 400, { error: 'The body is not a completed call' });

	const filters = this.getNodeParameter('filters', {}) as CallFilters;
	if (!callPasses(call, filters))
		return answerWithoutRunning(this, 200, { received: true, started: false });

	return { workflowData: [[{ json: { ...call, deliveryKey } }]] };
}
