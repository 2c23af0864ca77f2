/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code: it prints the suite summary, and its keys are made up for the loopback servers */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { CALLAIDAN_KEY, FakeCallAidan, seedCallAidanContacts } from '../../sandbox/callAidan';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { FakeQyvo, QYVO_BASE_PATH, QYVO_TOKEN, seedQyvoContacts } from '../../sandbox/qyvo';
import { LoopbackServer, type Answer, type Fault } from '../../sandbox/server';
import { runNode, type NodeRun } from '../helpers/engine';
import { SHORT_BACKOFFS, withRetryPolicy } from '../helpers/retries';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

/**
 * Every way a request can go wrong, for each node: one clear item-level answer, nothing lost, no
 * secret anywhere in what the run produced. Prints a summary at the end.
 */

interface Subject {
	service: string;
	server: LoopbackServer;
	secret: string;
	nodeType: () => INodeType;
	credentialType: ICredentialType;
	credentials: () => ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	/** Text only the first item's request body holds. */
	firstItem: string;
	/** How an error about the first item's contact names it. */
	lookup: string;
}

const guayaba = new FakeGuayaba();
const callAidan = new FakeCallAidan();
const qyvo = new FakeQyvo();

const subjects: Subject[] = [
	{
		service: 'Guayaba',
		server: guayaba,
		secret: GUAYABA_KEY,
		nodeType: () => withRetryPolicy(new Guayaba(), SHORT_BACKOFFS),
		credentialType: new GuayabaApi(),
		credentials: () => ({ apiKey: GUAYABA_KEY, baseUrl: guayaba.url, ...NO_CLIENT_LIMIT }),
		parameters: {
			resource: 'contact',
			operation: 'updateByPhone',
			phone: '={{ $json.row === 1 ? "+11234567890" : "+14155552671" }}',
			updateFields: { status: 'DNC' },
		},
		firstItem: '+11234567890',
		lookup: 'phone +11234567890',
	},
	{
		service: 'CallAidan',
		server: callAidan,
		secret: CALLAIDAN_KEY,
		nodeType: () => withRetryPolicy(new CallAidan(), SHORT_BACKOFFS),
		credentialType: new CallAidanApi(),
		credentials: () => ({ apiKey: CALLAIDAN_KEY, baseUrl: callAidan.url, ...NO_CLIENT_LIMIT }),
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: seedCallAidanContacts()[0].id,
			updateFields: { notes: '={{ "row " + $json.row }}' },
		},
		firstItem: 'row 1',
		lookup: `ID ${seedCallAidanContacts()[0].id}`,
	},
	{
		service: 'Qyvo',
		server: qyvo,
		secret: QYVO_TOKEN,
		nodeType: () => withRetryPolicy(new Qyvo(), SHORT_BACKOFFS),
		credentialType: new QyvoApi(),
		credentials: () => ({
			apiToken: QYVO_TOKEN,
			baseUrl: `${qyvo.url}${QYVO_BASE_PATH}`,
			...NO_CLIENT_LIMIT,
		}),
		parameters: {
			resource: 'contact',
			operation: 'update',
			lookupBy: 'contactId',
			contactId: seedQyvoContacts()[0].id,
			updateFields: { name: '={{ "row " + $json.row }}' },
		},
		firstItem: 'row 1',
		lookup: `ID ${seedQyvoContacts()[0].id}`,
	},
];

