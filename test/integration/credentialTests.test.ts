import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CALLAIDAN_KEY, FakeCallAidan } from '../../sandbox/callAidan';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { FakeQyvo, QYVO_BASE_PATH, QYVO_TOKEN } from '../../sandbox/qyvo';
import { LoopbackServer, type Answer } from '../../sandbox/server';
import { testCredential } from '../helpers/engine';

const guayaba = new FakeGuayaba();
const callAidan = new FakeCallAidan();
const qyvo = new FakeQyvo();
/** another host on loopback, where a redirect points: it must never see a key */
const elsewhere = new LoopbackServer(() => ({ status: 200, body: { id: 1, detail: 'elsewhere' } }));
let otherAnswer: Answer = { status: 404, body: {} };
/** a server at the wrong Base URL, whatever the key */
const other = new LoopbackServer(() => otherAnswer);
const servers = [guayaba, callAidan, qyvo, elsewhere, other];

beforeAll(async () => {
	await Promise.all(servers.map(async (server) => await server.start()));
});
afterAll(async () => {
	await Promise.all(servers.map(async (server) => await server.stop()));
});
beforeEach(() => servers.forEach((server) => server.reset()));

interface Case {
	name: string;
	type: ICredentialType;
	api: LoopbackServer;
	basePath: string;
	secret: 'apiKey' | 'apiToken';
	good: string;
	request: [string, string];
	refused: string;
}

const cases: Case[] = [
	{
		name: 'Guayaba',
		type: new GuayabaApi(),
		api: guayaba,
		basePath: '',
		secret: 'apiKey',
		good: GUAYABA_KEY,
		request: ['GET', '/contacts/statuses'],
		refused: 'The API key was refused (HTTP 401): check it in the Guayaba dashboard',
	},
	{
		name: 'CallAidan',
		type: new CallAidanApi(),
		api: callAidan,
		basePath: '',
		secret: 'apiKey',
		good: CALLAIDAN_KEY,
		request: ['GET', '/contacts/00000000-0000-0000-0000-000000000000/'],
		refused: 'The API key was refused (HTTP 401): check it in your CallAidan account',
	},
	{
		name: 'Qyvo',
		type: new QyvoApi(),
		api: qyvo,
		basePath: QYVO_BASE_PATH,
		secret: 'apiToken',
		good: QYVO_TOKEN,
		request: ['GET', `${QYVO_BASE_PATH}/me`],
		refused: 'The API token was refused (HTTP 401): check it in your Qyvo account',
	},
];

function credentials(test: Case, baseUrl: string, secret = test.good) {
	return { [test.secret]: secret, baseUrl } as ICredentialDataDecryptedObject;
}

describe.each(cases)('the $name credential Test button', (test) => {
	it('accepts the good secret with one read-only request', async () => {
		await expect(
			testCredential(test.type, credentials(test, `${test.api.url}${test.basePath}/`)),
		).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(test.api.received.map(({ method, path }) => [method, path])).toEqual([test.request]);
	});

	it('refuses a bad secret, naming it as the credential does', async () => {
		await expect(
			testCredential(test.type, credentials(test, `${test.api.url}${test.basePath}`, 'wrong')),
		).resolves.toEqual({ status: 'Error', message: test.refused });
	});

	it.each([301, 302, 303, 307, 308])(
		'does not follow a %i to another host, and says it was a redirect',
		async (status) => {
			test.api.injectFaults({ status, headers: { Location: `${elsewhere.url}/steal` } });
			const result = await testCredential(
				test.type,
				credentials(test, `${test.api.url}${test.basePath}`),
			);
			expect(result).toEqual({
				status: 'Error',
				message: `${test.name} answered with a redirect (HTTP ${status}), which the Test does not follow so that the ${test.secret === 'apiKey' ? 'API key' : 'API token'} goes to no other host: check the Base URL`,
			});
			expect(elsewhere.received).toEqual([]);
		},
	);

	it('fails at a server that answers 404 to everything', async () => {
		otherAnswer = { status: 404, body: { error: 'Not found' } };
		const result = await testCredential(test.type, credentials(test, other.url, 'any key'));
		expect(result.status).toBe('Error');
		expect(other.received).toHaveLength(1);
	});

	// n8n's CredentialsTester gives a connection failure's code alone (error.cause.code) for a
	// declarative test, the only kind that needs no deprecated helper
	it("says n8n's connection error for an unreachable Base URL, never its password", async () => {
		const result = await testCredential(
			test.type,
			credentials(test, 'http://user:hunter2@127.0.0.1:9'),
		);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('shows no password of a Base URL with user:password@ in a refusal', async () => {
		const url = new URL(`${test.api.url}${test.basePath}`);
		url.username = 'user';
		url.password = 'hunter2';
		const result = await testCredential(test.type, credentials(test, url.href, 'wrong'));
		expect(result).toEqual({ status: 'Error', message: test.refused });
	});
});

describe('the CallAidan Test button proves the key, not only that something answers 404', () => {
	const type = new CallAidanApi();

	it.each([
		['a JSON 404 without the "detail" of its framework', { error: 'Not found' }],
		['an HTML 404', '<html><body>Not Found</body></html>'],
	])('fails at a server answering %s to any key', async (_, body) => {
		otherAnswer = { status: 404, body };
		await expect(testCredential(type, { apiKey: 'any key', baseUrl: other.url })).resolves.toEqual({
			status: 'Error',
			message:
				"The server at the Base URL does not answer as CallAidan's API does: check the Base URL",
		});
	});

	it.each([
		[200, 'CallAidan answered HTTP 200 where only a 404 can come: check the Base URL'],
		[500, 'Internal Server Error'],
		[400, 'Bad Request'],
	])('fails when the contact that cannot exist answers %i', async (status, message) => {
		otherAnswer = { status, body: { detail: 'something' } };
		await expect(
			testCredential(type, { apiKey: CALLAIDAN_KEY, baseUrl: other.url }),
		).resolves.toEqual({ status: 'Error', message });
	});
});

describe('the Qyvo Test button', () => {
	it('fails at a server that answers 404 with a JSON body to any token', async () => {
		otherAnswer = { status: 404, body: { message: 'Unauthenticated.' } };
		await expect(
			testCredential(new QyvoApi(), { apiToken: 'any', baseUrl: other.url }),
		).resolves.toEqual({ status: 'Error', message: 'Not Found' });
	});
});
