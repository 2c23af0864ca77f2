import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { CALLAIDAN_KEY, FakeCallAidan, seedCallAidanContacts } from '../../sandbox/callAidan';
import { FakeGuayaba, GUAYABA_KEY, seedContacts } from '../../sandbox/guayaba';
import { FakeQyvo, QYVO_BASE_PATH, QYVO_TOKEN, seedQyvoContacts } from '../../sandbox/qyvo';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import { guayabaCounting } from '../helpers/limits';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

/**
 * Input of the wrong type or shape, through n8n's engine: refused with the field named, and
 * nothing sent.
 */

const guayabaApi = new FakeGuayaba();
const callAidanApi = new FakeCallAidan();
const qyvoApi = new FakeQyvo();
const servers = [guayabaApi, callAidanApi, qyvoApi];

beforeAll(async () => {
	await Promise.all(servers.map((server) => server.start()));
});
afterAll(async () => {
	await Promise.all(servers.map((server) => server.stop()));
});
beforeEach(() => {
	for (const server of servers) server.reset();
});

const guayabaContact = seedContacts()[0];

function guayaba(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = {
		apiKey: GUAYABA_KEY,
		baseUrl: guayabaApi.url,
		...NO_CLIENT_LIMIT,
	},
): NodeUnderTest {
	return {
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'updateById',
			contactId: guayabaContact.id,
			options: {},
			...parameters,
		},
	};
}

function callAidan(updateFields: INodeParameters): NodeUnderTest {
	return {
		nodeType: new CallAidan(),
		credentialType: new CallAidanApi(),
		credentials: { apiKey: CALLAIDAN_KEY, baseUrl: callAidanApi.url, ...NO_CLIENT_LIMIT },
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: seedCallAidanContacts()[0].id,
			updateFields,
			options: {},
		},
	};
}

function qyvo(updateFields: INodeParameters): NodeUnderTest {
	return {
		nodeType: new Qyvo(),
		credentialType: new QyvoApi(),
		credentials: {
			apiToken: QYVO_TOKEN,
			baseUrl: `${qyvoApi.url}${QYVO_BASE_PATH}`,
			...NO_CLIENT_LIMIT,
		},
		parameters: {
			resource: 'contact',
			operation: 'update',
			lookupBy: 'contactId',
			contactId: seedQyvoContacts()[0].id,
			updateFields,
			options: {},
		},
	};
}

const nothingSent = () => servers.flatMap((server) => server.received);

describe('a value of the wrong type for a text field', () => {
	it.each<[string, () => NodeUnderTest, string]>([
		['Qyvo, a null Name', () => qyvo({ name: '={{ null }}' }), 'Name must be text, not null'],
		[
			'Qyvo, an object as Name',
			() => qyvo({ name: '={{ { first: "Ann" } }}' }),
			'Name must be text, not an object ({"first":"Ann"})',
		],
		[
			'Qyvo, a list as Name',
			() => qyvo({ name: '={{ ["a", "b"] }}' }),
			'Name must be text, not a list (["a","b"])',
		],
		[
			'Guayaba, true as Name',
			() => guayaba({ updateFields: { name: '={{ true }}' } }),
			'Name must be text, not true',
		],
		[
			'Guayaba, true as Status',
			() =>
				guayaba({
					operation: 'updateByPhone',
					phone: '+11234567890',
					updateFields: { status: '={{ true }}' },
				}),
			'Status must be text, not true',
		],
		[
			'CallAidan, false as Notes',
			() => callAidan({ notes: '={{ false }}' }),
			'Notes must be text, not false',
		],
		[
			'CallAidan, an object as Business Name',
			() => callAidan({ businessName: '={{ { name: "Acme" } }}' }),
			'Business Name must be text, not an object ({"name":"Acme"})',
		],
	])('%s is refused, nothing sent', async (_case, underTest, message) => {
		const { error } = await runNode(underTest());
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(
			/^Enter text for .+, or use an expression that returns text\.$/,
		);
		expect(nothingSent()).toEqual([]);
	});

	it('a number is sent as text', async () => {
		const { error } = await runNode(qyvo({ name: '={{ 42 }}' }));
		expect(error).toBeUndefined();
		expect(qyvoApi.received.map((request) => request.body)).toEqual([
			{ contact_id: seedQyvoContacts()[0].id, name: '42' },
		]);
	});
});

