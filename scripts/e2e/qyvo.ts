/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import path from 'node:path';

import type { Sandbox } from '../../sandbox/main';
import {
	QYVO_BASE_PATH,
	seedQyvoContacts,
	seedQyvoFlows,
	seedQyvoSequences,
	seedQyvoTags,
	seedQyvoTemplates,
} from '../../sandbox/qyvo';
import {
	executeWorkflow,
	jsonItems,
	nodeOutput,
	paired,
	writeWorkflow,
	type Checks,
	type WorkflowNode,
} from './helpers';
import { SANDBOX_CREDENTIALS, type N8nInstance } from '../n8n-instance';

const [ROMAIN, SAM] = seedQyvoContacts();
const [ORDER_CONFIRMATION, WELCOME] = seedQyvoTemplates();
const [WELCOME_SERIES] = seedQyvoSequences();
const [REVIEW_FLOW] = seedQyvoFlows();
const [TAG_VIP, TAG_VIP_FR] = seedQyvoTags();

const action = (name: string) => `${QYVO_BASE_PATH}/actions/${name}`;

function qyvo(name: string, parameters: Record<string, unknown>, extra = {}): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-outreach.qyvo',
		credentials: { qyvoApi: SANDBOX_CREDENTIALS.qyvoApi },
		parameters: { options: {}, ...parameters },
		...extra,
	};
}

/** Every Qyvo operation but Update (which the examples run), each in a branch of its own. */
function writeQyvoWorkflow(folder: string): void {
	writeWorkflow(folder, {
		id: 'outreachE2eQyvoOps',
		name: 'e2e: every Qyvo operation',
		branches: [
			[
				qyvo('Create', {
					resource: 'contact',
					operation: 'create',
					phone: '(415) 555-0199',
					additionalFields: { name: 'Ada', tags: 'shopify, new' },
					options: { defaultCountry: 'US' },
				}),
			],
			[
				qyvo('Get', {
					resource: 'contact',
					operation: 'get',
					lookupBy: 'email',
					email: ROMAIN.email,
				}),
			],
			[qyvo('Search', { resource: 'contact', operation: 'search', filters: { query: 'sam' } })],
			[
				qyvo('Add Tag', {
					resource: 'contact',
					operation: 'addTag',
					lookupBy: 'phone',
					phone: '020 7946 0958',
					tag: 'buyer',
					options: { defaultCountry: 'GB' },
				}),
			],
			[
				qyvo('Remove Tag', {
					resource: 'contact',
					operation: 'removeTag',
					lookupBy: 'contactId',
					contactId: ROMAIN.id,
					tag: 'vip',
				}),
			],
			[
				...jsonItems('Recipients', [{ phone: ROMAIN.phone }, { phone: SAM.phone }]),
				qyvo(
					'Send Text',
					{
						resource: 'message',
						operation: 'sendText',
						phone: '={{ $json.phone }}',
						message: 'Your order has shipped',
					},
					{ onError: 'continueRegularOutput' },
				),
			],
			[
				qyvo('Send Template', {
					resource: 'message',
					operation: 'sendTemplate',
					phone: SAM.phone,
					templateId: WELCOME.id,
				}),
			],
			[
				qyvo('Get Many Templates', {
					resource: 'template',
					operation: 'getAll',
					filters: { status: 'APPROVED' },
				}),
			],
			[
				qyvo('Get Template', {
					resource: 'template',
					operation: 'get',
					templateId: ORDER_CONFIRMATION.id,
				}),
			],
			[qyvo('Get Many Tags', { resource: 'tag', operation: 'getAll', filters: { name: 'vip' } })],
			[
				qyvo('Start Sequence', {
					resource: 'sequence',
					operation: 'start',
					sequenceId: WELCOME_SERIES.id,
					lookupBy: 'contactId',
					contactId: ROMAIN.id,
				}),
			],
			[
				qyvo('Get Sequence', {
					resource: 'sequence',
					operation: 'get',
					sequenceId: WELCOME_SERIES.id,
				}),
			],
			[
				qyvo('Start Flow', {
					resource: 'flow',
					operation: 'start',
					flowId: REVIEW_FLOW.id,
					lookupBy: 'phone',
					phone: SAM.phone,
					context: { values: [{ name: 'order', value: '#1001' }] },
				}),
			],
			[qyvo('Get Flow', { resource: 'flow', operation: 'get', flowId: REVIEW_FLOW.id })],
		],
	});
}

