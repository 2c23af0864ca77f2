import type { INodeParameters, INodeParameterResourceLocator } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { CAMPAIGNS, FakeGuayaba, GUAYABA_KEY, seedContacts } from '../../sandbox/guayaba';
import {
	FakeQyvo,
	QYVO_BASE_PATH,
	QYVO_TOKEN,
	seedQyvoContacts,
	seedQyvoFlows,
	seedQyvoSequences,
	seedQyvoTemplates,
} from '../../sandbox/qyvo';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';
import { listSearch, runNode, type NodeUnderTest } from '../helpers/engine';

/**
 * The ID pickers (resource locators): each From List against the sandbox, searched and paged as
 * the editor asks for it, and runs with each mode's value and with the plain value a workflow
 * saved before the field was a picker, each sending exactly the same request.
 */

const guayabaApi = new FakeGuayaba();
const qyvoApi = new FakeQyvo();
beforeAll(async () => {
	await Promise.all([guayabaApi.start(), qyvoApi.start()]);
});
afterAll(async () => {
	await Promise.all([guayabaApi.stop(), qyvoApi.stop()]);
});
beforeEach(() => {
	guayabaApi.reset();
	qyvoApi.reset();
});

const [john, ana] = seedContacts();
const [romain] = seedQyvoContacts();
const [orderConfirmation, welcome, springSale] = seedQyvoTemplates();
const [welcomeSeries, draftSequence] = seedQyvoSequences();
const [reviewFlow, quizFlow] = seedQyvoFlows();

function guayaba(parameters: INodeParameters): NodeUnderTest {
	return {
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: guayabaApi.url, ...NO_CLIENT_LIMIT },
		parameters: { ...parameters, options: {} },
	};
}

function qyvo(parameters: INodeParameters): NodeUnderTest {
	return {
		nodeType: new Qyvo(),
		credentialType: new QyvoApi(),
		credentials: {
			apiToken: QYVO_TOKEN,
			baseUrl: `${qyvoApi.url}${QYVO_BASE_PATH}`,
			...NO_CLIENT_LIMIT,
		},
		parameters: { ...parameters, options: {} },
	};
}

const picked = (mode: string, value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode,
	value,
});

/** The same ID as each shape a saved workflow may hold. */
function shapesOf(id: string): Array<[string, string | INodeParameterResourceLocator]> {
	return [
		['a plain value, saved before the field was a picker', id],
		['From List', { ...picked('list', id), cachedResultName: 'as listed' }],
		['By ID', picked('id', ` ${id} `)],
		['By ID, as an expression', picked('id', `={{ "${id}" }}`)],
	];
}

const guayabaQueries = () =>
	guayabaApi.received.map(({ method, path, query }) => ({ method, path, query }));
const qyvoRequests = () =>
	qyvoApi.received.map(({ method, path, body }) => ({ method, path, body }));

