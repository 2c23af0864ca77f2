import type { IDataObject } from 'n8n-workflow';

import { QyvoWebhookApi } from '../../credentials/QyvoWebhookApi.credentials';
import { QyvoTrigger } from '../../nodes/QyvoTrigger/QyvoTrigger.node';
import { qyvoDeliveryKey } from '../../nodes/QyvoTrigger/helpers/receiveDelivery';
import {
	rememberOnce,
	shortDigest,
	signingSecretProblem,
	verifySignature,
} from '../../nodes/shared/webhook';
import {
	QYVO_SIGNING_SECRET,
	qyvoDelivery,
	qyvoSignature,
	postRaw,
	sendQyvoDelivery,
} from '../../sandbox/webhooks';
import { testCredentialWithNode, type NodeUnderTest } from '../helpers/engine';
import { activateWebhook, WebhookTriggerServer } from '../helpers/triggers';

const nodeType = new QyvoTrigger();
const credentialType = new QyvoWebhookApi();

const underTest = (events: string[], signingSecret = QYVO_SIGNING_SECRET): NodeUnderTest => ({
	nodeType,
	credentialType,
	credentials: { signingSecret },
	parameters: { events },
});

describe('verifySignature', () => {
	const body = Buffer.from('{"event":"message.received","n":1}');
	const now = 1_780_000_000;
	const signed = (t: number, secret = 'secret', raw = body) =>
		qyvoSignature(secret, raw.toString('utf8'), t);

	it('accepts HMAC-SHA256 of "<t>.<raw body>" within 5 minutes either way', () => {
		for (const t of [now, now - 300, now + 300]) {
			expect(verifySignature(signed(t), body, 'secret', now)).toMatchObject({
				valid: true,
				timestamp: t,
			});
		}
	});

	it.each([
		['no header', undefined, 'The delivery has no signature'],
		['an empty header', '', 'The delivery has no signature'],
		['no timestamp', `v1=${'a'.repeat(64)}`, 'The signature header is malformed'],
		['no v1', `t=${now}`, 'The signature header is malformed'],
		['a v1 that is not hex', `t=${now},v1=${'z'.repeat(64)}`, 'The signature header is malformed'],
		['a short v1', `t=${now},v1=abcd`, 'The signature header is malformed'],
		['a timestamp in ms', `t=${now}000x,v1=${'a'.repeat(64)}`, 'The signature header is malformed'],
		[
			'two timestamps',
			`t=${now},t=${now},v1=${'a'.repeat(64)}`,
			'The signature header is malformed',
		],
	])('refuses %s', (_case, header, reason) => {
		expect(verifySignature(header, body, 'secret', now)).toEqual({ valid: false, reason });
	});

	it.each([
		['another secret', () => signed(now, 'other')],
		[
			'another timestamp than the one signed',
			() => signed(now - 1).replace(`t=${now - 1}`, `t=${now}`),
		],
		[
			'the body re-serialised with spaces',
			() => signed(now, 'secret', Buffer.from('{"event": "message.received", "n": 1}')),
		],
	])('refuses a digest made with %s', (_case, header) => {
		expect(verifySignature(header(), body, 'secret', now)).toEqual({
			valid: false,
			reason: 'The signature does not match',
		});
	});

	it.each([
		['301 s old', now - 301],
		['301 s ahead', now + 301],
	])('refuses a correct signature %s', (_case, t) => {
		expect(verifySignature(signed(t), body, 'secret', now)).toEqual({
			valid: false,
			reason: 'The signature is more than 5 minutes old or ahead',
		});
	});

	it('accepts a header with one good v1 among others (a secret being rotated)', () => {
		const good = signed(now).split('v1=')[1];
		const header = `t=${now},v1=${'0'.repeat(64)},v1=${good}`;
		expect(verifySignature(header, body, 'secret', now)).toEqual({
			valid: true,
			timestamp: now,
			digest: good,
		});
	});
});

describe('rememberOnce', () => {
	it('refuses a key remembered until later, and accepts it again once expired', () => {
		const first = rememberOnce(undefined, 'a', 1000, 0);
		expect(first).toEqual({ a: 1000 });
		expect(rememberOnce(first, 'a', 1000, 999)).toBeUndefined();
		expect(rememberOnce(first, 'a', 2000, 1000)).toEqual({ a: 2000 });
	});

	it('drops expired keys, and past the bound those that expire soonest', () => {
		expect(rememberOnce({ a: 10, b: 1000 }, 'c', 900, 20)).toEqual({ b: 1000, c: 900 });
		expect(rememberOnce({ a: 500, b: 1000, c: 700 }, 'd', 900, 20, 3)).toEqual({
			b: 1000,
			c: 700,
			d: 900,
		});
		expect(rememberOnce({ a: 500, b: 1000, c: 700 }, 'c', 900, 20, 3)).toBeUndefined();
	});

	it('ignores what is not a time in the record it was given', () => {
		expect(
			rememberOnce({ a: 'soon', b: 1000 } as unknown as Record<string, number>, 'a', 900, 20),
		).toEqual({ b: 1000, a: 900 });
	});
});

