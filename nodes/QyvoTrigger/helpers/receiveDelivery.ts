import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	answerWithoutRunning,
	rawRequestBody,
	rememberOnce,
	startedAnswer,
	shortDigest,
	SIGNATURE_TOLERANCE_SECONDS,
	verifySignature,
	type RememberedDeliveries,
} from '../../shared/webhook';

export const QYVO_EVENTS = [
	{ name: 'Message Received', value: 'message.received', description: 'A contact wrote to you' },
	{
		name: 'Message Sent',
		value: 'message.status.sent',
		description: 'Meta accepted a message you sent',
	},
	{
		name: 'Message Delivered',
		value: 'message.status.delivered',
		description: 'A message you sent reached the contact’s phone',
	},
	{
		name: 'Message Read',
		value: 'message.status.read',
		description: 'The contact read a message you sent',
	},
	{
		name: 'Message Failed',
		value: 'message.status.failed',
		description: 'A message could not be delivered; the event has error_code and error_message',
	},
];

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
 * What stays the same when Qyvo retries an event, or someone replays it, and differs between two
 * events: the event and the message it is about. A delivery without a message ID (an event the
 * docs do not describe) is known by its bytes.
 */
export function qyvoDeliveryKey(delivery: IDataObject, rawBody: Buffer): string {
	const event = String(delivery.event);
	const message = delivery.message as IDataObject | undefined;
	const messageId = event === 'message.received' ? message?.id : delivery.message_id;
	if ((typeof messageId === 'string' && messageId !== '') || typeof messageId === 'number')
		return `${event}:${messageId}`;
	return `${event}:sha256:${shortDigest(rawBody)}`;
}

/**
 * A Qyvo delivery: verified against the signing secret on the bytes received, then started only
 * when it is an event the user chose and its signature was not accepted before. Everything else is
 * answered without starting the workflow. The item carries a `deliveryKey` that a retry of the
 * same event shares, for n8n's Remove Duplicates node.
 */
export async function receiveQyvoDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const { signingSecret } = await this.getCredentials<{ signingSecret?: string }>('qyvoWebhookApi');
	if (!signingSecret)
		return answerWithoutRunning(this, 401, {
			error: 'The Qyvo Webhook credential has no signing secret',
		});

	const rawBody = rawRequestBody(this);
	const header = this.getHeaderData()['x-qyvo-signature'];
	const nowSeconds = Math.floor(Date.now() / 1000);
	const check = verifySignature(
		typeof header === 'string' ? header : undefined,
		rawBody,
		signingSecret,
		nowSeconds,
	);
	if (!check.valid) return answerWithoutRunning(this, 401, { error: check.reason });

	const delivery = parseObject(rawBody);
	if (!delivery) return answerWithoutRunning(this, 400, { error: 'The body is not a JSON object' });

	const events = this.getNodeParameter('events', []) as string[];
	if (typeof delivery.event !== 'string' || !events.includes(delivery.event))
		return answerWithoutRunning(this, 200, { received: true, started: false });

	// the node's static data is shared by all of n8n's webhook processes through the database
	const staticData = this.getWorkflowStaticData('node');
	const remembered = rememberOnce(
		staticData.signatures as RememberedDeliveries | undefined,
		check.digest.slice(0, 32),
		check.timestamp + SIGNATURE_TOLERANCE_SECONDS + 1,
		nowSeconds,
	);
	if (!remembered)
		return answerWithoutRunning(this, 200, { received: true, started: false, reason: 'replay' });
	staticData.signatures = remembered;

	// answered by the node, so that n8n saves the signature (see startedAnswer)
	return {
		...startedAnswer(this),
		workflowData: [[{ json: { ...delivery, deliveryKey: qyvoDeliveryKey(delivery, rawBody) } }]],
	};
}
