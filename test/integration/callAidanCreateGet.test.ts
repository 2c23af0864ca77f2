import type { INodeParameters } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import {
	CALLAIDAN_KEY,
	callAidanDetailView,
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
beforeEach(() => {
	api.reset();
	api.now = () => new Date('2026-03-01T12:00:00.000Z');
});

const [maria] = seedCallAidanContacts();

function node(parameters: INodeParameters, extra: Partial<NodeUnderTest> = {}): NodeUnderTest {
	const options = { ...(parameters.options as INodeParameters | undefined) };
	return {
		nodeType: new CallAidan(),
		credentialType: new CallAidanApi(),
		credentials: { apiKey: CALLAIDAN_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
		parameters: { resource: 'contact', ...parameters, options },
		...extra,
	};
}

describe('Contact > Create', () => {
	it('POSTs /contacts/ in snake_case with the phone in E.164, and outputs the contact as sent', async () => {
		const { outputs, error } = await runNode(
			node({
				operation: 'create',
				phoneNumber: '(415) 555-0188',
				additionalFields: {
					fullName: 'Jean-Luc Picard',
					email: ' JL@Example.com ',
					businessName: 'Enterprise Dental',
					notes: 'Asked for a demo',
					tags: 'lead, web-form, lead',
					isDnd: false,
					leadSource: 'webhook',
					customFields: { values: [{ name: 'plan', value: 'pro' }] },
				},
				options: { defaultCountry: 'US' },
			}),
		);

		const sentContact = {
			phone_number: '+14155550188',
			full_name: 'Jean-Luc Picard',
			email: 'JL@Example.com',
			business_name: 'Enterprise Dental',
			notes: 'Asked for a demo',
			tags: ['lead', 'web-form'],
			is_dnd: false,
			lead_source: 'webhook',
			custom_fields: { plan: 'pro' },
		};
		expect(error).toBeUndefined();
		expect(api.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'POST', path: '/contacts/', body: sentContact },
		]);
		expect(api.received[0].headers).toMatchObject({
			authorization: CALLAIDAN_KEY,
			'content-type': 'application/json',
		});
		expect(outputs).toEqual([[{ json: sentContact, pairedItem: { item: 0 } }]]);
		expect(api.contacts).toHaveLength(2);
	});

	it('on a contact CallAidan has, the tags sent are added to its tags', async () => {
		const { outputs } = await runNode(
			node({
				operation: 'create',
				phoneNumber: maria.phone,
				additionalFields: { tags: ['vip'] },
			}),
		);
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ phone_number: maria.phone, tags: ['vip'] },
		]);
		expect(api.contacts.map((contact) => contact.tags)).toEqual([['lead', 'vip']]);
	});

	it('one request per item, outputs paired in order', async () => {
		const { outputs } = await runNode({
			...node({
				operation: 'create',
				phoneNumber: '={{ $json.phone }}',
				additionalFields: { fullName: '={{ $json.name }}' },
			}),
			items: [
				{ json: { phone: '+14155550101', name: 'Ada' } },
				{ json: { phone: '+14155550102', name: 'Grace' } },
			],
		});
		expect(
			outputs[0].map((item) => [item.json.phone_number, item.json.full_name, item.pairedItem]),
		).toEqual([
			['+14155550101', 'Ada', { item: 0 }],
			['+14155550102', 'Grace', { item: 1 }],
		]);
		expect(api.received).toHaveLength(2);
	});

	it.each<[string, INodeParameters, string, string]>([
		[
			'a phone that is not possible',
			{ phoneNumber: '+12' },
			'Phone Number "+12" is too short: write the whole number, like +14155552671',
			'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'a bad email',
			{ phoneNumber: '+14155550188', additionalFields: { email: 'jl@' } },
			'Email "jl@" is not an email address',
			'Write it like name@example.com, or leave Email empty to clear it.',
		],
		[
			'an unknown lead source',
			{ phoneNumber: '+14155550188', additionalFields: { leadSource: '={{ "tiktok" }}' } },
			'Lead Source "tiktok" is not one CallAidan knows',
			'Use one of: manual, api, webhook, facebook, instagram, import.',
		],
		[
			'a do-not-disturb that is not true or false',
			{ phoneNumber: '+14155550188', additionalFields: { isDnd: '={{ "maybe" }}' } },
			'Do Not Disturb must be true or false, not "maybe"',
			'Switch Do Not Disturb on or off, or use an expression that returns true or false.',
		],
	])('refuses %s, with nothing sent', async (_case, fields, message, description) => {
		const { error } = await runNode(node({ operation: 'create', ...fields }));
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(api.received).toEqual([]);
	});

	it("reports CallAidan's field errors in its words", async () => {
		api.injectFaults({ status: 400, body: { phone_number: ['Enter a valid phone number.'] } });
		const { error } = await runNode(node({ operation: 'create', phoneNumber: '+14155550188' }));
		expect([error?.message, error?.httpCode]).toEqual([
			'phone_number: Enter a valid phone number.',
			'400',
		]);
	});
});

describe('Contact > Get', () => {
	it('GETs /contacts/{id}/ and outputs the contact with its recent activity', async () => {
		const { outputs, error } = await runNode(
			node({ operation: 'get', contactId: ` ${maria.id} ` }),
		);
		expect(error).toBeUndefined();
		expect(api.received.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'GET', path: `/contacts/${maria.id}/`, query: {} },
		]);
		expect(outputs).toEqual([[{ json: callAidanDetailView(maria), pairedItem: { item: 0 } }]]);
		expect((outputs[0][0].json.recent_activity as unknown[]).length).toBe(3);
	});

	it('refuses an ID that is not a UUID, with nothing sent', async () => {
		const { error } = await runNode(node({ operation: 'get', contactId: 'maria' }));
		expect(error?.message).toBe('Contact ID "maria" is not a valid ID');
		expect(api.received).toEqual([]);
	});

	it("reports an unknown contact in CallAidan's words; under Continue On Fail as an item", async () => {
		const { outputs } = await runNode({
			...node({ operation: 'get', contactId: '00000000-0000-4000-8000-000000000000' }),
			onError: 'continueRegularOutput',
		});
		expect(outputs).toEqual([
			[
				{
					json: {
						error: 'Not found. (ID 00000000-0000-4000-8000-000000000000)',
						details: {
							description:
								'CallAidan found no such contact or campaign: check the ID or phone number',
							httpCode: '404',
						},
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});
});