describe('qyvoDeliveryKey', () => {
	const raw = (delivery: object) => Buffer.from(JSON.stringify(delivery));

	it.each([
		['message.received', 5, 'message.received:01J1Y9MSG00000000000000005'],
		['message.status.sent', 5, 'message.status.sent:01J1Y9MSG00000000000000005'],
		['message.status.read', 5, 'message.status.read:01J1Y9MSG00000000000000005'],
		['message.status.failed', 6, 'message.status.failed:01J1Y9MSG00000000000000006'],
	] as const)('%s of message %i: %s', (event, n, key) => {
		const delivery = qyvoDelivery(event, n) as IDataObject;
		expect(qyvoDeliveryKey(delivery, raw(delivery))).toBe(key);
	});

	it('is the event and a digest of the bytes when the delivery names no message', () => {
		const delivery: IDataObject = { event: 'contact.created', contact: { id: 'c1' } };
		expect(qyvoDeliveryKey(delivery, raw(delivery))).toBe(
			`contact.created:sha256:${shortDigest(raw(delivery))}`,
		);
		expect(shortDigest(raw(delivery))).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('Qyvo Trigger through n8n-core (WebhookContext) behind a loopback server', () => {
	let server: WebhookTriggerServer;

	beforeEach(async () => {
		server = await new WebhookTriggerServer(
			underTest(['message.received', 'message.status.failed']),
		).start();
	});

	afterEach(async () => await server.stop());

	it('starts one run with the delivery as sent: event, message and contact at the top level', async () => {
		const delivery = qyvoDelivery('message.received', 101);
		const answer = await sendQyvoDelivery(server.url, delivery);
		expect([answer.status, JSON.parse(answer.body)]).toEqual([
			200,
			{ message: 'Workflow was started' },
		]);
		expect(server.started).toEqual([
			[[{ json: { ...delivery, deliveryKey: 'message.received:01J1Y9MSG00000000000000101' } }]],
		]);
	});

	it('verifies the bytes received: a body with spaces and a trailing newline, signed as sent, is accepted', async () => {
		const delivery = qyvoDelivery('message.status.failed', 102);
		const rawBody = `${JSON.stringify(delivery, null, 2)}\n`;
		const answer = await sendQyvoDelivery(server.url, delivery, { rawBody });
		expect(answer.status).toBe(200);
		expect(server.started).toEqual([
			[
				[
					{
						json: { ...delivery, deliveryKey: 'message.status.failed:01J1Y9MSG00000000000000102' },
					},
				],
			],
		]);
	});

	it.each([
		['unsigned', { unsigned: true }, 'The delivery has no signature'],
		[
			'signed with another secret',
			{ secret: 'whsec_someone-else' },
			'The signature does not match',
		],
		[
			'signed 6 minutes ago',
			{ skewSeconds: -360 },
			'The signature is more than 5 minutes old or ahead',
		],
		[
			'signed 6 minutes ahead',
			{ skewSeconds: 360 },
			'The signature is more than 5 minutes old or ahead',
		],
	])('answers a delivery %s with 401 and starts nothing', async (_case, options, reason) => {
		const answer = await sendQyvoDelivery(
			server.url,
			qyvoDelivery('message.received', 103),
			options,
		);
		expect([answer.status, JSON.parse(answer.body)]).toEqual([401, { error: reason }]);
		expect(server.started).toEqual([]);
	});

	it('refuses a body changed after signing (401)', async () => {
		const sent = await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 104));
		const tampered = sent.request.rawBody.replace('Hello', 'Hellp');
		const answer = await postRaw(server.url, tampered, sent.request.headers);
		expect(answer.status).toBe(401);
		expect(server.started).toHaveLength(1);
	});

	it('acknowledges a replayed delivery (same signature) without starting it again', async () => {
		const first = await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 105));
		const replayed = await postRaw(server.url, first.request.rawBody, first.request.headers);
		expect([first.status, replayed.status]).toEqual([200, 200]);
		expect(JSON.parse(replayed.body)).toEqual({ received: true, started: false, reason: 'replay' });
		expect(server.started).toHaveLength(1);
	});

	it('keeps what it accepted in the static data n8n saves: the signature, until it would be stale', async () => {
		const before = Math.floor(Date.now() / 1000);
		const first = await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 112));
		await postRaw(server.url, first.request.rawBody, first.request.headers);
		const [timestamp, digest] = first.request.headers['X-Qyvo-Signature']
			.split(',')
			.map((part) => part.split('=')[1]);
		expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
		expect(JSON.parse(server.row.staticData)).toEqual({
			'node:Qyvo Trigger': { signatures: { [digest.slice(0, 32)]: Number(timestamp) + 301 } },
		});
		// the replay changed nothing, so nothing was written for it
		expect(server.row.saves).toBe(1);
	});

	it('a replay that reaches another webhook process sharing the database is not started either', async () => {
		const other = await new WebhookTriggerServer(
			underTest(['message.received', 'message.status.failed']),
			'webhook',
			server.row,
		).start();
		try {
			const first = await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 113));
			const replayed = await postRaw(other.url, first.request.rawBody, first.request.headers);
			expect(JSON.parse(replayed.body)).toEqual({
				received: true,
				started: false,
				reason: 'replay',
			});
			expect([server.started.length, other.started.length]).toEqual([1, 0]);
		} finally {
			await other.stop();
		}
	});

	it('saves the signatures of later deliveries too, once the workflow has static data (n8n 2.x loses them when n8n answers)', async () => {
		const other = await new WebhookTriggerServer(
			underTest(['message.received', 'message.status.failed']),
			'webhook',
			server.row,
		).start();
		try {
			const sent = [];
			for (const n of [115, 116, 117])
				sent.push(await sendQyvoDelivery(server.url, qyvoDelivery('message.received', n)));
			const replays = [];
			for (const delivery of sent)
				replays.push(await postRaw(other.url, delivery.request.rawBody, delivery.request.headers));
			expect(replays.map((replay) => JSON.parse(replay.body))).toEqual(
				Array(3).fill({ received: true, started: false, reason: 'replay' }),
			);
			expect([server.started.length, other.started.length, server.row.saves]).toEqual([3, 0, 3]);
		} finally {
			await other.stop();
		}
	});

	it('a retry Qyvo signs again starts again, with the same delivery key for Remove Duplicates', async () => {
		const delivery = qyvoDelivery('message.status.failed', 114);
		const first = await sendQyvoDelivery(server.url, delivery);
		const retried = await sendQyvoDelivery(server.url, delivery, { skewSeconds: -30 });
		expect([first.status, retried.status]).toEqual([200, 200]);
		const keys = server.started.map((run) => run[0][0].json.deliveryKey);
		expect(keys).toEqual([
			'message.status.failed:01J1Y9MSG00000000000000114',
			'message.status.failed:01J1Y9MSG00000000000000114',
		]);
	});

	it('acknowledges webhook.test and events not chosen, and starts nothing', async () => {
		const answers = [
			await sendQyvoDelivery(server.url, qyvoDelivery('webhook.test', 106)),
			await sendQyvoDelivery(server.url, qyvoDelivery('message.status.read', 107)),
			await sendQyvoDelivery(server.url, qyvoDelivery('message.status.sent', 108)),
		];
		expect(answers.map((answer) => [answer.status, JSON.parse(answer.body)])).toEqual(
			Array(3).fill([200, { received: true, started: false }]),
		);
		expect(server.started).toEqual([]);
		expect(server.row.saves).toBe(0);
	});

	it('answers a signed body that is not a JSON object with 400', async () => {
		const answer = await sendQyvoDelivery(server.url, { event: 'x' }, { rawBody: '[1,2]' });
		expect(answer.status).toBe(400);
		expect(server.started).toEqual([]);
	});

	it('never repeats the secret in any answer', async () => {
		const answers = [
			await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 109)),
			await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 110), { unsigned: true }),
			await sendQyvoDelivery(server.url, qyvoDelivery('message.received', 111), { secret: 'x' }),
		];
		expect(answers.filter((answer) => answer.body.includes(QYVO_SIGNING_SECRET))).toEqual([]);
	});
});

describe('Qyvo Webhook credential', () => {
	it.each([
		['', 'The signing secret is empty'],
		[' whsec_abc', 'The signing secret starts or ends with a space: paste it again without it'],
		['whsec_abc', undefined],
	])('signing secret %j: %s', (secret, problem) => {
		expect(signingSecretProblem(secret)).toBe(problem);
	});

	it('the Test button checks the secret can be used', async () => {
		expect(await testCredentialWithNode(nodeType, credentialType, { signingSecret: '' })).toEqual({
			status: 'Error',
			message: 'The signing secret is empty',
		});
		expect(
			await testCredentialWithNode(nodeType, credentialType, {
				signingSecret: QYVO_SIGNING_SECRET,
			}),
		).toEqual({ status: 'OK', message: 'Usable: deliveries are checked against it' });
	});

	it('activation stops when the secret cannot be used, and passes when it can', async () => {
		await expect(activateWebhook(underTest(['message.received'], ''))).rejects.toThrow(
			'The signing secret is empty',
		);
		await expect(activateWebhook(underTest(['message.received']))).resolves.toBeUndefined();
	});
});
