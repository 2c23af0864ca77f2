import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	answerWithoutRunning,
	rawRequestBody,
	ReplayGuard,
	SIGNATURE_TOLERANCE_SECONDS,
	verifySignature,
} from '../../shared/webhook';

export const QYVO_EVENTS = [
	{ name: 'Message Received', value: 'message.received', description: 'A contact wrote to you' },
	{
		name: 'Message Sent',
		value: 'message.status.sent',
		description: 'Meta accepted a message you sent',
	},
	{ name: 'Message Delivered', value: 'message.status.delivered' },
	{ name: 'Message Read', value: 'message.status.read' },
	{
		name: 'Message Failed',
		value: 'message.status.failed',
		description: 'A message could not be delivered; the event has error_code and error_message',
	},
];

// one per n8n process: a delivery replayed to another process (queue mode's webhook workers) is
// not recognised, only refused once its signature is stale
export const qyvoReplays = new ReplayGuard();

function parseObject(raw: Buffer): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(raw.toString('utf8'));
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * A Qyvo delivery: verified against the signing secret on the bytes received, then started only
 * when it is an event the user chose and was not seen before. Everything else is answered without
 * starting the workflow.
 */
export async function receiveQyvoDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const { signingSecret } = await this.getCredentials<{ signingSecret?: string }>('qyvoWebhookApi');
	if (!signingSecret)
		return answerWithoutRunning(this, 401, {
			error: 'The Qyvo Webhook credential has no signing secret',
		});

	const rawBody = rawRequestBody(this);
	const header = this.getHeaderData()['x-qyvo-signature'];
	const check = verifySignature(
		typeof header === 'string' ? header : undefined,
		rawBody,
		signingSecret,
		Math.floor(Date.now() / 1000),
	);
	if (!check.valid) return answerWithoutRunning(this, 401, { error: check.reason });

	const replayKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${check.digest}`;
	const expiresAt = (check.timestamp + SIGNATURE_TOLERANCE_SECONDS + 1) * 1000;
	if (!qyvoReplays.firstSeen(replayKey, expiresAt, Date.now()))
		return answerWithoutRunning(this, 200, { received: true, started: false, reason: 'replay' });

	const delivery = parseObject(rawBody);
	if (!delivery) return answerWithoutRunning(this, 400, { error: 'The body is not a JSON object' });

	const events = this.getNodeParameter('events', []) as string[];
	if (typeof delivery.event !== 'string' || !events.includes(delivery.event))
		return answerWithoutRunning(this, 200, { received: true, started: false });

	return { workflowData: [[{ json: delivery }]] };
}