const pairs = (name: string, value = 'x'): INodeParameters => ({ values: [{ name, value }] });

describe('name/value pairs that would be lost on the way', () => {
	const lists: Array<[string, (values: INodeParameters) => NodeUnderTest]> = [
		['Custom Variables', (values) => guayaba({ updateFields: { customVariables: values } })],
		['Custom Fields', (values) => callAidan({ customFields: values })],
		['Metadata', (values) => qyvo({ metadata: values })],
	];

	describe.each(lists)('%s', (field, underTest) => {
		it.each(['__proto__', 'constructor', 'prototype'])(
			'the name %s is refused, nothing sent',
			async (name) => {
				const { error } = await runNode(underTest(pairs(name)));
				expect(error?.message).toBe(`${field} cannot use the name "${name}"`);
				expect(nothingSent()).toEqual([]);
			},
		);

		it('a value that comes out undefined is refused, nothing sent', async () => {
			const { error } = await runNode(underTest(pairs('email', '={{ $json.missing }}')));
			expect(error?.message).toBe(`${field} "email" has no value`);
			expect(nothingSent()).toEqual([]);
		});
	});
});

describe('Guayaba Custom Variables, which the API replaces whole', () => {
	it.each<[string, INodeParameters]>([
		['added with no pairs', {}],
		['with an empty list', { values: [] }],
	])('%s is refused, since it would remove every custom variable', async (_case, values) => {
		const { error } = await runNode(guayaba({ updateFields: { customVariables: values } }));
		expect(error?.message).toBe('Custom Variables has no pairs');
		expect(error?.description).toBe(
			'Sending none would remove every one the contact has. Add pairs, remove Custom Variables, or add Clear All Custom Variables to remove them all on purpose.',
		);
		expect(nothingSent()).toEqual([]);
	});

	it('Clear All Custom Variables sends the empty object on purpose', async () => {
		const { error, outputs } = await runNode(
			guayaba({ updateFields: { clearCustomVariables: true } }),
		);
		expect(error).toBeUndefined();
		expect(guayabaApi.received.map((request) => request.body)).toEqual([{ customVariables: {} }]);
		expect(outputs[0][0].json.customVariables).toEqual({});
	});

	it('Clear All Custom Variables with pairs listed is refused, nothing sent', async () => {
		const { error } = await runNode(
			guayaba({
				updateFields: { clearCustomVariables: true, customVariables: pairs('email') },
			}),
		);
		expect(error?.message).toBe(
			'Clear All Custom Variables is on, and Custom Variables lists a pair',
		);
		expect(nothingSent()).toEqual([]);
	});

	it('Clear All Custom Variables turned off alone is no field to update', async () => {
		const { error } = await runNode(guayaba({ updateFields: { clearCustomVariables: false } }));
		expect(error?.message).toBe('Update by ID needs at least one field to update');
		expect(nothingSent()).toEqual([]);
	});
});

describe('one key, one rate budget, however its Base URL is spelled', () => {
	it('x, x/ and localhost for 127.0.0.1 share one budget', async () => {
		const spellings = [
			guayabaApi.url,
			`${guayabaApi.url}/`,
			guayabaApi.url.replace('127.0.0.1', 'LOCALHOST'),
		];
		// one request a window compressed to 400 ms: three budgets would let all three go at once
		const nodeType = guayabaCounting({ rateWindowMs: 400 });
		const runs = spellings.map((baseUrl) =>
			runNode({
				...guayaba(
					{ updateFields: { name: 'Same Key' } },
					{ apiKey: GUAYABA_KEY, baseUrl, writesPerMinute: 1 },
				),
				nodeType,
			}),
		);
		const results = await Promise.all(runs);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined, undefined]);
		const arrivals = guayabaApi.received.map((request) => request.at).sort((a, b) => a - b);
		expect(arrivals).toHaveLength(3);
		expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(380);
		expect(arrivals[2] - arrivals[1]).toBeGreaterThanOrEqual(380);
	});
});
