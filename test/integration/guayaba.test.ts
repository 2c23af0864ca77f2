import type { INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { loadOptions, runNode, type NodeUnderTest } from '../helpers/engine';
import {
	CAMPAIGNS,
	FakeGuayaba,
	GUAYABA_KEY,
	seedContacts,
	STATUSES,
	UPDATED_AT,
} from '../../sandbox/guayaba';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [john, ana] = seedContacts();

function node(parameters: INodeParameters, extra: Partial<NodeUnderTest> = {}): NodeUnderTest {
	const options = { ...(parameters.options as INodeParameters | undefined) };
	return {
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
		parameters: { ...parameters, options },
		...extra,
	};
}

const jsonHeaders = {
	'x-api-key': GUAYABA_KEY,
	'content-type': 'application/json',
	accept: 'application/json',
};

describe('Contact > Update by Phone', () => {
	it('sends the phone in E.164 with the status, and outputs the updated contact', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '+1 (123) 456-7890',
				updateFields: { status: 'fulfilled' },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.received).toHaveLength(1);
		const [request] = api.received;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/contacts/update');
		expect(request.headers).toMatchObject(jsonHeaders);
		expect(request.body).toEqual({ phone: '+11234567890', status: 'fulfilled' });
		expect(outputs).toEqual([
			[
				{
					json: { ...john, status: 'fulfilled', updatedAt: UPDATED_AT },
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('reads a national number with Default Country and moves the contact to a campaign', async () => {
		const { outputs } = await runNode(
			node({
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '(415) 555-2671',
				updateFields: { campaignId: CAMPAIGNS[5].id, status: 'paused' },
				options: { defaultCountry: 'US' },
			}),
		);

		expect(api.received.map((request) => request.body)).toEqual([
			{ phone: '+14155552671', campaignId: CAMPAIGNS[5].id, status: 'paused' },
		]);
		expect(outputs[0][0].json).toEqual({
			...ana,
			status: 'paused',
			campaignId: CAMPAIGNS[5].id,
			updatedAt: UPDATED_AT,
		});
	});

	it('sends one request per item with its own expressions, outputs paired in order', async () => {
		const { outputs, error } = await runNode({
			...node({
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '={{ $json.phone }}',
				updateFields: { status: '={{ $json.outcome }}' },
			}),
			items: [
				{ json: { phone: '+442079460958', outcome: 'active' } },
				{ json: { phone: '+1 415 555 2671', outcome: 'DNC' } },
				{ json: { phone: '+11234567890', outcome: 'fulfilled' } },
			],
		});

		expect(error).toBeUndefined();
		expect(
			api.received
				.map((request) => request.body)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			{ phone: '+11234567890', status: 'fulfilled' },
			{ phone: '+14155552671', status: 'DNC' },
			{ phone: '+442079460958', status: 'active' },
		]);
		expect(
			outputs[0].map((item) => [item.json.phoneNumber, item.json.status, item.pairedItem]),
		).toEqual([
			['+442079460958', 'active', { item: 0 }],
			['+14155552671', 'DNC', { item: 1 }],
			['+11234567890', 'fulfilled', { item: 2 }],
		]);
	});
});

describe('Contact > Update by ID', () => {
	it('sends every added field in the API names, and outputs the updated contact', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'updateById',
				contactId: ` ${ana.id} `,
				updateFields: {
					name: 'Ana María Ruiz',
					phoneNumber: '+34 612 345 678',
					timezone: 'Europe/Madrid',
					status: 'paused',
					campaignId: CAMPAIGNS[22].id,
					customVariables: {
						values: [
							{ name: 'email', value: 'ana@example.com' },
							{ name: 'plan', value: 'gold' },
						],
					},
				},
			}),
		);

		expect(error).toBeUndefined();
		expect(api.received).toHaveLength(1);
		const [request] = api.received;
		expect(request.method).toBe('PUT');
		expect(request.path).toBe(`/contacts/${ana.id}`);
		expect(request.headers).toMatchObject(jsonHeaders);
		expect(request.body).toEqual({
			name: 'Ana María Ruiz',
			phoneNumber: '+34612345678',
			timezone: 'Europe/Madrid',
			status: 'paused',
			campaignId: CAMPAIGNS[22].id,
			customVariables: { email: 'ana@example.com', plan: 'gold' },
		});
		expect(outputs).toEqual([
			[
				{
					json: {
						...ana,
						name: 'Ana María Ruiz',
						phoneNumber: '+34612345678',
						timezone: 'Europe/Madrid',
						status: 'paused',
						campaignId: CAMPAIGNS[22].id,
						customVariables: { email: 'ana@example.com', plan: 'gold' },
						updatedAt: UPDATED_AT,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('sends only the fields added, and a base URL with a trailing slash works', async () => {
		await runNode(
			node(
				{
					resource: 'contact',
					operation: 'updateById',
					contactId: john.id,
					updateFields: { name: 'J. Doe' },
				},
				{ credentials: { apiKey: GUAYABA_KEY, baseUrl: `${api.url}/`, ...NO_CLIENT_LIMIT } },
			),
		);
		expect(api.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'PUT', path: `/contacts/${john.id}`, body: { name: 'J. Doe' } },
		]);
	});
});

describe("The credential's Base URL", () => {
	const updateByPhone = {
		resource: 'contact',
		operation: 'updateByPhone',
		phone: john.phoneNumber,
		updateFields: { status: 'DNC' },
	};

	it('is reached when the credential allows HTTP requests to other domains only', async () => {
		const { outputs, error } = await runNode(
			node(updateByPhone, {
				credentials: {
					apiKey: GUAYABA_KEY,
					baseUrl: api.url,
					...NO_CLIENT_LIMIT,
					allowedHttpRequestDomains: 'domains',
					allowedDomains: 'api.example.com',
				},
			}),
		);

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json.status)).toEqual(['DNC']);
		expect(api.received.map(({ method, path }) => ({ method, path }))).toEqual([
			{ method: 'POST', path: '/contacts/update' },
		]);
	});
});

describe('Contact Status > Get Many', () => {
	it('outputs one item per status, each paired to the input item', async () => {
		const { outputs, error } = await runNode(
			node({ resource: 'contactStatus', operation: 'getAll' }),
		);

		expect(error).toBeUndefined();
		expect(api.received.map(({ method, path, rawBody }) => ({ method, path, rawBody }))).toEqual([
			{ method: 'GET', path: '/contacts/statuses', rawBody: '' },
		]);
		expect(api.received[0].headers['x-api-key']).toBe(GUAYABA_KEY);
		expect(outputs).toEqual([
			STATUSES.map((status) => ({ json: status, pairedItem: { item: 0 } })),
		]);
	});
});

describe('rules refuse bad input before any request', () => {
	const longName = 'x'.repeat(256);
	it.each<[string, INodeParameters, string, string]>([
		[
			'Update by Phone without status or campaign',
			{ operation: 'updateByPhone', phone: '+11234567890', updateFields: {} },
			'Update by Phone needs at least one field to update',
			'Add Status or Campaign under Update Fields.',
		],
		[
			'an impossible phone number',
			{ operation: 'updateByPhone', phone: '+12', updateFields: { status: 'active' } },
			'Phone "+12" is too short: write the whole number, like +14155552671',
			'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'a national number without Default Country',
			{ operation: 'updateByPhone', phone: '(415) 555-2671', updateFields: { status: 'active' } },
			'Phone "(415) 555-2671" has no country code: write it with + and the country code, like +14155552671, or set Default Country under Options',
			'Default Country (for example US) reads numbers written without a +. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'a campaign that is not a UUID, from an expression',
			{
				operation: 'updateByPhone',
				phone: '+11234567890',
				updateFields: { campaignId: '={{ "summer-2026" }}' },
			},
			'Campaign "summer-2026" is not a valid ID',
			'Campaign takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
		],
		[
			'a contact ID that is not a UUID',
			{ operation: 'updateById', contactId: '42', updateFields: { status: 'active' } },
			'Contact ID "42" is not a valid ID',
			'Contact ID takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
		],
		[
			'Update by ID with no field',
			{ operation: 'updateById', contactId: john.id, updateFields: {} },
			'Update by ID needs at least one field to update',
			'Add Name, Phone Number, Timezone, Status, Campaign or Custom Variables under Update Fields.',
		],
		[
			'a name over 255 characters',
			{ operation: 'updateById', contactId: john.id, updateFields: { name: longName } },
			'Name is 256 characters long; the most is 255',
			'Shorten Name to 255 characters or fewer.',
		],
		[
			'a time zone that does not exist',
			{
				operation: 'updateById',
				contactId: john.id,
				updateFields: { timezone: '={{ "Mars/Olympus" }}' },
			},
			'Timezone "Mars/Olympus" is not an IANA time zone',
			'Pick a zone from the list, or use a name like America/New_York or Europe/Madrid.',
		],
		[
			'a custom variable named twice',
			{
				operation: 'updateById',
				contactId: john.id,
				updateFields: {
					customVariables: {
						values: [
							{ name: 'a', value: '1' },
							{ name: 'a', value: '2' },
						],
					},
				},
			},
			'Custom Variables has the name "a" twice',
			'Keep one pair per name under Custom Variables.',
		],
		[
			'an empty status from an expression',
			{
				operation: 'updateById',
				contactId: john.id,
				updateFields: { status: '={{ "" }}', name: 'Jo' },
			},
			'Status is empty',
			'Enter a value for Status, or remove the field to leave it unchanged.',
		],
	])('%s', async (_case, parameters, message, description) => {
		const { error, outputs } = await runNode(node({ resource: 'contact', ...parameters }));

		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(error?.context?.itemIndex).toBe(0);
		expect(outputs).toEqual([]);
		expect(api.received).toEqual([]);
	});
});

describe('API failures', () => {
	it("carry the API's own message and status code, and never the key", async () => {
		const { error, run } = await runNode(
			node({
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '+19995550100',
				updateFields: { status: 'active' },
			}),
		);

		expect(api.received).toHaveLength(1);
		expect(error?.message).toBe('Contact not found (phone +19995550100)');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toBe(
			'Guayaba found no such contact or campaign: check the ID or phone number',
		);
		expect(JSON.stringify(run)).not.toContain(GUAYABA_KEY);
	});

	it('say that the key was refused on 401', async () => {
		const { error, run } = await runNode(
			node(
				{ resource: 'contactStatus', operation: 'getAll' },
				{ credentials: { apiKey: 'gua_wrong', baseUrl: api.url } },
			),
		);

		expect(error?.message).toBe('The API key was refused: check the Guayaba credential');
		expect(error?.description).toBe('Invalid or missing API key');
		expect(error?.httpCode).toBe('401');
		expect(JSON.stringify(run)).not.toContain('gua_wrong');
	});
});

describe('an unreachable server', () => {
	it('says which service and host could not be reached, and never shows the key', async () => {
		const { error, run } = await runNode(
			node(
				{
					resource: 'contact',
					operation: 'updateByPhone',
					phone: '+11234567890',
					updateFields: { status: 'DNC' },
				},
				{ credentials: { apiKey: GUAYABA_KEY, baseUrl: 'http://127.0.0.1:9', ...NO_CLIENT_LIMIT } },
			),
		);
		expect(error?.message).toBe(
			'Could not reach Guayaba at 127.0.0.1:9: the connection was refused',
		);
		expect(error?.description).toBe(
			'Check the Base URL in the Guayaba credential, and that the server is up.',
		);
		expect(JSON.stringify(run)).not.toContain(GUAYABA_KEY);
	});
});

describe('Continue On Fail', () => {
	it('gives one output item per input item, paired, for good input, refused input and API failures', async () => {
		const { outputs, error } = await runNode({
			...node(
				{
					resource: 'contact',
					operation: 'updateByPhone',
					phone: '={{ $json.phone }}',
					updateFields: { status: 'DNC' },
				},
				{ onError: 'continueRegularOutput' },
			),
			items: [
				{ json: { phone: '+11234567890' } },
				{ json: { phone: 'not a phone' } },
				{ json: { phone: '+19995550100' } },
				{ json: { phone: '+14155552671' } },
			],
		});

		expect(error).toBeUndefined();
		expect(api.received.map((request) => (request.body as { phone: string }).phone).sort()).toEqual(
			['+11234567890', '+14155552671', '+19995550100'],
		);
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items.map((item) => item.json.status ?? null)).toEqual(['DNC', null, null, 'DNC']);
		expect(items.map((item) => item.json.error ?? null)).toEqual([
			null,
			'Phone "not a phone" is not a phone number: write it like +14155552671',
			'Contact not found (phone +19995550100)',
			null,
		]);
		expect(JSON.stringify(outputs)).not.toContain(GUAYABA_KEY);
	});
});

describe('Continue (using error output)', () => {
	it('sends each failure to the error output as { error, details }, paired to its input item', async () => {
		const { outputs, error } = await runNode({
			...node(
				{
					resource: 'contact',
					operation: 'updateByPhone',
					phone: '={{ $json.phone }}',
					updateFields: { status: 'DNC' },
				},
				{ onError: 'continueErrorOutput' },
			),
			items: [
				{ json: { phone: '+19995550100' } },
				{ json: { phone: '+11234567890' } },
				{ json: { phone: '+1' } },
			],
		});

		expect(error).toBeUndefined();
		const [succeeded, failed] = outputs;
		expect(
			succeeded.map((item) => [item.pairedItem, item.json.phoneNumber, item.json.status]),
		).toEqual([[{ item: 1 }, '+11234567890', 'DNC']]);
		expect(failed).toEqual([
			{
				json: {
					error: 'Contact not found (phone +19995550100)',
					details: {
						description: 'Guayaba found no such contact or campaign: check the ID or phone number',
						httpCode: '404',
					},
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: 'Phone "+1" is too short: write the whole number, like +14155552671',
					details: {
						description:
							'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
					},
				},
				pairedItem: { item: 2 },
			},
		]);
		expect(api.received).toHaveLength(2);
	});
});

describe('dropdowns', () => {
	it("getStatuses lists the account's statuses in dashboard order, saying which are terminal", async () => {
		const options = await loadOptions({
			...node({ resource: 'contact', operation: 'updateByPhone' }),
			method: 'getStatuses',
			path: 'updateFields.status',
		});

		expect(options).toEqual([
			{ name: 'Active', value: 'active', description: 'Not terminal (active): outreach goes on' },
			{
				name: 'Fulfilled',
				value: 'fulfilled',
				description: 'Terminal (fulfilled): cancels every scheduled call, SMS and WhatsApp message',
			},
			{
				name: 'Paused',
				value: 'paused',
				description: 'Terminal (paused): cancels every scheduled call, SMS and WhatsApp message',
			},
			{
				name: 'Do Not Call',
				value: 'DNC',
				description: 'Terminal (DNC): cancels every scheduled call, SMS and WhatsApp message',
			},
		]);
		expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /contacts/statuses',
		]);
		expect(api.received[0].headers['x-api-key']).toBe(GUAYABA_KEY);
	});

	it('getCampaigns reads every page', async () => {
		const options = await loadOptions({
			...node({ resource: 'contact', operation: 'updateByPhone' }),
			method: 'getCampaigns',
			path: 'updateFields.campaignId',
		});

		expect(options).toEqual(
			CAMPAIGNS.map((campaign) => ({
				name: campaign.name,
				value: campaign.id,
				description: `Status: ${campaign.status}`,
			})),
		);
		expect(api.received.map(({ path, query }) => ({ path, query }))).toEqual(
			[1, 2, 3].map((page) => ({
				path: '/campaigns',
				query: { page: String(page), limit: '100' },
			})),
		);
	});

	it('a loader failure says what to fix', async () => {
		await expect(
			loadOptions({
				...node({}, { credentials: { apiKey: 'gua_wrong', baseUrl: api.url } }),
				method: 'getStatuses',
				path: 'updateFields.status',
			}),
		).rejects.toThrow('The API key was refused: check the Guayaba credential');
	});
});
