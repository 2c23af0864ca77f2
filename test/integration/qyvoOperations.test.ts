import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { listSearch, runNode, type NodeUnderTest } from '../helpers/engine';
import {
	contactView,
	FakeQyvo,
	QYVO_BASE_PATH,
	QYVO_NOW,
	QYVO_TOKEN,
	seedQyvoContacts,
	seedQyvoFlows,
	seedQyvoSequences,
	seedQyvoTags,
	seedQyvoTemplates,
} from '../../sandbox/qyvo';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeQyvo();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [romain, sam] = seedQyvoContacts();
const [orderConfirmation, welcome, springSale] = seedQyvoTemplates();
const [welcomeSeries, draftSequence] = seedQyvoSequences();
const [reviewFlow] = seedQyvoFlows();

function node(
	resource: string,
	operation: string,
	parameters: INodeParameters,
	extra: Partial<NodeUnderTest> = {},
): NodeUnderTest {
	return {
		nodeType: new Qyvo(),
		credentialType: new QyvoApi(),
		credentials: {
			apiToken: QYVO_TOKEN,
			baseUrl: `${api.url}${QYVO_BASE_PATH}`,
			...NO_CLIENT_LIMIT,
		},
		parameters: {
			resource,
			operation,
			...parameters,
			// these tests are about what is sent and output: the limiter has its own test below
			options: { ...(parameters.options as INodeParameters | undefined) },
		},
		...extra,
	};
}

const sent = () => api.received.map(({ method, path, body }) => ({ method, path, body }));
const post = (action: string, body?: unknown) => ({
	method: 'POST',
	path: `${QYVO_BASE_PATH}/actions/${action}`,
	body,
});
/** A sequence or flow as the API shows it: without the sandbox's own bookkeeping. */
function apiView(session: object): Record<string, unknown> {
	const visible: Record<string, unknown> = { ...session };
	delete visible.runningFor;
	return visible;
}

const paired = (items: INodeExecutionData[], item = 0) =>
	items.map((json) => ({ json: json.json, pairedItem: { item } }));