describe('Guayaba Campaign picker', () => {
	const search = (filter?: string, paginationToken?: string) =>
		listSearch({
			...guayaba({ resource: 'contact', operation: 'create' }),
			method: 'searchCampaigns',
			path: 'campaignId',
			filter,
			paginationToken,
		});

	it('reads a page a call, and hands the editor the next page as its token', async () => {
		// the sandbox, like a server that caps its page size, answers 10 of the 100 asked for
		const first = await search();
		expect(first.results.map((result) => result.value)).toEqual(
			CAMPAIGNS.slice(0, 10).map((campaign) => campaign.id),
		);
		expect(first.results[0]).toEqual({
			name: 'Campaign 01',
			value: CAMPAIGNS[0].id,
			description: 'Status: active',
		});
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken);
		expect(second.results.map((result) => result.value)).toEqual(
			CAMPAIGNS.slice(10, 20).map((campaign) => campaign.id),
		);
		const third = await search(undefined, second.paginationToken);
		expect(third.results.map((result) => result.value)).toEqual(
			CAMPAIGNS.slice(20).map((campaign) => campaign.id),
		);
		expect(third.paginationToken).toBeUndefined();
		expect(guayabaQueries()).toEqual(
			['1', '2', '3'].map((page) => ({
				method: 'GET',
				path: '/campaigns',
				query: { page, limit: '100' },
			})),
		);
	});

	it('sends the search to Guayaba and pages through what matches', async () => {
		const first = await search(' 1 ');
		// Campaign 01, Campaign 10 to 19 and Campaign 21: 12, in pages of 10
		expect(first.results.map((result) => result.name)).toEqual([
			'Campaign 01',
			...Array.from({ length: 9 }, (_, index) => `Campaign ${10 + index}`),
		]);
		const second = await search(' 1 ', first.paginationToken);
		expect(second.results.map((result) => result.name)).toEqual(['Campaign 19', 'Campaign 21']);
		expect(second.paginationToken).toBeUndefined();
		expect(guayabaQueries().map((request) => request.query)).toEqual([
			{ search: '1', page: '1', limit: '100' },
			{ search: '1', page: '2', limit: '100' },
		]);
	});

	it('reads the first page for a token it does not know', async () => {
		await search(undefined, 'not-a-page');
		expect(guayabaQueries().map((request) => request.query.page)).toEqual(['1']);
	});

	it.each(shapesOf(CAMPAIGNS[4].id))(
		'Create sends the campaign given as %s',
		async (_shape, campaignId) => {
			const { error } = await runNode(
				guayaba({
					resource: 'contact',
					operation: 'create',
					phoneNumber: '+14155550100',
					campaignId,
					additionalFields: { customVariables: { values: [{ name: 'email', value: 'a@b.co' }] } },
				}),
			);
			expect(error).toBeUndefined();
			expect(guayabaApi.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual(
				[
					{
						method: 'POST',
						path: '/contacts',
						body: {
							phoneNumber: '+14155550100',
							campaignId: CAMPAIGNS[4].id,
							customVariables: { email: 'a@b.co' },
						},
					},
				],
			);
		},
	);

	it.each(shapesOf(CAMPAIGNS[7].id))(
		'Update by Phone sends the campaign given as %s',
		async (_shape, campaignId) => {
			const { error } = await runNode(
				guayaba({
					resource: 'contact',
					operation: 'updateByPhone',
					phone: ana.phoneNumber,
					updateFields: { campaignId },
				}),
			);
			expect(error).toBeUndefined();
			expect(guayabaApi.received.map(({ path, body }) => ({ path, body }))).toEqual([
				{ path: '/contacts/update', body: { phone: ana.phoneNumber, campaignId: CAMPAIGNS[7].id } },
			]);
		},
	);

	it('a campaign By ID that is no UUID is refused before anything is sent', async () => {
		const { error } = await runNode(
			guayaba({
				resource: 'contact',
				operation: 'updateByPhone',
				phone: ana.phoneNumber,
				updateFields: { campaignId: picked('id', 'summer-2026') },
			}),
		);
		expect(error?.message).toBe('Campaign "summer-2026" is not a valid ID');
		expect(guayabaApi.received).toEqual([]);
	});
});

describe('Guayaba Contact picker', () => {
	const search = (filter?: string, paginationToken?: string) =>
		listSearch({
			...guayaba({ resource: 'contact', operation: 'updateById' }),
			method: 'searchContacts',
			path: 'contactId',
			filter,
			paginationToken,
		});

	it('lists contacts by name and phone, 50 a page, and the second page on the token', async () => {
		guayabaApi.addBulkContacts(60);
		const first = await search();
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken);
		expect(second.results).toHaveLength(14);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results];
		expect(new Set(all.map((result) => result.value)).size).toBe(64);
		expect(all.find((result) => result.value === ana.id)).toEqual({
			name: 'Ana Ruiz (+14155552671)',
			value: ana.id,
			description: 'Status: active',
		});
		expect(guayabaQueries()).toEqual(
			['1', '2'].map((page) => ({
				method: 'GET',
				path: '/contacts',
				query: { page, limit: '50' },
			})),
		);
	});

	it('searches by name, and by phone as Guayaba stores it', async () => {
		expect((await search('ana')).results.map((result) => result.value)).toEqual([ana.id]);
		expect((await search('+1 (415) 555-2671')).results.map((result) => result.value)).toEqual([
			ana.id,
		]);
		expect(guayabaQueries().map((request) => request.query.search)).toEqual([
			'ana',
			'+14155552671',
		]);
	});

	it.each(shapesOf(john.id))(
		'Update by ID sends the contact given as %s',
		async (_shape, contactId) => {
			const { error, outputs } = await runNode(
				guayaba({
					resource: 'contact',
					operation: 'updateById',
					contactId,
					updateFields: { status: 'paused' },
				}),
			);
			expect(error).toBeUndefined();
			expect(guayabaApi.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual(
				[{ method: 'PUT', path: `/contacts/${john.id}`, body: { status: 'paused' } }],
			);
			expect(outputs[0].map((item) => [item.json.id, item.json.status])).toEqual([
				[john.id, 'paused'],
			]);
		},
	);

	it('a contact By ID that is no UUID is refused by n8n, as the editor marks it, before anything is sent', async () => {
		await expect(
			runNode(
				guayaba({
					resource: 'contact',
					operation: 'updateById',
					contactId: picked('id', '42'),
					updateFields: { name: 'Ana' },
				}),
			),
		).rejects.toThrow(
			'Not a valid contact ID: it is a UUID, like 550e8400-e29b-41d4-a716-446655440000',
		);
		expect(guayabaApi.received).toEqual([]);
	});
});