interface FailureCase {
	name: string;
	/** A function when the faults need what exists only once the servers run. */
	faults: Fault[] | (() => Fault[]);
	/** The message the user sees; `{service}` stands for the vendor's name, `{lookup}` for the contact's phone or ID. */
	message: string | RegExp;
	httpCode?: string;
	description?: string | RegExp;
	/** n8n's own Request Options collection, which its loader adds to every declarative node. */
	requestOptions?: INodeParameters;
	/** The longest the run may hold the event loop at once, and the longest it may take. */
	maxLoopLagMs?: number;
	maxRunMs?: number;
	/** Checked once every node has run the case. */
	afterwards?: () => void;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({
	status,
	body,
	headers,
});
const times = (count: number, fault: Fault): Fault[] => Array.from({ length: count }, () => fault);

/** Another host, which records whatever reaches it: a redirect must not bring it the key. */
const otherHost = new LoopbackServer(() => ({
	status: 200,
	body: { id: 'from-the-other-host', contact: { id: 'from-the-other-host' } },
}));

/** `{"error":{"error":...}}` nested `levels` deep, as n8n searches an error body for a message. */
const nested = (levels: number): string =>
	`${'{"error":'.repeat(levels)}"too deep"${'}'.repeat(levels)}`;

const redirectCases: FailureCase[] = [301, 302, 303, 307, 308].map((status) => ({
	name: `a ${status} redirect to another host`,
	faults: () => [json(status, {}, { Location: `${otherHost.url}/stolen?keep=this` })],
	message: new RegExp(
		`^\\{service\\} answered with a redirect \\(HTTP ${status}\\) to 127\\.0\\.0\\.1:\\d+, which was not followed$`,
	),
	httpCode: String(status),
	description: /^The key is sent only to the host of the Base URL in the \{service\} credential\./,
	afterwards: () => expect(otherHost.received).toEqual([]),
}));

const cases: FailureCase[] = [
	{
		name: '400 with the API words',
		faults: [json(400, { error: 'Bad Request', message: 'phone is invalid' })],
		message: 'phone is invalid ({lookup})',
		httpCode: '400',
	},
	{
		name: '401',
		faults: [json(401, { error: 'Unauthorized' })],
		message: 'The API key was refused: check the {service} credential',
		httpCode: '401',
	},
	{
		name: '403',
		faults: [json(403, { error: 'Forbidden' })],
		message: 'Forbidden',
		httpCode: '403',
	},
	{
		name: '403 with no words',
		faults: [json(403, {})],
		message: 'The {service} API key is not allowed to do this: check its permissions',
		httpCode: '403',
	},
	{
		name: '404',
		faults: [json(404, { error: 'Contact not found' })],
		message: 'Contact not found ({lookup})',
		httpCode: '404',
	},
	{
		name: '409',
		faults: [json(409, { message: 'Phone number already exists' })],
		message: 'Phone number already exists ({lookup})',
		httpCode: '409',
	},
	{
		name: '422 with field errors',
		faults: [
			json(422, {
				message: 'The given data was invalid.',
				errors: { email: ['The email is taken.'] },
			}),
		],
		message: 'The given data was invalid. (email: The email is taken.) ({lookup})',
		httpCode: '422',
	},
	{
		name: '429 on every try',
		faults: times(12, json(429, { error: 'Too Many Requests' }, { 'Retry-After': '0' })),
		// six refusals while the key takes nothing else; one that comes after the second item was
		// taken does not count (the key moved on), so the item may be tried a seventh time
		message: /^\{service\} rate limited this request: tried [67] times$/,
		httpCode: '429',
	},
	{
		name: '500',
		faults: [json(500, { error: 'Internal Server Error' })],
		message: 'Internal Server Error',
		httpCode: '500',
	},
	{
		name: '500 with an HTML page from a proxy',
		faults: [{ status: 500, body: '<html><body><h1>500 Internal Server Error</h1></body></html>' }],
		message: '{service} is unavailable or failed (HTTP 500): try again later',
		httpCode: '500',
	},
	{
		name: '502 on every try',
		faults: times(4, { status: 502, body: '<html>Bad Gateway</html>' }),
		message: '{service} was unavailable (HTTP 502): tried 4 times',
		httpCode: '502',
	},
	{
		name: '503 on every try',
		faults: times(4, json(503, { error: 'Service Unavailable' })),
		message: '{service} was unavailable (HTTP 503): tried 4 times',
		httpCode: '503',
	},
	{
		name: '504 on every try',
		faults: times(4, { status: 504, body: '' }),
		message: '{service} was unavailable (HTTP 504): tried 4 times',
		httpCode: '504',
	},
	{
		name: 'a reset connection on every try',
		faults: times(4, 'reset'),
		message: '{service} was unavailable (the connection was reset): tried 4 times',
	},
	{
		name: 'no answer within the Timeout of Request Options',
		faults: ['silence'],
		requestOptions: { timeout: 500 },
		message: /^\{service\} did not answer in time \(127\.0\.0\.1:\d+\)$/,
	},
	{
		name: 'an empty body on a 200',
		faults: [{ status: 200, body: '' }],
		message: /^\{service\} answered without (the contact|a contact)$/,
		httpCode: '200',
	},
	{
		name: 'malformed JSON on a 200',
		faults: [{ status: 200, body: '{"id": "12', headers: { 'Content-Type': 'application/json' } }],
		message: /^\{service\} answered without (the contact|a contact)$/,
		httpCode: '200',
	},
	{
		name: 'an HTML page on a 200',
		faults: [{ status: 200, body: '<html>Maintenance</html>' }],
		message: /^\{service\} answered without (the contact|a contact)$/,
		httpCode: '200',
	},
	...redirectCases,
	{
		name: 'a 401 that echoes the key',
		faults: [{ echo: 401 }],
		message: 'The API key was refused: check the {service} credential',
		httpCode: '401',
		description: 'Invalid API key [redacted]',
	},
	{
		name: 'a 400 whose words echo the key',
		faults: [{ echo: 400 }],
		message: 'Invalid API key [redacted] ({lookup})',
		httpCode: '400',
	},
	{
		name: 'a 200 that echoes the key but holds no contact',
		faults: [{ echo: 200 }],
		message: '{service} answered that the request failed: Invalid API key [redacted]',
		httpCode: '200',
	},
	{
		name: 'an error body nested 1,000 levels deep',
		faults: [{ status: 400, body: nested(1000), headers: { 'Content-Type': 'application/json' } }],
		message: '{service} refused the request as invalid: check the fields sent ({lookup})',
		httpCode: '400',
		maxLoopLagMs: 250,
	},
	{
		name: 'an error body nested 3,000 levels deep',
		faults: [{ status: 422, body: nested(3000), headers: { 'Content-Type': 'application/json' } }],
		message: '{service} could not process the fields sent: check their values ({lookup})',
		httpCode: '422',
		maxLoopLagMs: 250,
	},
	{
		name: 'a 503 body nested 3,000 levels deep on every try',
		faults: times(4, {
			status: 503,
			body: nested(3000),
			headers: { 'Content-Type': 'application/json' },
		}),
		// how long it waited depends on the rate limit and the backoffs, not on the body
		message: /^\{service\} was unavailable \(HTTP 503\): tried 4 times(, after waiting \d+ s)?$/,
		httpCode: '503',
		maxLoopLagMs: 250,
	},
	{
		name: 'a JSON error message of 20 MB',
		faults: [json(400, { message: 'x'.repeat(20_000_000) })],
		message: `${'x'.repeat(297)}... ({lookup})`,
		httpCode: '400',
	},
	{
		name: 'a 200 that says it failed',
		faults: [json(200, { success: false, error: 'Contact is locked by another update' })],
		message: '{service} answered that the request failed: Contact is locked by another update',
		httpCode: '200',
	},
	{
		name: 'a 200 with only an error',
		faults: [json(200, { error: 'Internal error' })],
		message: '{service} answered that the request failed: Internal error',
		httpCode: '200',
	},
	{
		name: 'a 200 with an empty object',
		faults: [json(200, {})],
		message: /^\{service\} answered without (the contact|a contact)$/,
		httpCode: '200',
	},
	{
		name: 'a 200 whose contact has no id',
		faults: [json(200, { name: 'row 1', contact: { name: 'row 1' } })],
		message: /^\{service\} answered without (the contact|a contact)$/,
		httpCode: '200',
	},
	{
		name: 'an answer that trickles in slower than the Timeout of Request Options',
		faults: [
			{
				trickle: {
					status: 200,
					body: { id: 'late', contact: { id: 'late' }, padding: 'x'.repeat(40) },
					everyMs: 100,
					bytes: 2,
				},
			},
		],
		requestOptions: { timeout: 800 },
		message: /^\{service\} did not answer in time \(127\.0\.0\.1:\d+\)$/,
		// the whole answer would take 4 s; a byte comes far more often than the timeout
		maxRunMs: 2500,
	},
];

const tally = { cases: 0, named: 0, itemsLost: 0, secretsFound: 0 };

beforeAll(async () => {
	await Promise.all([guayaba.start(), callAidan.start(), qyvo.start(), otherHost.start()]);
});
afterAll(async () => {
	await Promise.all([guayaba.stop(), callAidan.stop(), qyvo.stop(), otherHost.stop()]);
	process.stdout.write(
		`\nreliability: ${tally.cases} cases tried, ${tally.named} failures named, ${tally.itemsLost} items lost, ${tally.secretsFound} secrets found\n`,
	);
});
beforeEach(() => {
	for (const { server } of subjects) server.reset();
	otherHost.reset();
});

function run(
	subject: Subject,
	onError?: 'continueRegularOutput',
	requestOptions: INodeParameters = {},
): Promise<NodeRun> {
	return runNode({
		nodeType: subject.nodeType(),
		credentialType: subject.credentialType,
		credentials: subject.credentials(),
		parameters: { ...subject.parameters, options: {}, requestOptions },
		items: [{ json: { row: 1 } }, { json: { row: 2 } }],
		onError,
	});
}

/** Counts the secrets in what a run produced (before any other assertion can stop the count). */
function secretsIn(subject: Subject, ...produced: unknown[]): number {
	const found = produced.filter((value) => JSON.stringify(value).includes(subject.secret)).length;
	tally.secretsFound += found;
	return found;
}

// the three nodes run side by side: their servers and rate-limit keys are apart
/** The longest the event loop was held at once while `work` ran. */
async function longestLoopLag<T>(work: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
	let lagMs = 0;
	let last = Date.now();
	const ticker = setInterval(() => {
		const now = Date.now();
		lagMs = Math.max(lagMs, now - last - 10);
		last = now;
	}, 10);
	try {
		return { result: await work(), lagMs };
	} finally {
		clearInterval(ticker);
	}
}

describe.each(cases)('$name', (failureCase) => {
	it('each node: one clear error, the second item unaffected, no secret', async () => {
		const started = Date.now();
		const { lagMs } = await longestLoopLag(() =>
			Promise.all(subjects.map((subject) => checkCase(failureCase, subject))),
		);
		if (failureCase.maxLoopLagMs !== undefined) {
			expect(lagMs).toBeLessThan(failureCase.maxLoopLagMs);
		}
		if (failureCase.maxRunMs !== undefined) {
			expect(Date.now() - started).toBeLessThan(failureCase.maxRunMs);
		}
		failureCase.afterwards?.();
	});
});

async function checkCase(failureCase: FailureCase, subject: Subject): Promise<void> {
	tally.cases++;
	const forService = (text: string | RegExp): string | RegExp =>
		typeof text === 'string'
			? text.replace('{service}', subject.service).replace('{lookup}', subject.lookup)
			: new RegExp(text.source.replace('\\{service\\}', subject.service));
	const message = forService(failureCase.message);
	const faults =
		typeof failureCase.faults === 'function' ? failureCase.faults() : failureCase.faults;
	// the first item meets the failure on every try; the second item is answered normally
	subject.server.injectFaultsWhere(
		(request) => request.rawBody.includes(subject.firstItem),
		...faults,
	);

	const {
		outputs,
		error,
		run: stored,
	} = await run(subject, 'continueRegularOutput', failureCase.requestOptions);

	// counted before any assertion, so that a run that lost items or leaked shows in the summary
	const [items = []] = outputs;
	tally.itemsLost += Math.max(0, 2 - items.length);
	const secretsFound = secretsIn(subject, stored, outputs);
	expect(error).toBeUndefined();
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const [failure, second] = items;
	expect(second.json.error).toBeUndefined();
	expect(second.json.id).toEqual(expect.any(String));
	if (typeof message === 'string') expect(failure.json.error).toBe(message);
	else expect(failure.json.error).toMatch(message);
	expect(failure.json.error).not.toMatch(/undefined|\[object Object\]|at .*\.js:\d+/);
	if (failureCase.httpCode)
		expect(failure.json.details).toMatchObject({ httpCode: failureCase.httpCode });
	if (failureCase.description) {
		const description = forService(failureCase.description);
		const { description: shown } = failure.json.details as { description?: string };
		if (typeof description === 'string') expect(shown).toBe(description);
		else expect(shown).toMatch(description);
	}
	expect(JSON.stringify(failure.json)).not.toMatch(/headers|X-API-Key|authorization|Bearer/i);
	expect(secretsFound).toBe(0);
	tally.named++;
}

describe('without Continue On Fail', () => {
	it.each(subjects)(
		'$service: the run stops at the failing item, which the error names',
		async (subject) => {
			tally.cases++;
			// the second item fails; the first is answered normally
			subject.server.injectFaultsWhere(
				(request) => !request.rawBody.includes(subject.firstItem),
				json(404, { error: 'Contact not found' }),
			);
			const { error, run: stored } = await run(subject);
			const secretsFound = secretsIn(subject, stored);
			// Guayaba's items differ by phone; the others update one contact ID
			const lookup = subject.service === 'Guayaba' ? 'phone +14155552671' : subject.lookup;
			expect(error?.message).toBe(`Contact not found (${lookup})`);
			expect(error?.context?.itemIndex).toBe(1);
			expect(secretsFound).toBe(0);
			tally.named++;
		},
	);
});

describe('a Base URL with a user name and password in it', () => {
	const password = 'pa55-w0rd-never-shown';
	const withPassword = (url: string) => url.replace('http://', `http://outreach:${password}@`);

	it.each(subjects)(
		'$service: "could not reach" and "did not answer in time" show the host only',
		async (subject) => {
			tally.cases += 2;
			const credentials = subject.credentials();
			const unreachable = await runNode({
				nodeType: subject.nodeType(),
				credentialType: subject.credentialType,
				credentials: { ...credentials, baseUrl: withPassword('http://127.0.0.1:9/api/v1') },
				parameters: { ...subject.parameters, options: { requestsPerMinute: 0 } },
				items: [{ json: { row: 1 } }],
			});
			subject.server.injectFaults('silence');
			const silent = await runNode({
				nodeType: subject.nodeType(),
				credentialType: subject.credentialType,
				credentials: { ...credentials, baseUrl: withPassword(String(credentials.baseUrl)) },
				parameters: {
					...subject.parameters,
					options: {},
					requestOptions: { timeout: 300 },
				},
				items: [{ json: { row: 1 } }],
			});

			const leaks = [unreachable, silent].filter((run) => JSON.stringify(run).includes(password));
			tally.secretsFound += leaks.length;
			expect(unreachable.error?.message).toBe(
				`Could not reach ${subject.service} at 127.0.0.1:9: the connection was refused`,
			);
			expect(silent.error?.message).toBe(
				`${subject.service} did not answer in time (${new URL(subject.server.url).host})`,
			);
			expect(leaks).toEqual([]);
			tally.named += 2;
		},
	);
});
