import type { INodeParameters } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import {
	CALLAIDAN_KEY,
	callAidanView,
	FakeCallAidan,
	seedCallAidanContacts,
} from '../../sandbox/callAidan';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeCallAidan();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [maria] = seedCallAidanContacts();
const mariaView = callAidanView(maria);

function node(updateFields: INodeParameters, extra: Partial<NodeUnderTest> = {}): NodeUnderTest {
	return {
		nodeType: new CallAidan(),
		credentialType: new CallAidanApi(),
		credentials: { apiKey: CALLAIDAN_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: maria.id,
			updateFields,
			// these tests are about what is sent and output: the rate limit has its own tests
			options: {},
		},
		...extra,
	};
}

describe('Contact > Update', () => {
	it('sends the phone number in E.164 to PATCH /contacts/{id}/ with the raw key, and outputs the contact', async () => {
		const { outputs, error } = await runNode({
			...node({}),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: maria.id,
				updateFields: { phoneNumber: '(415) 555-2671' },
				options: { defaultCountry: 'US' },
			},
		});

		expect(error).toBeUndefined();
		expect(api.received).toHaveLength(1);
		const [request] = api.received;
		expect(request.method).toBe('PATCH');
		expect(request.path).toBe(`/contacts/${maria.id}/`);
		expect(request.headers).toMatchObject({
			authorization: CALLAIDAN_KEY,
			'content-type': 'application/json',
			accept: 'application/json',
		});
		expect(request.body).toEqual({ phone_number: '+14155552671' });
		expect(outputs).toEqual([
			[{ json: { ...mariaView, phone: '+14155552671' }, pairedItem: { item: 0 } }],
		]);
	});

	it('sends every field, falsy values the user set included', async () => {
		const { outputs, error } = await runNode(
			node({
				fullName: 'María José López',
				email: '',
				phoneNumber: '+1 415 555 2671',
				businessName: 'López Dental',
				notes: '',
				tags: ' vip, dental ,, vip',
				isDnd: false,
				leadSource: 'facebook',
				customFields: {
					values: [
						{ name: 'plan', value: 'gold' },
						{ name: 'unknown', value: 'x' },
					],
				},
			}),
		);

		expect(error).toBeUndefined();
		expect(api.received.map((request) => request.body)).toEqual([
			{
				full_name: 'María José López',
				email: '',
				phone_number: '+14155552671',
				business_name: 'López Dental',
				notes: '',
				tags: ['vip', 'dental'],
				is_dnd: false,
				lead_source: 'facebook',
				custom_fields: { plan: 'gold', unknown: 'x' },
			},
		]);
		expect(outputs).toEqual([
			[
				{
					json: {
						...mariaView,
						name: 'María José López',
						email: null,
						phone: '+14155552671',
						business_name: 'López Dental',
						notes: '',
						tags: ['vip', 'dental'],
						is_dnd: false,
						lead_source: 'facebook',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('takes tags as an array from an expression, and sends an empty list to clear them', async () => {
		await runNode({
			...node({ tags: '={{ $json.tags }}' }),
			items: [{ json: { tags: [' a ', 'b', ''] } }, { json: { tags: [] } }, { json: { tags: '' } }],
		});
		expect(api.received.map((request) => request.body)).toEqual([
			{ tags: ['a', 'b'] },
			{ tags: [] },
			{ tags: [] },
		]);
	});
});

describe('rules refuse bad input before any request', () => {
	it.each<[string, INodeParameters, string, string]>([
		[
			'no field',
			{},
			'Update needs at least one field to update',
			'Add Full Name, First Name, Last Name, Email, Phone Number, Business Name, Notes, Tags, Do Not Disturb, Lead Source or Custom Fields under Update Fields.',
		],
		[
			'Full Name with First Name',
			{ fullName: 'Ana Ruiz', firstName: 'Ana' },
			'Full Name cannot be sent with First Name or Last Name',
			'CallAidan splits Full Name into first and last name itself: use either Full Name, or First Name and Last Name.',
		],
		[
			'an email that is not one',
			{ email: 'maria(at)example.com' },
			'Email "maria(at)example.com" is not an email address',
			'Write it like name@example.com, or leave Email empty to clear it.',
		],
		[
			'an impossible phone number',
			{ phoneNumber: '+1 415' },
			'Phone Number "+1 415" is too short: write the whole number, like +14155552671',
			'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'a lead source from an expression that CallAidan does not know',
			{ leadSource: '={{ "tiktok" }}' },
			'Lead Source "tiktok" is not one CallAidan knows',
			'Use one of: manual, api, webhook, facebook, instagram, import.',
		],
		[
			'tags that are not text',
			{ tags: '={{ { a: 1 } }}' },
			'Tags must be a comma-separated list or an array, not {"a":1}',
			'Write tags like vip, newsletter or use an expression that returns an array of strings.',
		],
	])('%s', async (_case, updateFields, message, description) => {
		const { error, outputs } = await runNode(node(updateFields));
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(outputs).toEqual([]);
		expect(api.received).toEqual([]);
	});

	it('a contact ID that is not a UUID', async () => {
		const { error } = await runNode({
			...node({ notes: 'x' }),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: 'maria',
				updateFields: { notes: 'x' },
			},
		});
		expect(error?.message).toBe('Contact ID "maria" is not a valid ID');
		expect(api.received).toEqual([]);
	});
});

describe('API failures and Continue On Fail', () => {
	it('pairs one output item with each input item, and reports 404 in the API words', async () => {
		const missing = '3c90c3cc-0d44-4b50-8888-000000000000';
		const { outputs, error, run } = await runNode({
			...node({ isDnd: true }, { onError: 'continueRegularOutput' }),
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: '={{ $json.id }}',
				updateFields: { isDnd: true },
				options: {},
			},
			items: [{ json: { id: missing } }, { json: { id: maria.id } }, { json: { id: 'x' } }],
		});

		expect(error).toBeUndefined();
		expect(api.received.map((request) => request.path).sort()).toEqual(
			[`/contacts/${maria.id}/`, `/contacts/${missing}/`].sort(),
		);
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.error ?? item.json.is_dnd)).toEqual([
			`Not found. (ID ${missing})`,
			true,
			'Contact ID "x" is not a valid ID',
		]);
		expect(items[0].json).toEqual({
			error: `Not found. (ID ${missing})`,
			details: {
				description: 'CallAidan found no such contact or campaign: check the ID or phone number',
				httpCode: '404',
			},
		});
		expect(items[2].json).toEqual({
			error: 'Contact ID "x" is not a valid ID',
			details: {
				description: 'Contact ID takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
			},
		});
		expect(JSON.stringify(run)).not.toContain(CALLAIDAN_KEY);
	});

	it('reports field errors given as a bare { field: [messages] } map in the API words', async () => {
		api.injectFaults({
			status: 400,
			body: { phone_number: ['Enter a valid phone number.'] },
		});

		const { error } = await runNode(node({ phoneNumber: '+14155550123' }));

		expect(error?.message).toBe(`phone_number: Enter a valid phone number. (ID ${maria.id})`);
		expect(error?.description).toBe(
			'CallAidan refused the request as invalid: check the fields sent',
		);
		expect(error?.httpCode).toBe('400');
	});

	it('says the key was refused on 401', async () => {
		const { error, run } = await runNode(
			node({ notes: 'x' }, { credentials: { apiKey: 'ca_wrong', baseUrl: api.url } }),
		);
		expect(error?.message).toBe('The API key was refused: check the CallAidan credential');
		expect(error?.description).toBe('Invalid API key.');
		expect(JSON.stringify(run)).not.toContain('ca_wrong');
	});
});
