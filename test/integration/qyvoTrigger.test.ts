import { QyvoWebhookApi } from '../../credentials/QyvoWebhookApi.credentials';
import { QyvoTrigger } from '../../nodes/QyvoTrigger/QyvoTrigger.node';
import { ReplayGuard, signingSecretProblem, verifySignature } from '../../nodes/shared/webhook';
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

describe('ReplayGuard', () => {
	it('refuses a key seen before until it expires, then accepts it again', () => {
		const guard = new ReplayGuard();
		expect(guard.firstSeen('a', 1000, 0)).toBe(true);
		expect(guard.firstSeen('a', 1000, 999)).toBe(false);
		expect(guard.firstSeen('a', 2000, 1000)).toBe(true);
	});

	it('never holds more than its bound: expired keys go first, then the oldest', () => {
		const guard = new ReplayGuard(3);
		for (const key of ['a', 'b', 'c']) guard.firstSeen(key, key === 'a' ? 10 : 1000, 0);
		expect(guard.firstSeen('d', 1000, 20)).toBe(true);
		expect(guard.size).toBe(3);
		// 'a' had expired; 'b' is now the oldest and leaves for 'e'
		expect(guard.firstSeen('e', 1000, 20)).toBe(true);
		expect(guard.size).toBe(3);
		expect(guard.firstSeen('c', 1000, 20)).toBe(false);
		expect(guard.firstSeen('b', 1000, 20)).toBe(true);
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
		expect(server.started).toEqual([[[{ json: delivery }]]]);
	});

	it('verifies the bytes received: a body with spaces and a trailing newline, signed as sent, is accepted', async () => {
		const delivery = qyvoDelivery('message.status.failed', 102);
		const rawBody = `${JSON.stringify(delivery, null, 2)}\n`;
		const answer = await sendQyvoDelivery(server.url, delivery, { rawBody });
		expect(answer.status).toBe(200);
		expect(server.started).toEqual([[[{ json: delivery }]]]);
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
