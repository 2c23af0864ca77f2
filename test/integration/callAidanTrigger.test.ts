import {
	CREDENTIAL_BLANKING_VALUE,
	NodeHelpers,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';

import { CallAidanWebhookApi } from '../../credentials/CallAidanWebhookApi.credentials';
import { CallAidanTrigger } from '../../nodes/CallAidanTrigger/CallAidanTrigger.node';
import { callAidanDeliveryKey, callPasses } from '../../nodes/CallAidanTrigger/helpers/receiveCall';
import { secretsEqual, webhookTokenProblem } from '../../nodes/shared/webhook';
import {
	CALLAIDAN_WEBHOOK_TOKEN,
	callAidanCall,
	postRaw,
	sendCallAidanCall,
} from '../../sandbox/webhooks';
import { testCredentialWithNode, type NodeUnderTest } from '../helpers/engine';
import { activateWebhook, WebhookTriggerServer } from '../helpers/triggers';

const nodeType = new CallAidanTrigger();
const credentialType = new CallAidanWebhookApi();

const underTest = (
	filters: INodeParameters = {},
	token = CALLAIDAN_WEBHOOK_TOKEN,
): NodeUnderTest => ({
	nodeType,
	credentialType,
	credentials: { token },
	parameters: { filters },
});

describe('secretsEqual', () => {
	it.each([
		['the same token', 'abc', 'abc', true],
		['another token of the same length', 'abd', 'abc', false],
		['a prefix', 'ab', 'abc', false],
		['a longer token', 'abcd', 'abc', false],
		['an empty expected token, even when both are empty', '', '', false],
	])('%s', (_case, received, expected, equal) => {
		expect(secretsEqual(received, expected)).toBe(equal);
	});
});

describe('callPasses', () => {
	const call = callAidanCall(1, { status: 'did-not-answer', score: 40 });
	it.each([
		['no filters', {}, true],
		['its status chosen', { statuses: ['did-not-answer', 'error'] }, true],
		['another status chosen', { statuses: ['did-succeed'] }, false],
		['a minimum score it reaches', { minimumScore: 40 }, true],
		['a minimum score above it', { minimumScore: 41 }, false],
		['a minimum score of 0', { minimumScore: 0 }, true],
		['both, one failing', { statuses: ['did-not-answer'], minimumScore: 50 }, false],
	])('%s', (_case, filters, passes) => {
		expect(callPasses(call as IDataObject, filters)).toBe(passes);
	});

	it('a call without a numeric score never reaches a minimum score', () => {
		expect(callPasses({ ...call, score: '90' } as IDataObject, { minimumScore: 10 })).toBe(false);
	});
});

describe('callAidanDeliveryKey', () => {
	it.each([
		['a call', callAidanCall(12), 'call:thr_7c1d2e3f-0000-4000-8000-000000000012'],
		['a numeric id', { id: 42 }, 'call:42'],
		['an empty id', { id: '' }, undefined],
		['an object id', { id: { thread: 1 } }, undefined],
		['no id', { status: 'did-succeed' }, undefined],
		['an array', [callAidanCall(13)], undefined],
		['a string', 'thr_1', undefined],
	])('%s: %s', (_case, body, key) => {
		expect(callAidanDeliveryKey(body)).toBe(key);
	});
});

describe('CallAidan Trigger through n8n-core (WebhookContext) behind a loopback server', () => {
	let server: WebhookTriggerServer;

	afterEach(async () => await server.stop());

	it('starts one run per completed call with the payload as sent, transcript included', async () => {
		server = await new WebhookTriggerServer(underTest()).start();
		const call = callAidanCall(1);
		const withoutTranscript = callAidanCall(2, { status: 'error', score: 0, transcript: null });
		const answers = [
			await sendCallAidanCall(server.url, call, CALLAIDAN_WEBHOOK_TOKEN),
			await sendCallAidanCall(server.url, withoutTranscript, CALLAIDAN_WEBHOOK_TOKEN),
		];
		expect(answers.map((answer) => [answer.status, JSON.parse(answer.body)])).toEqual(
			Array(2).fill([200, { message: 'Workflow was started' }]),
		);
		expect(server.started).toEqual([
			[[{ json: { ...call, deliveryKey: 'call:thr_7c1d2e3f-0000-4000-8000-000000000001' } }]],
			[
				[
					{
						json: {
							...withoutTranscript,
							deliveryKey: 'call:thr_7c1d2e3f-0000-4000-8000-000000000002',
						},
					},
				],
			],
		]);
		expect(Object.keys(server.started[1][0][0].json)).not.toContain('transcript');
	});

	it.each([
		['no token', undefined],
		['a wrong token', 'cat_sandbox-token_4f9a1c7e2b6X'],
		['an empty token', ''],
		['the token with a character more', `${CALLAIDAN_WEBHOOK_TOKEN}x`],
	])('answers a call with %s with 401 and starts nothing', async (_case, token) => {
		server = await new WebhookTriggerServer(underTest()).start();
		const answer = await sendCallAidanCall(server.url, callAidanCall(3), token);
		expect([answer.status, JSON.parse(answer.body)]).toEqual([
			401,
			{ error: 'The webhook URL has no token, or not the one in the CallAidan Webhook credential' },
		]);
		expect(server.started).toEqual([]);
	});

	it('does not take the token from a header instead of the URL', async () => {
		server = await new WebhookTriggerServer(underTest()).start();
		const answer = await postRaw(server.url, JSON.stringify(callAidanCall(4)), {
			token: CALLAIDAN_WEBHOOK_TOKEN,
			Authorization: CALLAIDAN_WEBHOOK_TOKEN,
		});
		expect(answer.status).toBe(401);
		expect(server.started).toEqual([]);
	});

	it('acknowledges the calls the filters leave out (200) and starts only the others', async () => {
		server = await new WebhookTriggerServer(
			underTest({ statuses: ['did-succeed'], minimumScore: 70 }),
		).start();
		const good = callAidanCall(5, { status: 'did-succeed', score: 70 });
		const calls = [
			callAidanCall(6, { status: 'did-not-answer', score: 90 }),
			callAidanCall(7, { status: 'did-succeed', score: 69 }),
			good,
		];
		const answers = [];
		for (const call of calls)
			answers.push(await sendCallAidanCall(server.url, call, CALLAIDAN_WEBHOOK_TOKEN));
		expect(answers.map((answer) => [answer.status, JSON.parse(answer.body)])).toEqual([
			[200, { received: true, started: false }],
			[200, { received: true, started: false }],
			[200, { message: 'Workflow was started' }],
		]);
		expect(server.started).toEqual([
			[[{ json: { ...good, deliveryKey: 'call:thr_7c1d2e3f-0000-4000-8000-000000000005' } }]],
		]);
	});

	it('starts a replayed call again, with the same delivery key, and keeps nothing in static data', async () => {
		server = await new WebhookTriggerServer(underTest()).start();
		const first = await sendCallAidanCall(server.url, callAidanCall(14), CALLAIDAN_WEBHOOK_TOKEN);
		const other = await new WebhookTriggerServer(underTest(), 'webhook', server.row).start();
		try {
			const target = new URL(other.url);
			target.searchParams.set('token', CALLAIDAN_WEBHOOK_TOKEN);
			const replayed = await postRaw(target.toString(), first.request.rawBody, {});
			expect([first.status, replayed.status]).toEqual([200, 200]);
			expect(
				[...server.started, ...other.started].map((run) => run[0][0].json.deliveryKey),
			).toEqual(Array(2).fill('call:thr_7c1d2e3f-0000-4000-8000-000000000014'));
			expect(server.row.saves).toBe(0);
		} finally {
			await other.stop();
		}
	});

	it('refuses every call when the credential has no token', async () => {
		server = await new WebhookTriggerServer(underTest({}, '')).start();
		const answers = [
			await sendCallAidanCall(server.url, callAidanCall(8), ''),
			await sendCallAidanCall(server.url, callAidanCall(9)),
		];
		expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
		expect(server.started).toEqual([]);
	});

	it('answers a body that is not a call with 400', async () => {
		server = await new WebhookTriggerServer(underTest()).start();
		const answer = await sendCallAidanCall(server.url, { hello: 'world' }, CALLAIDAN_WEBHOOK_TOKEN);
		expect(answer.status).toBe(400);
		expect(server.started).toEqual([]);
	});

	it('never repeats the token in any answer', async () => {
		server = await new WebhookTriggerServer(underTest({ minimumScore: 99 })).start();
		const answers = [
			await sendCallAidanCall(server.url, callAidanCall(10), CALLAIDAN_WEBHOOK_TOKEN),
			await sendCallAidanCall(server.url, callAidanCall(11), 'wrong'),
		];
		expect(answers.map((answer) => answer.status)).toEqual([200, 401]);
		expect(answers.filter((answer) => answer.body.includes(CALLAIDAN_WEBHOOK_TOKEN))).toEqual([]);
	});
});

describe('CallAidan Webhook credential', () => {
	it.each([
		['', 'The token is empty'],
		['short-token', 'The token is shorter than 16 characters: choose a longer one'],
		[
			'has a space in it, long',
			'The token may hold only letters, digits and - . _ ~, so that it travels unchanged in the URL',
		],
		['a&b=c#d-long-enough', expect.stringContaining('travels unchanged in the URL')],
		[CALLAIDAN_WEBHOOK_TOKEN, undefined],
	])('token %j', (token, problem) => {
		expect(webhookTokenProblem(token)).toEqual(problem);
	});

	/**
	 * n8n's editor shows a failed Test as "Couldn't connect with these settings", the Test's message
	 * only under More details (2.40.7's CredentialConfig: `message: couldntConnectWithTheseSettings,
	 * details: authError`), so the form says why as the token is typed: the notices it shows are
	 * the credential's properties that `displayParameter` shows for the form's values, as the
	 * editor's CredentialEdit filters them.
	 */
	it.each([
		['short-token', ['The token is shorter than 16 characters: choose a longer one']],
		[
			'short token',
			[
				'The token is shorter than 16 characters: choose a longer one',
				expect.stringContaining('travels unchanged in the URL'),
			],
		],
		['has a space in it, long', [expect.stringContaining('travels unchanged in the URL')]],
		['', []],
		[CALLAIDAN_WEBHOOK_TOKEN, []],
		// a saved token comes back to the form as n8n's placeholder
		[CREDENTIAL_BLANKING_VALUE, []],
	])('the form under token %j shows %j', (token, notices) => {
		const shown = credentialType.properties.filter(
			(property) =>
				property.type === 'notice' && NodeHelpers.displayParameter({ token }, property, null, null),
		);
		expect(shown.map((notice) => notice.displayName)).toEqual(notices);
	});

	it('the Test button checks the token can travel in the URL', async () => {
		expect(await testCredentialWithNode(nodeType, credentialType, { token: 'short' })).toEqual({
			status: 'Error',
			message: 'The token is shorter than 16 characters: choose a longer one',
		});
		expect(
			await testCredentialWithNode(nodeType, credentialType, { token: CALLAIDAN_WEBHOOK_TOKEN }),
		).toEqual({ status: 'OK', message: 'Usable: deliveries are checked against it' });
	});

	it('activation stops when the token cannot be used, and passes when it can', async () => {
		await expect(activateWebhook(underTest({}, 'short'))).rejects.toThrow(
			'The token is shorter than 16 characters',
		);
		await expect(activateWebhook(underTest())).resolves.toBeUndefined();
	});
});
