import type { INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { guayabaCounting } from '../helpers/limits';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import {
	CAMPAIGNS,
	FakeGuayaba,
	GUAYABA_KEY,
	listedContact,
	seedContacts,
	SPLITTERS,
} from '../../sandbox/guayaba';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
const NOW = '2026-03-01T12:00:00.000Z';
beforeEach(() => {
	api.reset();
	api.now = () => new Date(NOW);
});

const [john, ana, sam, lea] = seedContacts();

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

const sent = () =>
	api.received.map(({ method, path, query, body }) => ({ method, path, query, body }));

describe('Contact > Create', () => {
	it('sends the phone in E.164 with the campaign, and outputs the contact under data', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'create',
				phoneNumber: '(415) 555-0100',
				campaignId: ` ${CAMPAIGNS[1].id} `,
				additionalFields: {
					name: 'Marta Gil',
					timezone: 'America/Chicago',
					customVariables: {
						values: [
							{ name: 'source', value: 'form' },
							{ name: 'score', value: 7 },
							{ name: 'vip', value: true },
						],
					},
				},
				options: { defaultCountry: 'US' },
			}),
		);

		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/contacts',
				query: {},
				body: {
					phoneNumber: '+14155550100',
					campaignId: CAMPAIGNS[1].id,
					name: 'Marta Gil',
					timezone: 'America/Chicago',
					customVariables: { source: 'form', score: '7', vip: 'true' },
				},
			},
		]);
		expect(api.received[0].headers).toMatchObject({
			'x-api-key': GUAYABA_KEY,
			'content-type': 'application/json',
		});
		expect(outputs).toEqual([
			[
				{
					json: {
						id: '7c9e6679-7425-40de-944b-000000000001',
						phoneNumber: '+14155550100',
						name: 'Marta Gil',
						campaignId: CAMPAIGNS[1].id,
						customVariables: { source: 'form', score: '7', vip: 'true' },
						timezone: 'America/Chicago',
						status: 'active',
						createdAt: NOW,
						updatedAt: NOW,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('sends a contact to a splitter: splitterId only, never a campaign', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'create',
				phoneNumber: '+44 20 7946 0000',
				enrollIn: 'splitter',
				splitterId: SPLITTERS[0].id,
				campaignId: CAMPAIGNS[0].id,
				additionalFields: { customVariables: { values: [{ name: 'budget', value: 50000 }] } },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.received.map((request) => request.body)).toEqual([
			{
				phoneNumber: '+442079460000',
				splitterId: SPLITTERS[0].id,
				customVariables: { budget: '50000' },
			},
		]);
		expect(outputs[0][0].json).toMatchObject({
			campaignId: SPLITTERS[0].campaignIds[0],
			timezone: 'Europe/London',
		});
	});

	it('upserts by phone: an existing contact comes back with its own ID', async () => {
		const { outputs } = await runNode(
			node({
				resource: 'contact',
				operation: 'create',
				phoneNumber: ana.phoneNumber,
				campaignId: CAMPAIGNS[3].id,
			}),
		);
		expect(outputs[0].map((item) => [item.json.id, item.json.campaignId])).toEqual([
			[ana.id, CAMPAIGNS[3].id],
		]);
	});

	it.each<[string, INodeParameters, string, string]>([
		[
			'a phone without country',
			{ phoneNumber: '415 555 0100', campaignId: CAMPAIGNS[0].id },
			'Phone Number "415 555 0100" has no country code: write it with + and the country code, like +14155552671, or set Default Country under Options',
			'Default Country (for example US) reads numbers written without a +. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'no campaign',
			// an expression counts as filled for n8n's own required check
			{ phoneNumber: '+14155550100', campaignId: '={{ "" }}' },
			'Create needs a campaign or a splitter: Campaign is empty',
			'Pick the campaign to enrol the contact in, or set Enroll In to Splitter and enter its ID.',
		],
		[
			'no splitter',
			{ phoneNumber: '+14155550100', enrollIn: 'splitter', splitterId: ' ' },
			'Create needs a campaign or a splitter: Splitter ID is empty',
			'Enter the ID of the splitter (a UUID from the Guayaba dashboard), or set Enroll In to Campaign.',
		],
		[
			'a campaign that is not a UUID',
			{ phoneNumber: '+14155550100', campaignId: 'summer-2026' },
			'Campaign "summer-2026" is not a valid ID',
			'Campaign takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
		],
		[
			'a splitter that is not a UUID',
			{ phoneNumber: '+14155550100', enrollIn: 'splitter', splitterId: 'split-1' },
			'Splitter ID "split-1" is not a valid ID',
			'Splitter ID takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
		],
		[
			'a 256-character name',
			{
				phoneNumber: '+14155550100',
				campaignId: CAMPAIGNS[0].id,
				additionalFields: { name: 'x'.repeat(256) },
			},
			'Name is 256 characters long; the most is 255',
			'Shorten Name to 255 characters or fewer.',
		],
		[
			'an unknown time zone',
			{
				phoneNumber: '+14155550100',
				campaignId: CAMPAIGNS[0].id,
				additionalFields: { timezone: 'Mars/Olympus' },
			},
			'Timezone "Mars/Olympus" is not an IANA time zone',
			'Pick a zone from the list, or use a name like America/New_York or Europe/Madrid.',
		],
		[
			'a custom variable with no name',
			{
				phoneNumber: '+14155550100',
				campaignId: CAMPAIGNS[0].id,
				additionalFields: { customVariables: { values: [{ name: ' ', value: 'x' }] } },
			},
			'Custom Variables has a pair with no name (pair 1)',
			'Give every pair under Custom Variables a name, or remove the empty pair.',
		],
	])('refuses %s, with nothing sent', async (_case, fields, message, description) => {
		const { error } = await runNode(node({ resource: 'contact', operation: 'create', ...fields }));
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(api.received).toEqual([]);
	});

	it("reports Guayaba's own words for a campaign it does not know", async () => {
		const { error } = await runNode(
			node({
				resource: 'contact',
				operation: 'create',
				phoneNumber: '+14155550100',
				campaignId: '00000000-0000-4000-8000-000000000000',
			}),
		);
		expect([error?.message, error?.httpCode]).toEqual(['Campaign not found', '404']);
	});

	it('under Continue On Fail: N in, N out, paired, the refused item never sent', async () => {
		const { outputs, error } = await runNode({
			...node({
				resource: 'contact',
				operation: 'create',
				phoneNumber: '={{ $json.phone }}',
				campaignId: CAMPAIGNS[0].id,
			}),
			onError: 'continueRegularOutput',
			items: [
				{ json: { phone: '+14155550101' } },
				{ json: { phone: 'nope' } },
				{ json: { phone: '+14155550102' } },
			],
		});
		expect(error).toBeUndefined();
		expect(
			outputs[0].map((item) => [item.json.phoneNumber ?? item.json.error, item.pairedItem]),
		).toEqual([
			['+14155550101', { item: 0 }],
			['Phone Number "nope" is not a phone number: write it like +14155552671', { item: 1 }],
			['+14155550102', { item: 2 }],
		]);
		expect(
			api.received.map((request) => (request.body as { phoneNumber: string }).phoneNumber).sort(),
		).toEqual(['+14155550101', '+14155550102']);
	});
});

describe('Contact > Fulfill', () => {
	it('sends the phone in E.164, and outputs one item naming it', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'fulfill',
				phone: '(415) 555-2671',
				options: { defaultCountry: 'US' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			{ method: 'POST', path: '/contacts/fulfill', query: {}, body: { phone: '+14155552671' } },
		]);
		expect(outputs).toEqual([
			[
				{
					json: {
						phone: '+14155552671',
						status: 'fulfilled',
						success: true,
						message: 'Contact marked as fulfilled successfully',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
		expect(api.contacts.find((contact) => contact.id === ana.id)).toMatchObject({
			status: 'fulfilled',
			fulfilledAt: NOW,
		});
	});

	it('refuses a phone that is not possible, with nothing sent', async () => {
		const { error } = await runNode(
			node({ resource: 'contact', operation: 'fulfill', phone: '+12' }),
		);
		expect(error?.message).toBe(
			'Phone "+12" is too short: write the whole number, like +14155552671',
		);
		expect(api.received).toEqual([]);
	});

	it("reports an unknown phone in Guayaba's words", async () => {
		const { error } = await runNode(
			node({ resource: 'contact', operation: 'fulfill', phone: '+19995550100' }),
		);
		expect([error?.message, error?.httpCode]).toEqual([
			'Contact not found (phone +19995550100)',
			'404',
		]);
	});
});

const contactIds = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Contact > Get Many', () => {
	it('sends every filter, campaigns comma-joined, a phone search in E.164; outputs each contact', async () => {
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'getAll',
				limit: 10,
				filters: {
					status: 'paused',
					campaignIds: [CAMPAIGNS[2].id, CAMPAIGNS[0].id],
					search: '020 7946 0958',
					searchBy: 'phone',
					sortBy: 'reAddedAt',
					sortOrder: 'asc',
				},
				options: { defaultCountry: 'GB' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/contacts',
				query: {
					status: 'paused',
					campaignId: `${CAMPAIGNS[2].id},${CAMPAIGNS[0].id}`,
					search: '+442079460958',
					searchBy: 'phone',
					sortBy: 'reAddedAt',
					sortOrder: 'asc',
					page: '1',
					limit: '10',
				},
				body: undefined,
			},
		]);
		expect(outputs).toEqual([[{ json: listedContact(sam), pairedItem: { item: 0 } }]]);
	});

	it('Limit 50 by default: one page of 50, no more', async () => {
		api.addBulkContacts(120);
		const { outputs } = await runNode(node({ resource: 'contact', operation: 'getAll' }));
		expect(outputs[0]).toHaveLength(50);
		expect(api.received.map((request) => request.query)).toEqual([{ page: '1', limit: '50' }]);
	});

	it('a Limit above one page reads only the pages it needs', async () => {
		api.addBulkContacts(1000);
		const { outputs } = await runNode(
			node({ resource: 'contact', operation: 'getAll', limit: 150 }),
		);
		expect(outputs[0]).toHaveLength(150);
		expect(new Set(contactIds(outputs[0])).size).toBe(150);
		expect(api.received.map((request) => request.query)).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
		]);
	});

	it('Return All reads 2,600 contacts at 100 a page: every one once, in order, 26 requests', async () => {
		api.contacts = [];
		api.addBulkContacts(2600);
		const { outputs, error } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		expect(error).toBeUndefined();
		const expected = [...api.contacts].reverse().map((contact) => contact.id);
		expect(contactIds(outputs[0])).toEqual(expected);
		expect(outputs[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.received.map((request) => request.query)).toEqual(
			Array.from({ length: 26 }, (_, index) => ({ page: String(index + 1), limit: '100' })),
		);
	});

	it('Return All stops at a short last page', async () => {
		api.addBulkContacts(246);
		const { outputs } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		expect(outputs[0]).toHaveLength(250);
		expect(api.received.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});

	it('Return All follows the page size the API used when it caps it', async () => {
		api.addBulkContacts(46);
		api.contactsPageCap = 20;
		const { outputs } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		expect(new Set(contactIds(outputs[0])).size).toBe(50);
		expect(outputs[0]).toHaveLength(50);
		expect(api.received.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});

	it('Return All outputs each contact once when contacts are added while it pages', async () => {
		api.contacts = [];
		api.addBulkContacts(250);
		let added = 0;
		// before pages 2 and 3, newer contacts arrive at the top and push the list down
		api.beforeContactsPage = (page) => {
			if (page === 1) return;
			for (let index = 0; index < 30; index++, added++) {
				api.contacts.push({
					...api.contacts[0],
					id: `11111111-0000-4000-8000-${String(added).padStart(12, '0')}`,
					phoneNumber: `+1646555${String(added).padStart(4, '0')}`,
					createdAt: new Date(Date.UTC(2026, 5, 1) + added * 1000).toISOString(),
				});
			}
		};
		const { outputs } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		const ids = contactIds(outputs[0]);
		expect(new Set(ids).size).toBe(ids.length);
		// every contact there at the start is read; pages 2 to 4 repeat the 30 or 60 pushed down
		const original = Array.from(
			{ length: 250 },
			(_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		);
		expect(original.filter((id) => !ids.includes(id))).toEqual([]);
		expect(api.received.map((request) => request.query.page)).toEqual(['1', '2', '3', '4']);
	});

	// a thousand requests through n8n's engine take a while on a busy machine
	it('Return All stops at its bound on an API that never reports a last page', async () => {
		let served = 0;
		api.injectFaultsWhere(
			(request) => request.path === '/contacts',
			...Array.from({ length: 1001 }, () => {
				const page = Array.from({ length: 100 }, () => ({
					id: `22222222-0000-4000-8000-${String(served++).padStart(12, '0')}`,
				}));
				return { status: 200, body: { contacts: page, pagination: {} } };
			}),
		);
		const { outputs, error } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		expect(outputs).toEqual([]);
		expect(error?.message).toBe('Guayaba reported more contacts after 1000 pages: stopped there');
		expect(error?.description).toBe(
			'Return All reads at most 1000 pages (100,000 contacts). Narrow the list with Filters, or turn Return All off and set a Limit.',
		);
		expect(api.received).toHaveLength(1000);
	}, 120_000);

	it.each<[string, INodeParameters, string]>([
		[
			'an unknown sort',
			{ sortBy: 'name' },
			'Sort By "name" is not one of createdAt, fulfilledAt, reAddedAt',
		],
		['an unknown order', { sortOrder: 'up' }, 'Sort Order "up" is not one of asc, desc'],
		[
			'an unknown search field',
			{ searchBy: 'email' },
			'Search By "email" is not one of name, phone',
		],
		[
			'a campaign that is not a UUID',
			{ campaignIds: ['summer'] },
			'Campaign "summer" is not a valid ID',
		],
		[
			'a phone search that is no phone',
			{ search: 'Ana', searchBy: 'phone' },
			'Search "Ana" is not a phone number: write it like +14155552671',
		],
		['an empty status', { status: ' ' }, 'Status is empty'],
	])('refuses %s, with nothing sent', async (_case, filters, message) => {
		const { error } = await runNode(node({ resource: 'contact', operation: 'getAll', filters }));
		expect(error?.message).toBe(message);
		expect(api.received).toEqual([]);
	});

	it('refuses a Limit of 0 from an expression, with nothing sent', async () => {
		const { error } = await runNode(
			node({ resource: 'contact', operation: 'getAll', limit: '={{ 0 }}' }),
		);
		expect(error?.message).toBe('Limit 0 is not a whole number from 1');
		expect(api.received).toEqual([]);
	});

	it('counts against the reads limit: each page waits for its slot', async () => {
		api.addBulkContacts(46);
		api.contactsPageCap = 20;
		const { outputs } = await runNode(
			node(
				{
					resource: 'contact',
					operation: 'getAll',
					returnAll: true,
					options: { requestsPerMinute: 2, includeDeliveryDetails: true },
				},
				// two reads in a window compressed to 500 ms: the third page waits for the first to leave it
				{ nodeType: guayabaCounting({ rateWindowMs: 500 }) },
			),
		);
		expect(outputs[0]).toHaveLength(50);
		const [first, second, third] = api.received.map((request) => request.at);
		expect(api.received).toHaveLength(3);
		expect(second - first).toBeLessThan(450);
		expect(third - first).toBeGreaterThanOrEqual(450);
		const delivery = outputs[0][0].json.delivery as {
			tries: number;
			pages: number;
			waitedMs: number;
		};
		expect([delivery.tries, delivery.pages]).toEqual([3, 3]);
		expect(delivery.waitedMs).toBeGreaterThanOrEqual(400);
	});

	it('a failed page fails the item; under Continue On Fail it is one error item', async () => {
		api.addBulkContacts(150);
		api.injectFaultsWhere((request) => request.query.page === '2', {
			status: 400,
			body: { error: 'Bad Request', message: 'Invalid page' },
		});
		const { outputs, error } = await runNode({
			...node({ resource: 'contact', operation: 'getAll', returnAll: true }),
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(outputs).toEqual([
			[
				{
					json: {
						error: 'Invalid page',
						details: {
							description: 'Guayaba refused the request as invalid: check the fields sent',
							httpCode: '400',
						},
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('retries a page the API refused with 503, and outputs every contact once', async () => {
		api.addBulkContacts(150);
		api.injectFaultsWhere((request) => request.query.page === '2', {
			status: 503,
			body: { error: 'Service Unavailable', message: 'Try again' },
		});
		const { outputs, error } = await runNode(
			node({ resource: 'contact', operation: 'getAll', returnAll: true }),
		);
		expect(error).toBeUndefined();
		expect(new Set(contactIds(outputs[0])).size).toBe(154);
		expect(api.received.map((request) => [request.query.page, request.status])).toEqual([
			['1', 200],
			['2', 503],
			['2', 200],
		]);
	});
});

describe('Contact > Get Many under a 429', () => {
	it('waits what Retry-After asks before sending the refused page again', async () => {
		api.addBulkContacts(150);
		api.injectFaultsWhere((request) => request.query.page === '2', {
			status: 429,
			body: { error: 'Too Many Requests', message: 'Rate limit exceeded', retryAfter: 1 },
			headers: { 'Retry-After': '1' },
		});
		const { outputs, error } = await runNode(
			node({
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				options: { includeDeliveryDetails: true },
			}),
		);
		expect(error).toBeUndefined();
		expect(new Set(contactIds(outputs[0])).size).toBe(154);
		const [first, refused, retried] = api.received;
		expect(
			[first, refused, retried].map((request) => [request.query.page, request.status]),
		).toEqual([
			['1', 200],
			['2', 429],
			['2', 200],
		]);
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
		expect(outputs[0][0].json.delivery).toMatchObject({ tries: 3, pages: 2 });
	});
});

describe('Campaign > Get Many', () => {
	it('sends status and search, and outputs each campaign', async () => {
		const { outputs } = await runNode(
			node({
				resource: 'campaign',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'active', search: 'campaign 1' },
			}),
		);
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/campaigns',
				query: { status: 'active', search: 'campaign 1', page: '1', limit: '100' },
				body: undefined,
			},
		]);
		expect(outputs[0]).toEqual(
			CAMPAIGNS.filter(
				(campaign) => campaign.status === 'active' && campaign.name.startsWith('Campaign 1'),
			).map((campaign) => ({ json: campaign, pairedItem: { item: 0 } })),
		);
	});

	it('Return All follows totalPages over pages of 10', async () => {
		const { outputs } = await runNode(
			node({ resource: 'campaign', operation: 'getAll', returnAll: true }),
		);
		expect(outputs[0].map((item) => item.json)).toEqual(CAMPAIGNS);
		expect(api.received.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});

	it('Limit 15 reads two pages and stops', async () => {
		const { outputs } = await runNode(
			node({ resource: 'campaign', operation: 'getAll', limit: 15 }),
		);
		expect(outputs[0].map((item) => item.json)).toEqual(CAMPAIGNS.slice(0, 15));
		expect(api.received.map((request) => request.query)).toEqual([
			{ page: '1', limit: '15' },
			{ page: '2', limit: '15' },
		]);
	});

	it('refuses an unknown status, with nothing sent', async () => {
		const { error } = await runNode(
			node({ resource: 'campaign', operation: 'getAll', filters: { status: 'archived' } }),
		);
		expect(error?.message).toBe('Status "archived" is not one of active, paused');
		expect(api.received).toEqual([]);
	});

	it('says which page came back without the campaigns', async () => {
		api.injectFaults({ status: 200, body: { campaigns: [] } });
		const { error } = await runNode(
			node({ resource: 'campaign', operation: 'getAll', returnAll: true }),
		);
		expect(error?.message).toBe('Guayaba answered page 1 without the campaigns');
	});
});

void [john, lea];
