/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import path from 'node:path';

import { seedCallAidanContacts } from '../../sandbox/callAidan';
import { CAMPAIGNS, listedContact } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import type { ReceivedRequest } from '../../sandbox/server';
import {
	executeWorkflow,
	nodeOutput,
	paired,
	writeWorkflow,
	type Checks,
	type Item,
} from './helpers';
import { SANDBOX_CREDENTIALS, type N8nInstance } from '../n8n-instance';

const NOW = '2026-03-01T12:00:00.000Z';
const [CALLAIDAN_MARIA] = seedCallAidanContacts();

const requests = (received: ReceivedRequest[]) =>
	received.map(({ method, path: route, query, body }) => ({ method, path: route, query, body }));

const guayabaNode = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: 'n8n-nodes-outreach.guayaba',
	credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
	parameters,
});

/** Return All over 27 pages, the active campaigns over two, and a fulfilment by phone. */
function writeListsWorkflow(folder: string): void {
	writeWorkflow(folder, {
		id: 'outreachE2eLists',
		name: 'e2e: Guayaba lists and Fulfill',
		branches: [
			[
				guayabaNode('All contacts', {
					resource: 'contact',
					operation: 'getAll',
					returnAll: true,
					filters: {},
					options: { requestsPerMinute: 0 },
				}),
			],
			[
				guayabaNode('Active campaigns', {
					resource: 'campaign',
					operation: 'getAll',
					returnAll: true,
					filters: { status: 'active' },
					options: {},
				}),
			],
			[
				guayabaNode('Fulfil', {
					resource: 'contact',
					operation: 'fulfill',
					phone: '(415) 555-2671',
					options: { defaultCountry: 'US' },
				}),
			],
		],
	});
}

/** The operations added in 0.2 for Guayaba and CallAidan, in a real n8n: their examples, then the lists. */
export async function checkAddedOperations(
	n8n: N8nInstance,
	sandbox: Sandbox,
	checks: Checks,
): Promise<void> {
	const { guayaba, callAidan } = sandbox;

	await checks.section(
		'example: Guayaba, a form submission becomes a contact in a campaign',
		async () => {
			guayaba.reset();
			guayaba.now = () => new Date(NOW);
			const output = await executeWorkflow(n8n, 'outreachGyCreate');
			checks.equal(
				'the sandbox received the contact (phone in E.164, variables as text), then a phone search',
				requests(guayaba.received),
				requests([
					{
						method: 'POST',
						path: '/contacts',
						query: {},
						body: {
							phoneNumber: '+14155550100',
							campaignId: CAMPAIGNS[1].id,
							name: 'Marta Gil',
							timezone: 'America/Los_Angeles',
							customVariables: {
								email: 'marta@example.com',
								interest: 'teeth whitening',
								budget: '1200',
							},
						},
					},
					{
						method: 'GET',
						path: '/contacts',
						query: { search: '+14155550100', searchBy: 'phone', page: '1', limit: '5' },
						body: undefined,
					},
				] as ReceivedRequest[]),
			);
			const created = guayaba.contacts.find((contact) => contact.phoneNumber === '+14155550100');
			checks.equal(
				"Create outputs the contact under the answer's data, paired to the form row",
				nodeOutput(output, 'Create Guayaba contact'),
				[
					{
						json: {
							id: created?.id,
							phoneNumber: '+14155550100',
							name: 'Marta Gil',
							campaignId: CAMPAIGNS[1].id,
							customVariables: {
								email: 'marta@example.com',
								interest: 'teeth whitening',
								budget: '1200',
							},
							timezone: 'America/Los_Angeles',
							status: 'active',
							createdAt: NOW,
							updatedAt: NOW,
						},
						pairedItem: { item: 0 },
					},
				],
			);
			checks.equal(
				'Get Many finds that one contact by phone, as the contacts list shows it',
				nodeOutput(output, 'Find contacts with this phone'),
				created ? [{ json: listedContact(created), pairedItem: { item: 0 } }] : [],
			);
		},
	);

	await checks.section('example: CallAidan, a new lead is created, then read back', async () => {
		callAidan.reset();
		const output = await executeWorkflow(n8n, 'outreachCaCreate');
		const sentLead = {
			phone_number: '+14155550123',
			full_name: 'maria lopez',
			email: 'Maria@Example.com',
			tags: ['webinar', 'spring-promo'],
			lead_source: 'webhook',
			custom_fields: { plan: 'pro' },
		};
		checks.equal(
			'the sandbox received the lead in snake_case, then a GET of the contact',
			requests(callAidan.received),
			requests([
				{ method: 'POST', path: '/contacts/', query: {}, body: sentLead },
				{ method: 'GET', path: `/contacts/${CALLAIDAN_MARIA.id}/`, query: {}, body: undefined },
			] as ReceivedRequest[]),
		);
		checks.equal(
			'Create outputs the lead as sent (CallAidan answers with no body), paired',
			nodeOutput(output, 'Create or update lead'),
			[{ json: sentLead, pairedItem: { item: 0 } }],
		);
		const [read] = nodeOutput(output, 'Read the lead back') as Item[];
		checks.equal(
			'Get outputs the contact with the tags merged and its three most recent threads',
			read && [
				read.json.id,
				read.json.name,
				read.json.email,
				read.json.tags,
				(read.json.recent_activity as unknown[]).length,
				paired([read])[0],
			],
			[
				CALLAIDAN_MARIA.id,
				'Maria Lopez',
				'maria@example.com',
				['lead', 'webinar', 'spring-promo'],
				3,
				0,
			],
		);
	});

	await checks.section(
		'Guayaba: Return All over 27 pages, campaigns by status, Fulfill',
		async () => {
			guayaba.reset();
			guayaba.addBulkContacts(2600);
			const folder = path.join(n8n.home, 'e2e-workflows');
			writeListsWorkflow(folder);
			await n8n.importWorkflows(folder);
			const output = await executeWorkflow(n8n, 'outreachE2eLists');
			const contactPages = guayaba.received.filter((request) => request.path === '/contacts');
			checks.equal(
				'Get Many read 27 pages of 100, each once',
				contactPages.map((request) => request.query),
				Array.from({ length: 27 }, (_, index) => ({ page: String(index + 1), limit: '100' })),
			);
			const contacts = nodeOutput(output, 'All contacts');
			checks.equal(
				'it outputs every one of the 2,604 contacts exactly once',
				[contacts.length, new Set(contacts.map((item) => item.json.id)).size],
				[2604, 2604],
			);
			checks.equal(
				'Campaign Get Many sent the status filter on each of its two pages',
				guayaba.received
					.filter((request) => request.path === '/campaigns')
					.map((request) => request.query),
				[1, 2].map((page) => ({ status: 'active', page: String(page), limit: '100' })),
			);
			checks.equal(
				'it outputs the active campaigns',
				nodeOutput(output, 'Active campaigns').map((item) => item.json),
				CAMPAIGNS.filter((campaign) => campaign.status === 'active'),
			);
			checks.equal(
				'Fulfill sent the phone in E.164, and its item names it',
				[
					requests(guayaba.received.filter((request) => request.path === '/contacts/fulfill')),
					nodeOutput(output, 'Fulfil').map((item) => item.json.phone),
				],
				[
					requests([
						{
							method: 'POST',
							path: '/contacts/fulfill',
							query: {},
							body: { phone: '+14155552671' },
						},
					] as ReceivedRequest[]),
					['+14155552671'],
				],
			);
		},
	);
}
