/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: it prints the suite summary */
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
import type { Answer, Fault, LoopbackServer } from '../../sandbox/server';
import { runNode, type NodeRun } from '../helpers/engine';
import { SHORT_BACKOFFS, withRetryPolicy } from '../helpers/retries';

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
		credentials: () => ({ apiKey: GUAYABA_KEY, baseUrl: guayaba.url }),
		parameters: {
			resource: 'contact',
			operation: 'updateByPhone',
			phone: '={{ $json.row === 1 ? "+11234567890" : "+14155552671" }}',
			updateFields: { status: 'DNC' },
		},
		firstItem: '+11234567890',
	},
	{
		service: 'CallAidan',
		server: callAidan,
		secret: CALLAIDAN_KEY,
		nodeType: () => withRetryPolicy(new CallAidan(), SHORT_BACKOFFS),
		credentialType: new CallAidanApi(),
		credentials: () => ({ apiKey: CALLAIDAN_KEY, baseUrl: callAidan.url }),
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: seedCallAidanContacts()[0].id,
			updateFields: { notes: '={{ "row " + $json.row }}' },
		},
		firstItem: 'row 1',
	},
	{
		service: 'Qyvo',
		server: qyvo,
		secret: QYVO_TOKEN,
		nodeType: () => withRetryPolicy(new Qyvo(), SHORT_BACKOFFS),
		credentialType: new QyvoApi(),
		credentials: () => ({ apiToken: QYVO_TOKEN, baseUrl: `${qyvo.url}${QYVO_BASE_PATH}` }),
		parameters: {
			resource: 'contact',
			operation: 'update',
			lookupBy: 'contactId',
			contactId: seedQyvoContacts()[0].id,
			updateFields: { name: '={{ "row " + $json.row }}' },
		},
		firstItem: 'row 1',
	},
];

interface FailureCase {
	name: string;
	faults: Fault[];
	/** The message the user sees; `{service}` stands for the vendor's name. */
	message: string | RegExp;
	httpCode?: string;
	/** n8n's own Request Options collection, which its loader adds to every declarative node. */
	requestOptions?: INodeParameters;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({
	status,
	body,
	headers,
});
const times = (count: number, fault: Fault): Fault[] => Array.from({ length: count }, () => fault);

const cases: FailureCase[] = [
	{
		name: '400 with the API words',
		faults: [json(400, { error: 'Bad Request', message: 'phone is invalid' })],
		message: 'phone is invalid',
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
		message: 'Contact not found',
		httpCode: '404',
	},
	{
		name: '409',
		faults: [json(409, { message: 'Phone number already exists' })],
		message: 'Phone number already exists',
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
		message: 'The given data was invalid. (email: The email is taken.)',
		httpCode: '422',
	},
	{
		name: '429 on every try',
		faults: times(6, json(429, { error: 'Too Many Requests' }, { 'Retry-After': '0' })),
		message: '{service} rate limited this request: tried 6 times',
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
		message: /^\{service\} did not answer in time \(http:\/\/127\.0\.0\.1:\d+(\/api\/v1)?\)$/,
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
];

const tally = { cases: 0, named: 0, itemsLost: 0, secretsFound: 0 };

beforeAll(async () => {
	await Promise.all([guayaba.start(), callAidan.start(), qyvo.start()]);
});
afterAll(async () => {
	await Promise.all([guayaba.stop(), callAidan.stop(), qyvo.stop()]);
	process.stdout.write(
		`\nreliability: ${tally.cases} cases tried, ${tally.named} failures named, ${tally.itemsLost} items lost, ${tally.secretsFound} secrets found\n`,
	);
});
beforeEach(() => {
	for (const { server } of subjects) server.reset();
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
		parameters: { ...subject.parameters, options: { requestsPerMinute: 0 }, requestOptions },
		items: [{ json: { row: 1 } }, { json: { row: 2 } }],
		onError,
	});
}

function expectNoSecret(subject: Subject, produced: unknown): void {
	const found = JSON.stringify(produced).includes(subject.secret);
	if (found) tally.secretsFound++;
	expect(found).toBe(false);
}

// the three nodes run side by side: their servers and rate-limit keys are apart
describe.each(cases)('$name', (failureCase) => {
	it('each node: one clear error, the second item unaffected, no secret', async () => {
		await Promise.all(subjects.map((subject) => checkCase(failureCase, subject)));
	});
});

async function checkCase(failureCase: FailureCase, subject: Subject): Promise<void> {
	tally.cases++;
	const message =
		typeof failureCase.message === 'string'
			? failureCase.message.replace('{service}', subject.service)
			: new RegExp(failureCase.message.source.replace('\\{service\\}', subject.service));
	// the first item meets the failure on every try; the second item is answered normally
	subject.server.injectFaultsWhere(
		(request) => request.rawBody.includes(subject.firstItem),
		...failureCase.faults,
	);

	const {
		outputs,
		error,
		run: stored,
	} = await run(subject, 'continueRegularOutput', failureCase.requestOptions);

	expect(error).toBeUndefined();
	const [items] = outputs;
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	if (items.length !== 2) tally.itemsLost += 2 - items.length;
	const [failure, second] = items;
	expect(second.json.error).toBeUndefined();
	expect(second.json.id).toEqual(expect.any(String));
	if (typeof message === 'string') expect(failure.json.error).toBe(message);
	else expect(failure.json.error).toMatch(message);
	expect(failure.json.error).not.toMatch(/undefined|\[object Object\]|at .*\.js:\d+/);
	if (failureCase.httpCode)
		expect(failure.json.details).toMatchObject({ httpCode: failureCase.httpCode });
	expect(JSON.stringify(failure.json)).not.toMatch(/headers|X-API-Key|authorization|Bearer/i);
	tally.named++;
	expectNoSecret(subject, stored);
	expectNoSecret(subject, outputs);
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
			expect(error?.message).toBe('Contact not found');
			expect(error?.context?.itemIndex).toBe(1);
			tally.named++;
			expectNoSecret(subject, stored);
		},
	);
});
