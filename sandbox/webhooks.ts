/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up secrets for the loopback test deliveries */
import { createHmac } from 'node:crypto';

import { seedCallAidanContacts } from './callAidan';
import { seedQyvoContacts } from './qyvo';

/** What Qyvo and CallAidan would send to a webhook URL, as their docs describe it. */

export const QYVO_SIGNING_SECRET = 'whsec_sandbox_7d1f0c3a9b8e4c2f_never-shown';
export const CALLAIDAN_WEBHOOK_TOKEN = 'cat_sandbox-token_4f9a1c7e2b6d';

export const QYVO_WEBHOOK_ID = '01J1Y8XK3T5V7W9Z0A2B4C6D8E';

/** The Qyvo sandbox's contact who writes: within the 24-hour window, so an answer reaches them. */
const [QYVO_WRITER] = seedQyvoContacts();

export type QyvoEvent =
	| 'webhook.test'
	| 'message.received'
	| 'message.status.sent'
	| 'message.status.delivered'
	| 'message.status.read'
	| 'message.status.failed';

/** A Qyvo delivery body in the docs' shape for `event`. */
export function qyvoDelivery(event: QyvoEvent, n = 1): Record<string, unknown> {
	const timestamp = `2026-05-07T08:${String(10 + (n % 50)).padStart(2, '0')}:23+00:00`;
	if (event === 'webhook.test') return { event, webhook_id: QYVO_WEBHOOK_ID, timestamp };
	if (event === 'message.received') {
		return {
			event,
			timestamp,
			tenant_id: '01J1Y8XK3T5V7W9Z0A2B4C6D00',
			message: {
				id: `01J1Y9MSG${String(n).padStart(17, '0')}`,
				direction: 'inbound',
				type: 'text',
				content: { body: `Hello, is the offer still on? (${n})` },
				status: 'received',
				contact_id: QYVO_WRITER.id,
				contact_phone: QYVO_WRITER.phone,
				contact_name: QYVO_WRITER.name,
				contact_email: QYVO_WRITER.email,
				sent_at: null,
				delivered_at: null,
				read_at: null,
				created_at: timestamp,
			},
			contact: {
				id: QYVO_WRITER.id,
				phone: QYVO_WRITER.phone,
				name: QYVO_WRITER.name,
				email: QYVO_WRITER.email,
			},
		};
	}
	return {
		event,
		message_id: `01J1Y9MSG${String(n).padStart(17, '0')}`,
		whatsapp_message_id: `wamid.HBgLMzM2MTIzNDU2NzgVAgARGBI${n}`,
		timestamp,
		...(event === 'message.status.failed'
			? { error_code: 131026, error_message: 'Message undeliverable' }
			: {}),
	};
}

/** `X-Qyvo-Signature` for a body, as the node checks it: HMAC-SHA256 of `<t>.<raw body>`. */
export function qyvoSignature(secret: string, rawBody: string, unixSeconds: number): string {
	const digest = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
	return `t=${unixSeconds},v1=${digest}`;
}

export interface SentDelivery {
	status: number;
	body: string;
	/** What was sent, to replay it as it was. */
	request: { rawBody: string; headers: Record<string, string> };
}

export async function postRaw(
	url: string,
	rawBody: string,
	headers: Record<string, string>,
): Promise<SentDelivery> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: rawBody,
	});
	return { status: response.status, body: await response.text(), request: { rawBody, headers } };
}

export interface QyvoSendOptions {
	/** Signs with this secret instead of the right one. */
	secret?: string;
	/** Seconds to add to the signature's timestamp (negative: in the past). */
	skewSeconds?: number;
	/** Sends no signature at all. */
	unsigned?: boolean;
	/** The raw body to send, when not the compact JSON of the delivery. */
	rawBody?: string;
}

/** Sends a Qyvo delivery to a webhook URL, signed as Qyvo signs it unless told otherwise. */
export async function sendQyvoDelivery(
	url: string,
	delivery: Record<string, unknown>,
	options: QyvoSendOptions = {},
): Promise<SentDelivery> {
	const rawBody = options.rawBody ?? JSON.stringify(delivery);
	const t = Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0);
	const headers: Record<string, string> = {
		'X-Qyvo-Event': String(delivery.event),
		'X-Qyvo-Webhook-Id': QYVO_WEBHOOK_ID,
	};
	if (!options.unsigned)
		headers['X-Qyvo-Signature'] = qyvoSignature(options.secret ?? QYVO_SIGNING_SECRET, rawBody, t);
	return await postRaw(url, rawBody, headers);
}

export type CallStatus = 'did-succeed' | 'did-not-answer' | 'error';

/** The CallAidan sandbox's contact the calls are with, so that a workflow can update it. */
const [CALLAIDAN_CALLEE] = seedCallAidanContacts();

/** A completed voice call in the docs' shape. */
export function callAidanCall(
	n = 1,
	overrides: { status?: CallStatus; score?: number; transcript?: string | null } = {},
): Record<string, unknown> {
	const call: Record<string, unknown> = {
		id: `thr_7c1d2e3f-0000-4000-8000-${String(n).padStart(12, '0')}`,
		status: overrides.status ?? 'did-succeed',
		summary: `The caller booked a demo for Tuesday at 10:00 (call ${n}).`,
		score: overrides.score ?? 87,
		agent: { id: 'agt_01', name: 'Aidan (sales)', phone_number: '+14155550100' },
		direction: 'outbound',
		duration: 142,
		contact: {
			id: CALLAIDAN_CALLEE.id,
			name: CALLAIDAN_CALLEE.name,
			email: CALLAIDAN_CALLEE.email,
			phone_number: CALLAIDAN_CALLEE.phone,
			external_id: 'ghl-contact-123',
		},
	};
	if (overrides.transcript !== null)
		call.transcript =
			overrides.transcript ?? 'Agent: Hi Maria, this is Aidan.\nMaria: Hi! Yes, Tuesday works.';
	return call;
}

/** Sends a completed call to a webhook URL, with `?token=` when one is given. */
export async function sendCallAidanCall(
	url: string,
	call: Record<string, unknown>,
	token?: string,
): Promise<SentDelivery> {
	const target = new URL(url);
	if (token !== undefined) target.searchParams.set('token', token);
	return await postRaw(target.toString(), JSON.stringify(call), {});
}