describe('Qyvo pickers', () => {
	const search = (method: string, path: string, filter?: string) =>
		listSearch({
			...qyvo({ resource: 'sequence', operation: 'start' }),
			method,
			path,
			filter,
		});

	// Qyvo's lists take no paging: each picker answers whole, with no token, and searches
	it.each([
		[
			'searchTemplates',
			'templateId',
			'POST',
			'/actions/list-templates',
			// n8n sends no empty body: Qyvo lists every template
			undefined,
			'SALE',
			[
				{
					name: 'order_confirmation',
					value: orderConfirmation.id,
					description: 'UTILITY · en_US, fr',
				},
				{
					name: 'spring_sale',
					value: springSale.id,
					description: 'PENDING · MARKETING · en_US',
				},
				{ name: 'welcome', value: welcome.id, description: 'MARKETING · en_US' },
			],
			[springSale.id],
		],
		[
			'searchSequences',
			'sequenceId',
			'GET',
			'/dropdowns/sequences',
			undefined,
			'win',
			[
				{ name: 'Welcome series', value: welcomeSeries.id },
				{ name: 'Win-back (draft)', value: draftSequence.id },
			],
			[draftSequence.id],
		],
		[
			'searchFlows',
			'flowId',
			'GET',
			'/dropdowns/flows',
			undefined,
			'REVIEW',
			[
				{ name: 'Quiz (draft)', value: quizFlow.id },
				{ name: 'Review request', value: reviewFlow.id },
			],
			[reviewFlow.id],
		],
	])(
		'%s lists the whole list by name, and narrows it to the search',
		async (method, path, verb, apiPath, body, filter, all, found) => {
			expect(await search(method, path)).toEqual({ results: all });
			expect((await search(method, path, filter)).results.map((result) => result.value)).toEqual(
				found,
			);
			expect(qyvoRequests()).toEqual([
				{ method: verb, path: `${QYVO_BASE_PATH}${apiPath}`, body },
				{ method: verb, path: `${QYVO_BASE_PATH}${apiPath}`, body },
			]);
		},
	);

	it('the Contact picker sends the search to Qyvo, which searches name, phone and email', async () => {
		const all = await search('searchContacts', 'contactId');
		expect(all.results).toEqual([
			{ name: `Romain (${romain.phone})`, value: romain.id, description: romain.email },
			expect.objectContaining({ name: 'Sam (+442079460958)' }),
		]);
		expect(all.paginationToken).toBeUndefined();
		expect((await search('searchContacts', 'contactId', ' romain@ ')).results).toHaveLength(1);
		expect(qyvoRequests().map((request) => request.body)).toEqual([
			undefined,
			{ query: 'romain@' },
		]);
	});

	it.each(shapesOf(orderConfirmation.id))(
		'Send Template sends the template given as %s',
		async (_shape, templateId) => {
			const { error } = await runNode(
				qyvo({
					resource: 'message',
					operation: 'sendTemplate',
					phone: romain.phone,
					templateId,
					variables: {
						values: [
							{ name: '1', value: 'Romain' },
							{ name: '2', value: 'A-1' },
							{ name: '3', value: '9 €' },
						],
					},
				}),
			);
			expect(error).toBeUndefined();
			expect(qyvoRequests()).toEqual([
				{
					method: 'POST',
					path: `${QYVO_BASE_PATH}/actions/send-template-message`,
					body: {
						phone: romain.phone,
						template_id: orderConfirmation.id,
						variables: { 1: 'Romain', 2: 'A-1', 3: '9 €' },
					},
				},
			]);
		},
	);

	it.each(shapesOf(welcomeSeries.id))(
		'Start Sequence sends the sequence and the contact given as %s',
		async (_shape, id) => {
			const contactId = typeof id === 'string' ? romain.id : { ...id, value: romain.id };
			const { error } = await runNode(
				qyvo({
					resource: 'sequence',
					operation: 'start',
					lookupBy: 'contactId',
					contactId,
					sequenceId: id,
				}),
			);
			expect(error).toBeUndefined();
			expect(qyvoRequests()).toEqual([
				{
					method: 'POST',
					path: `${QYVO_BASE_PATH}/actions/trigger-sequence`,
					body: { sequence_id: welcomeSeries.id, contact_id: romain.id },
				},
			]);
		},
	);

	it.each([
		['template', 'get', 'templateId', 'get-template', 'template_id', orderConfirmation.id],
		['flow', 'get', 'flowId', 'get-flow', 'flow_id', reviewFlow.id],
		['sequence', 'get', 'sequenceId', 'get-sequence', 'sequence_id', welcomeSeries.id],
	])(
		'%s > Get sends the ID picked From List and a plain saved one alike',
		async (resource, operation, name, action, key, id) => {
			for (const value of [id, picked('list', id)]) {
				const { error } = await runNode(qyvo({ resource, operation, [name]: value }));
				expect(error).toBeUndefined();
			}
			expect(qyvoRequests()).toEqual(
				[1, 2].map(() => ({
					method: 'POST',
					path: `${QYVO_BASE_PATH}/actions/${action}`,
					body: { [key]: id },
				})),
			);
		},
	);
});