describe('Contact > Create', () => {
	it('creates a contact from a local number, with tags as CSV and metadata as one object', async () => {
		const { outputs, error } = await runNode(
			node('contact', 'create', {
				phone: '(415) 555-0199',
				additionalFields: {
					name: 'Ada',
					email: ' ada@example.com ',
					tags: 'shopify, first-order',
					metadata: { values: [{ name: 'order', value: '={{ 1001 }}' }] },
				},
				options: { defaultCountry: 'US' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			post('create-contact', {
				phone: '+14155550199',
				name: 'Ada',
				email: 'ada@example.com',
				tags: 'shopify,first-order',
				metadata: { order: 1001 },
			}),
		]);
		const created = {
			id: '01J3C0NTACT000000000000001',
			phone: '+14155550199',
			name: 'Ada',
			email: 'ada@example.com',
			source: 'api',
			locale: null,
			tags: ['shopify', 'first-order'],
			metadata: { order: 1001 },
			opted_in_at: QYVO_NOW,
			opted_out_at: null,
			last_message_at: null,
			total_messages: 0,
			created_at: QYVO_NOW,
		};
		expect(outputs).toEqual([[{ json: created, pairedItem: { item: 0 } }]]);
	});

	it('updates the contact that has the phone (upsert), leaving an empty email out', async () => {
		const { outputs, error } = await runNode(
			node('contact', 'create', {
				phone: romain.phone,
				additionalFields: { name: 'Romain D.', email: '' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([post('create-contact', { phone: romain.phone, name: 'Romain D.' })]);
		expect(outputs[0]).toEqual([
			{ json: { ...contactView(romain), name: 'Romain D.' }, pairedItem: { item: 0 } },
		]);
		expect(api.contacts).toHaveLength(2);
	});
});

describe('Contact > Get', () => {
	it.each<[string, INodeParameters, Record<string, string>]>([
		['ID', { lookupBy: 'contactId', contactId: romain.id }, { contact_id: romain.id }],
		[
			'phone, read with Default Country',
			{ lookupBy: 'phone', phone: '020 7946 0958', options: { defaultCountry: 'GB' } },
			{ phone: sam.phone },
		],
		['email', { lookupBy: 'email', email: ' romain@example.com ' }, { email: romain.email! }],
	])('by %s: sends only that identifier, outputs the contact', async (_by, parameters, body) => {
		const { outputs, error } = await runNode(
			node('contact', 'get', { contactId: 'ignored', phone: 'ignored', ...parameters }),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([post('get-contact', body)]);
		const expected = 'phone' in body ? sam : romain;
		expect(outputs).toEqual([[{ json: contactView(expected), pairedItem: { item: 0 } }]]);
	});

	it('a contact not found is the API error, in its words', async () => {
		const { error } = await runNode(
			node('contact', 'get', { lookupBy: 'email', email: 'nobody@example.com' }),
		);
		expect(error?.message).toBe('Contact not found (email nobody@example.com)');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Contact > Search', () => {
	const searchRow = (contact: typeof romain) => ({
		id: contact.id,
		phone: contact.phone,
		name: contact.name,
		email: contact.email,
		source: contact.source,
		tags: contact.tags,
		last_message_at: contact.last_message_at,
		created_at: contact.created_at,
	});

	it('without filters sends no body and outputs one item per contact, newest activity first', async () => {
		const { outputs } = await runNode(
			node('contact', 'search', { returnAll: true, filters: { query: '  ' } }),
		);
		expect(sent()).toEqual([post('search-contacts', undefined)]);
		expect(outputs).toEqual([
			[searchRow(romain), searchRow(sam)].map((json) => ({ json, pairedItem: { item: 0 } })),
		]);
	});

	it('sends the filters trimmed; the limit is applied to the answer, not sent; each list paired to its item', async () => {
		const { outputs } = await runNode({
			...node('contact', 'search', {
				limit: 1,
				filters: { query: '={{ $json.query }}', tag: ' vip ', email: 'romain@example.com' },
			}),
			items: [{ json: { query: ' ROM ' } }, { json: { query: '+1415' } }],
		});
		expect(sent()).toEqual([
			post('search-contacts', { query: 'ROM', tag: 'vip', email: 'romain@example.com' }),
			post('search-contacts', { query: '+1415', tag: 'vip', email: 'romain@example.com' }),
		]);
		expect(outputs).toEqual([
			[
				{ json: searchRow(romain), pairedItem: { item: 0 } },
				{ json: searchRow(romain), pairedItem: { item: 1 } },
			],
		]);
	});

	it('with a limit, keeps the first contacts of the answer', async () => {
		const { outputs } = await runNode(node('contact', 'search', { limit: 1, filters: {} }));
		expect(outputs[0].map((item) => item.json.id)).toEqual([romain.id]);
	});
});

describe('Contact > Add Tag and Remove Tag', () => {
	it('adds a tag to a contact found by phone', async () => {
		const { outputs } = await runNode(
			node('contact', 'addTag', { lookupBy: 'phone', phone: '+1 415 555 0123', tag: ' buyer ' }),
		);
		expect(sent()).toEqual([post('add-tag', { phone: romain.phone, tag: 'buyer' })]);
		expect(outputs).toEqual([
			[
				{
					json: { id: romain.id, phone: romain.phone, tag_added: 'buyer', tags: ['vip', 'buyer'] },
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('removes a tag from a contact found by ID', async () => {
		const { outputs } = await runNode(
			node('contact', 'removeTag', { lookupBy: 'contactId', contactId: romain.id, tag: 'vip' }),
		);
		expect(sent()).toEqual([post('remove-tag', { contact_id: romain.id, tag: 'vip' })]);
		expect(outputs[0]).toEqual([
			{
				json: { id: romain.id, phone: romain.phone, tag_removed: 'vip', tags: [] },
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Message > Send Text', () => {
	it('sends text within the 24-hour window and outputs the sent message', async () => {
		// 4,096 characters, each an emoji of two UTF-16 units: the limit counts characters
		const message = '😀'.repeat(4096);
		const { outputs, error } = await runNode(
			node('message', 'sendText', { phone: '+14155550123', message }),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([post('send-text-message', { phone: romain.phone, message })]);
		expect(outputs).toEqual([
			[
				{
					json: {
						id: '01J3MSG0000000000000000001',
						status: 'sent',
						whatsapp_message_id: 'wamid.01J3MSG0000000000000000001',
						contact_id: romain.id,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('outside the 24-hour window, the error says to send a template instead', async () => {
		const { error } = await runNode(
			node('message', 'sendText', { phone: sam.phone, message: 'Hello' }),
		);
		expect(error?.message).toBe(
			`WhatsApp refused the text: the 24-hour window is closed, send a template instead (phone ${sam.phone})`,
		);
		expect(error?.description).toBe(
			"WhatsApp accepts free text only within 24 hours of the contact's last message (Meta error 131047). Outside that window, use Message > Send Template with an approved template. Qyvo said: WhatsApp rejected the message: (#131047) Re-engagement message. More than 24 hours have passed since the customer last replied.",
		);
		expect(error?.httpCode).toBe('422');
	});

	it('with Continue On Fail, the window refusal is the item error, paired, and other items are sent', async () => {
		const { outputs, error } = await runNode({
			...node(
				'message',
				'sendText',
				{ phone: '={{ $json.phone }}', message: 'Your order shipped' },
				{ onError: 'continueRegularOutput' },
			),
			items: [{ json: { phone: sam.phone } }, { json: { phone: romain.phone } }],
		});
		expect(error).toBeUndefined();
		expect(
			outputs[0].map((item) => [item.json.error ?? item.json.status, item.pairedItem]),
		).toEqual([
			[
				`WhatsApp refused the text: the 24-hour window is closed, send a template instead (phone ${sam.phone})`,
				{ item: 0 },
			],
			['sent', { item: 1 }],
		]);
	});
});

describe('Message > Send Template', () => {
	it('sends the template, its language and the variables as one object of strings', async () => {
		const { outputs, error } = await runNode(
			node('message', 'sendTemplate', {
				phone: sam.phone,
				templateId: orderConfirmation.id,
				language: 'fr',
				variables: {
					values: [
						{ name: '1', value: 'Sam' },
						{ name: '2', value: '={{ 1001 }}' },
						{ name: '3', value: '={{ 42.5 }}' },
					],
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			post('send-template-message', {
				phone: sam.phone,
				template_id: orderConfirmation.id,
				language: 'fr',
				variables: { '1': 'Sam', '2': '1001', '3': '42.5' },
			}),
		]);
		expect(outputs[0]).toEqual([
			{
				json: {
					id: '01J3MSG0000000000000000001',
					status: 'sent',
					whatsapp_message_id: 'wamid.01J3MSG0000000000000000001',
					contact_id: sam.id,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a template without placeholders goes without variables, and an empty language is left out', async () => {
		await runNode(
			node('message', 'sendTemplate', {
				phone: romain.phone,
				templateId: welcome.id,
				language: ' ',
				variables: {},
			}),
		);
		expect(sent()).toEqual([
			post('send-template-message', { phone: romain.phone, template_id: welcome.id }),
		]);
		expect(api.sent).toHaveLength(1);
	});

	it('missing variables: the error names them and the placeholders', async () => {
		const { error } = await runNode(
			node('message', 'sendTemplate', {
				phone: romain.phone,
				templateId: orderConfirmation.id,
				variables: { values: [{ name: '1', value: 'Romain' }] },
			}),
		);
		expect(error?.message).toBe(
			`The template needs variables that were not given: 2, 3 (phone ${romain.phone})`,
		);
		expect(error?.description).toBe(
			"Add a pair under Variables for each, named 2, 3 (the template's placeholders are 1, 2, 3). Qyvo said: Template requires variables that were not provided.",
		);
		expect(error?.httpCode).toBe('422');
	});

	it('a template not approved is refused by Qyvo, in its words', async () => {
		const { error } = await runNode(
			node('message', 'sendTemplate', {
				phone: romain.phone,
				templateId: springSale.id,
				variables: { values: [{ name: '1', value: '20%' }] },
			}),
		);
		expect(error?.message).toBe(`Template is not approved by Meta. (phone ${romain.phone})`);
	});

	it("the Template picker lists the account's approved templates, by name, and searches them", async () => {
		const all = await listSearch({
			...node('message', 'sendTemplate', {}),
			method: 'searchApprovedTemplates',
			path: 'templateId',
		});
		expect(sent()).toEqual([post('list-templates', { status: 'APPROVED' })]);
		// Qyvo's list takes no paging: one page, and no token for a next one
		expect(all).toEqual({
			results: [
				{
					name: 'order_confirmation',
					value: orderConfirmation.id,
					description: 'UTILITY · en_US, fr',
				},
				{ name: 'welcome', value: welcome.id, description: 'MARKETING · en_US' },
			],
		});
		const searched = await listSearch({
			...node('message', 'sendTemplate', {}),
			method: 'searchApprovedTemplates',
			path: 'templateId',
			filter: 'ORDER',
		});
		expect(searched.results.map((result) => result.value)).toEqual([orderConfirmation.id]);
	});

	it('the Template picker reports a refused token as the nodes do', async () => {
		await expect(
			listSearch({
				...node(
					'message',
					'sendTemplate',
					{},
					{
						credentials: {
							apiToken: 'qyvo_wrong',
							baseUrl: `${api.url}${QYVO_BASE_PATH}`,
							...NO_CLIENT_LIMIT,
						},
					},
				),
				method: 'searchApprovedTemplates',
				path: 'templateId',
			}),
		).rejects.toThrow('The API key was refused: check the Qyvo credential');
	});
});

describe('Template', () => {
	const listed = (template: typeof seedQyvoTemplates extends () => Array<infer T> ? T : never) => ({
		id: template.id,
		name: template.name,
		category: template.category,
		status: template.status,
		languages: template.languages,
		created_at: template.created_at,
	});

	it('Get Many with a status filter outputs one item per template', async () => {
		const { outputs } = await runNode(
			node('template', 'getAll', { returnAll: true, filters: { status: 'PENDING' } }),
		);
		expect(sent()).toEqual([post('list-templates', { status: 'PENDING' })]);
		expect(outputs).toEqual([[{ json: listed(springSale), pairedItem: { item: 0 } }]]);
	});

	it('Get Many without filters, limited to 2 of the 3', async () => {
		const { outputs } = await runNode(node('template', 'getAll', { limit: 2, filters: {} }));
		expect(sent()).toEqual([post('list-templates', undefined)]);
		expect(outputs).toEqual([
			paired([{ json: listed(orderConfirmation) }, { json: listed(welcome) }]),
		]);
	});

	it('Get outputs the whole template', async () => {
		const { outputs } = await runNode(
			node('template', 'get', { templateId: ` ${orderConfirmation.id} ` }),
		);
		expect(sent()).toEqual([post('get-template', { template_id: orderConfirmation.id })]);
		expect(outputs).toEqual([[{ json: { ...orderConfirmation }, pairedItem: { item: 0 } }]]);
	});

	it('Get of a template that does not exist is the API error', async () => {
		const { error } = await runNode(
			node('template', 'get', { templateId: '00000000-0000-0000-0000-000000000000' }),
		);
		expect(error?.message).toBe('Template not found');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toBe(
			'Check the ID, phone or email: Qyvo answers 404 for what does not exist, a sequence or flow not published, or a record of another workspace.',
		);
	});
});

describe('Tag > Get Many', () => {
	it('with a name filter outputs one item per tag', async () => {
		const { outputs } = await runNode(
			node('tag', 'getAll', { returnAll: true, filters: { name: ' vip ' } }),
		);
		expect(sent()).toEqual([post('list-tags', { name: 'vip' })]);
		const [vip, vipFr] = seedQyvoTags().map((tag) => ({ ...tag }));
		expect(outputs).toEqual([paired([{ json: vip }, { json: vipFr }])]);
	});
});

describe('Sequence and Flow', () => {
	it('Sequence > Start for a new phone starts it, with the context as one object', async () => {
		const { outputs, error } = await runNode(
			node('sequence', 'start', {
				sequenceId: welcomeSeries.id,
				lookupBy: 'phone',
				phone: '+33 6 12 34 56 78',
				context: { values: [{ name: 'order_id', value: '1001' }] },
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			post('trigger-sequence', {
				sequence_id: welcomeSeries.id,
				phone: '+33612345678',
				context: { order_id: '1001' },
			}),
		]);
		expect(outputs).toEqual([
			[
				{
					json: {
						id: '01J3SESS10N000000000000002',
						status: 'started',
						sequence_id: welcomeSeries.id,
						contact_id: '01J3C0NTACT000000000000001',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('Sequence > Start when it already runs for the contact is a success that says so', async () => {
		const { outputs, error } = await runNode(
			node('sequence', 'start', {
				sequenceId: welcomeSeries.id,
				lookupBy: 'contactId',
				contactId: romain.id,
			}),
		);
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			post('trigger-sequence', { sequence_id: welcomeSeries.id, contact_id: romain.id }),
		]);
		expect(outputs).toEqual([
			[
				{
					json: {
						status: 'already_running',
						sequence_id: welcomeSeries.id,
						contact_id: romain.id,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('Sequence > Start of a draft is the API error', async () => {
		const { error } = await runNode(
			node('sequence', 'start', {
				sequenceId: draftSequence.id,
				lookupBy: 'contactId',
				contactId: romain.id,
			}),
		);
		expect(error?.message).toBe(`Sequence not found or not published (ID ${romain.id})`);
	});

	it('Sequence > Get outputs the sequence', async () => {
		const { outputs } = await runNode(node('sequence', 'get', { sequenceId: welcomeSeries.id }));
		expect(sent()).toEqual([post('get-sequence', { sequence_id: welcomeSeries.id })]);
		expect(outputs).toEqual([[{ json: apiView(welcomeSeries), pairedItem: { item: 0 } }]]);
	});

	it('Flow > Start by contact ID, twice: started, then already running', async () => {
		const { outputs } = await runNode({
			...node('flow', 'start', {
				flowId: reviewFlow.id,
				lookupBy: 'contactId',
				contactId: sam.id,
				context: { values: [{ name: 'rating_url', value: 'https://shop.example.com/r' }] },
			}),
			items: [{ json: {} }, { json: {} }],
		});
		expect(sent()).toEqual(
			[0, 1].map(() =>
				post('trigger-flow', {
					flow_id: reviewFlow.id,
					contact_id: sam.id,
					context: { rating_url: 'https://shop.example.com/r' },
				}),
			),
		);
		// both requests leave together: either may be the one that starts the flow
		expect(outputs[0].map((item) => item.json.status).sort()).toEqual([
			'already_running',
			'started',
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Flow > Get outputs the flow', async () => {
		const { outputs } = await runNode(node('flow', 'get', { flowId: reviewFlow.id }));
		expect(sent()).toEqual([post('get-flow', { flow_id: reviewFlow.id })]);
		expect(outputs).toEqual([[{ json: apiView(reviewFlow), pairedItem: { item: 0 } }]]);
	});
});
