import type { INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import { FakeGuayaba, GUAYABA_KEY, seedContacts, STATUSES } from '../../sandbox/guayaba';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [john, ana, sam] = seedContacts();
const byName = (name: string) => STATUSES.find((status) => status.name === name)!;

function node(parameters: INodeParameters, extra: Partial<NodeUnderTest> = {}): NodeUnderTest {
	return {
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
		parameters: { ...parameters, options: { requestsPerMinute: 0 } },
		...extra,
	};
}

const updateByPhone = (status: string) =>
	node({
		resource: 'contact',
		operation: 'updateByPhone',
		phone: '={{ $json.phone }}',
		updateFields: { status },
	});

const sent = () => api.received.map((request) => [request.method, request.path, request.body]);

describe('Guayaba Status: a name, a label, an ID, any letter case', () => {
	it('sends a documented status name as it is, without reading the statuses', async () => {
		const { error } = await runNode({
			...updateByPhone('DNC'),
			items: [{ json: { phone: john.phoneNumber } }],
		});

		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			['POST', '/contacts/update', { phone: john.phoneNumber, status: 'DNC' }],
		]);
	});

	it('reads the statuses once for the whole run and sends the name each value points at', async () => {
		const { outputs, error } = await runNode({
			...updateByPhone('={{ $json.status }}'),
			items: [
				{ json: { phone: john.phoneNumber, status: 'Do Not Call' } },
				{ json: { phone: ana.phoneNumber, status: 'dnc' } },
				{ json: { phone: sam.phoneNumber, status: byName('fulfilled').id } },
				{ json: { phone: john.phoneNumber, status: ' PAUSED ' } },
			],
		});

		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			['GET', '/contacts/statuses', undefined],
			['POST', '/contacts/update', { phone: john.phoneNumber, status: 'DNC' }],
			['POST', '/contacts/update', { phone: ana.phoneNumber, status: 'DNC' }],
			['POST', '/contacts/update', { phone: sam.phoneNumber, status: 'fulfilled' }],
			['POST', '/contacts/update', { phone: john.phoneNumber, status: 'paused' }],
		]);
		expect(outputs[0].map((item) => item.json.status)).toEqual([
			'DNC',
			'DNC',
			'fulfilled',
			'paused',
		]);
	});

	it('refuses a status the account does not have, listing the valid names, and sends no update', async () => {
		const { error } = await runNode({
			...updateByPhone('archived'),
			items: [{ json: { phone: john.phoneNumber } }],
		});

		expect(error).toMatchObject({
			message:
				'Status "archived" is not one of this account\'s statuses: use one of active, paused, fulfilled, DNC',
			description:
				'Give a status name, its label or its ID, as Contact Status > Get Many lists them. Labels: Active (active), Paused (paused), Fulfilled (fulfilled), Do Not Call (DNC).',
		});
		expect(sent()).toEqual([['GET', '/contacts/statuses', undefined]]);
	});

	it('gives Update by ID the same reading of the status', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'updateById',
				contactId: sam.id,
				updateFields: { status: '={{ "do not call" }}' },
			}),
		);

		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			['GET', '/contacts/statuses', undefined],
			['PUT', `/contacts/${sam.id}`, { status: 'DNC' }],
		]);
		expect(outputs[0][0].json.status).toBe('DNC');
	});

	it('gives Contact > Get Many’s Status filter the same reading, and lists the contacts with that status', async () => {
		api.received.length = 0;
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				filters: { status: ' PAUSED ' },
			}),
		);

		expect(error).toBeUndefined();
		expect(
			api.received.map((request) => [request.method, request.path, request.query.status]),
		).toEqual([
			['GET', '/contacts/statuses', undefined],
			['GET', '/contacts', 'paused'],
		]);
		expect(outputs[0].map((item) => item.json.id)).toEqual(
			seedContacts()
				.filter((contact) => contact.status === 'paused')
				.map((contact) => contact.id),
		);
	});

	it('with Continue On Fail, a refused key on the statuses gives each item its error, from one request', async () => {
		const { outputs, error } = await runNode({
			...updateByPhone('Paused'),
			credentials: { apiKey: 'gua_wrong', baseUrl: api.url },
			onError: 'continueRegularOutput',
			items: [{ json: { phone: john.phoneNumber } }, { json: { phone: ana.phoneNumber } }],
		});

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => [item.json, item.pairedItem])).toEqual(
			[0, 1].map((item) => [
				{
					error: 'The API key was refused: check the Guayaba credential',
					details: { description: 'Invalid or missing API key', httpCode: '401' },
				},
				{ item },
			]),
		);
		expect(sent()).toEqual([['GET', '/contacts/statuses', undefined]]);
	});
});