export async function checkQyvoOperations(
	checks: Checks,
	n8n: N8nInstance,
	sandbox: Sandbox,
): Promise<void> {
	const { qyvo: api } = sandbox;

	await checks.section('every Qyvo operation', async () => {
		api.reset();
		const folder = path.join(n8n.home, 'e2e-qyvo-workflows');
		writeQyvoWorkflow(folder);
		await n8n.importWorkflows(folder);
		const output = await executeWorkflow(n8n, 'outreachE2eQyvoOps');
		const out = (node: string) => nodeOutput(output, node);
		const bodiesTo = (name: string) =>
			api.received.filter((request) => request.path === action(name)).map((r) => r.body);

		checks.equal(
			'every action was sent once (Send Text twice), and nothing else',
			api.received.map((request) => request.path.replace(action(''), '')).sort(),
			[
				'add-tag',
				'create-contact',
				'get-contact',
				'get-flow',
				'get-sequence',
				'get-template',
				'list-tags',
				'list-templates',
				'remove-tag',
				'search-contacts',
				'send-template-message',
				'send-text-message',
				'send-text-message',
				'trigger-flow',
				'trigger-sequence',
			],
		);
		checks.equal(
			'Create sends the local phone in E.164 and tags as CSV; outputs the new contact',
			[bodiesTo('create-contact'), out('Create').map((item) => [item.json.phone, item.json.tags])],
			[
				[{ phone: '+14155550199', name: 'Ada', tags: 'shopify,new' }],
				[['+14155550199', ['shopify', 'new']]],
			],
		);
		checks.equal(
			'Get finds by email alone and outputs the contact with its timestamps',
			[
				bodiesTo('get-contact'),
				out('Get').map((item) => [item.json.id, item.json.last_message_at, item.json.created_at]),
			],
			[[{ email: ROMAIN.email }], [[ROMAIN.id, ROMAIN.last_message_at, ROMAIN.created_at]]],
		);
		checks.equal(
			'Search outputs one item per contact found',
			[bodiesTo('search-contacts'), out('Search').map((item) => item.json.id)],
			[[{ query: 'sam' }], [SAM.id]],
		);
		checks.equal(
			'Add Tag finds by a local phone read with GB; Remove Tag by ID',
			[
				bodiesTo('add-tag'),
				out('Add Tag').map((item) => item.json.tags),
				bodiesTo('remove-tag'),
				out('Remove Tag').map((item) => item.json.tags),
			],
			[
				[{ phone: SAM.phone, tag: 'buyer' }],
				[['buyer']],
				[{ contact_id: ROMAIN.id, tag: 'vip' }],
				[[]],
			],
		);
		checks.equal(
			'Send Text: sent within the window; outside it, the error says to send a template, paired',
			out('Send Text').map((item) => [item.json.status ?? item.json.error, paired([item])[0]]),
			[
				['sent', 0],
				[
					'WhatsApp refused the text: the 24-hour window is closed, send a template instead (phone +442079460958)',
					1,
				],
			],
		);
		checks.equal(
			'Send Template sends the template ID and outputs the sent message',
			[bodiesTo('send-template-message'), out('Send Template').map((item) => item.json.status)],
			[[{ phone: SAM.phone, template_id: WELCOME.id }], ['sent']],
		);
		checks.equal(
			'Template Get Many (approved) outputs one item per template; Get the whole template',
			[
				bodiesTo('list-templates'),
				out('Get Many Templates').map((item) => item.json.name),
				out('Get Template').map((item) => [item.json.body, item.json.placeholders]),
			],
			[
				[{ status: 'APPROVED' }],
				['order_confirmation', 'welcome'],
				[[ORDER_CONFIRMATION.body, ORDER_CONFIRMATION.placeholders]],
			],
		);
		checks.equal(
			'Tag Get Many filters by name',
			[bodiesTo('list-tags'), out('Get Many Tags').map((item) => item.json.name)],
			[[{ name: 'vip' }], [TAG_VIP.name, TAG_VIP_FR.name]],
		);
		checks.equal(
			'Sequence Start for a contact it runs for already: a success that says so; Get outputs it',
			[
				bodiesTo('trigger-sequence'),
				out('Start Sequence').map((item) => item.json),
				out('Get Sequence').map((item) => [item.json.name, item.json.status]),
			],
			[
				[{ sequence_id: WELCOME_SERIES.id, contact_id: ROMAIN.id }],
				[{ status: 'already_running', sequence_id: WELCOME_SERIES.id, contact_id: ROMAIN.id }],
				[[WELCOME_SERIES.name, 'published']],
			],
		);
		checks.equal(
			'Flow Start by phone with context as one object; Get outputs the flow',
			[
				bodiesTo('trigger-flow'),
				out('Start Flow').map((item) => [item.json.status, item.json.contact_id]),
				out('Get Flow').map((item) => [item.json.name, item.json.trigger_type]),
			],
			[
				[{ flow_id: REVIEW_FLOW.id, phone: SAM.phone, context: { order: '#1001' } }],
				[['started', SAM.id]],
				[[REVIEW_FLOW.name, 'manual']],
			],
		);
	});
}
