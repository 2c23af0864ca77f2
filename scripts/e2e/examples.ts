/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- a developer script that runs n8n, never loaded by n8n; the chat model's key is made up */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { seedCallAidanContacts } from '../../sandbox/callAidan';
import { CAMPAIGNS } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import { QYVO_BASE_PATH, seedQyvoContacts, seedQyvoTemplates } from '../../sandbox/qyvo';
import type { LoopbackServer } from '../../sandbox/server';
import { ROOT, type EditorApi, type N8nInstance } from '../n8n-instance';
import {
	executeWorkflow,
	finishedExecution,
	lastExecutionId,
	newExecution,
	nodeItems,
	nodePairing,
	type RunData,
	type Workflow,
	type WorkflowNode,
} from './editorRuns';
import { FakeChatModel } from './fakeChatModel';
import { sentBodies, type Checks } from './helpers';
import { runSendEvent } from './sendEvent';

type Json = Record<string, unknown>;

export interface Example extends Workflow {
	id: string;
	versionId?: string;
}

/** Every workflow in examples/, as its file holds it. */
export function readExamples(): Array<{ file: string; workflow: Example }> {
	const folder = path.join(ROOT, 'examples');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Example,
		}));
}

type Sent = ReturnType<typeof sentBodies>;

/** What one run of an example did: its execution, and what each sandbox API received meanwhile. */
interface Seen {
	status: string;
	run: RunData;
	guayaba: Sent;
	callAidan: Sent;
	qyvo: Sent;
}

type Expectation = [name: string, actual: unknown, expected: unknown];

const ANA_PHONE = '+14155552671';
const [MARIA] = seedCallAidanContacts();
const [ROMAIN, SAM] = seedQyvoContacts();
const [ORDER_CONFIRMATION] = seedQyvoTemplates();
const action = (name: string) => `${QYVO_BASE_PATH}/actions/${name}`;

/**
 * The examples that run as they are with Execute workflow, each with the trigger it starts from
 * and what its note says it gives, as checks that hold whichever examples ran before.
 */
const RUNNABLE: Record<
	string,
	{ trigger: string; expect: (seen: Seen, sandbox: Sandbox) => Expectation[] }
> = {
	outreachExample1: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, guayaba }) => [
			[
				'Guayaba received the move, the phone read with Default Country US',
				guayaba,
				[
					{
						method: 'POST',
						path: '/contacts/update',
						body: { phone: ANA_PHONE, campaignId: CAMPAIGNS[3].id },
					},
				],
			],
			[
				'the output is the contact in its new campaign',
				nodeItems(run, 'Move to next campaign').map((item) => [item.phoneNumber, item.campaignId]),
				[[ANA_PHONE, CAMPAIGNS[3].id]],
			],
		],
	},
	outreachExample2: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, guayaba }) => [
			[
				'four items in, four out, paired in order',
				nodePairing(run, 'Mark do-not-call'),
				[0, 1, 2, 3],
			],
			[
				'two contacts marked DNC, the two bad ones as { error, details }',
				nodeItems(run, 'Mark do-not-call').map((item) =>
					item.error === undefined ? item.status : [Object.keys(item).sort(), item.error],
				),
				[
					'DNC',
					[
						['details', 'error'],
						'Phone "call me maybe" is not a phone number: write it like +14155552671',
					],
					[['details', 'error'], 'Contact not found (phone +14155550199)'],
					'DNC',
				],
			],
			[
				'Guayaba received the three possible phones, the refused one never',
				guayaba
					.map(({ body }) => [(body as Json).phone, (body as Json).status])
					.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
				[
					['+14155550199', 'DNC'],
					['+14155552671', 'DNC'],
					['+442079460958', 'DNC'],
				],
			],
		],
	},
	outreachExample4: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, callAidan }) => [
			[
				'CallAidan received only the fields added, the phone in E.164',
				callAidan,
				[
					{
						method: 'PATCH',
						path: `/contacts/${MARIA.id}/`,
						body: {
							is_dnd: true,
							tags: ['opted-out', 'web-form'],
							notes: 'Asked by email not to be called',
							phone_number: '+14155550123',
							custom_fields: { plan: 'none' },
						},
					},
				],
			],
			[
				'the output is the contact on do-not-disturb with the two tags',
				nodeItems(run, 'Set do-not-disturb').map((item) => [item.id, item.is_dnd, item.tags]),
				[[MARIA.id, true, ['opted-out', 'web-form']]],
			],
		],
	},
	outreachExample5: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, qyvo }, sandbox) => [
			[
				'Qyvo received the update by phone, the tags as one CSV string',
				qyvo,
				[
					{
						method: 'POST',
						path: action('update-contact'),
						body: {
							phone: SAM.phone,
							name: 'Sam Taylor',
							email: 'sam.taylor@example.com',
							tags: 'demo,pricing',
							metadata: { source: 'pricing page' },
						},
					},
				],
			],
			[
				'the output is the contact with its new name, email and tags',
				nodeItems(run, 'Update Qyvo contact').map((item) => [
					item.id,
					item.name,
					item.email,
					item.tags,
				]),
				[[SAM.id, 'Sam Taylor', 'sam.taylor@example.com', ['demo', 'pricing']]],
			],
			[
				'the metadata is merged into the contact',
				sandbox.qyvo.contacts.find((contact) => contact.id === SAM.id)?.metadata.source,
				'pricing page',
			],
		],
	},
	outreachGyCreate: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, guayaba }) => {
			const [created] = nodeItems(run, 'Create Guayaba contact');
			return [
				[
					'Guayaba received the contact (phone in E.164, variables as text), then a search by phone',
					guayaba.map(({ method, path: route, body }) => [method, route, body ?? null]),
					[
						[
							'POST',
							'/contacts',
							{
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
						],
						['GET', '/contacts', null],
					],
				],
				[
					'Create outputs the contact, active in the campaign',
					created && [created.phoneNumber, created.campaignId, created.status],
					['+14155550100', CAMPAIGNS[1].id, 'active'],
				],
				[
					'Get Many finds that one contact by phone',
					nodeItems(run, 'Find contacts with this phone').map((item) => [
						item.id,
						item.phoneNumber,
					]),
					[[created?.id, '+14155550100']],
				],
			];
		},
	},
	outreachCaCreate: {
		trigger: "When clicking 'Execute workflow'",
		expect: ({ run, callAidan }) => {
			const lead = {
				phone_number: '+14155550123',
				full_name: 'maria lopez',
				email: 'Maria@Example.com',
				tags: ['webinar', 'spring-promo'],
				lead_source: 'webhook',
				custom_fields: { plan: 'pro' },
			};
			const [read] = nodeItems(run, 'Read the lead back');
			return [
				[
					'CallAidan received the lead, then a read of the contact by ID',
					callAidan.map(({ method, path: route, body }) => [method, route, body ?? null]),
					[
						['POST', '/contacts/', lead],
						['GET', `/contacts/${MARIA.id}/`, null],
					],
				],
				['Create outputs the lead as sent', nodeItems(run, 'Create or update lead'), [lead]],
				[
					'the contact read back has the tags added to its own, and its three most recent calls and chats',
					read && [
						read.id,
						['webinar', 'spring-promo'].every((tag) => (read.tags as string[]).includes(tag)),
						(read.recent_activity as unknown[]).length,
					],
					[MARIA.id, true, 3],
				],
			];
		},
	},
	outreachQyvoShopify: {
		trigger: 'Shopify order created',
		expect: ({ run, qyvo }, sandbox) => {
			const buyer = sandbox.qyvo.contacts.find((contact) => contact.phone === '+33612345678');
			return [
				[
					'Qyvo received the upsert, the tag and the template with its three variables',
					qyvo,
					[
						{
							method: 'POST',
							path: action('create-contact'),
							body: {
								phone: '+33612345678',
								name: 'Ada Lovelace',
								email: 'ada.lovelace@example.com',
								metadata: { last_order: '#1001' },
							},
						},
						{
							method: 'POST',
							path: action('add-tag'),
							body: { contact_id: buyer?.id, tag: 'shopify-buyer' },
						},
						{
							method: 'POST',
							path: action('send-template-message'),
							body: {
								phone: '+33612345678',
								template_id: ORDER_CONFIRMATION.id,
								language: 'en_US',
								variables: { '1': 'Ada', '2': '#1001', '3': '42.50 EUR' },
							},
						},
					],
				],
				[
					'the output is the template message sent to the buyer, who has the tag',
					nodeItems(run, 'Send order confirmation').map((item) => [
						item.status,
						item.contact_id,
						buyer?.tags.includes('shopify-buyer'),
					]),
					[['sent', buyer?.id, true]],
				],
			];
		},
	},
};

/** The AI Agent example, whose trigger waits for a chat message. */
const CHAT_EXAMPLE = 'outreachExample3';
/** The examples whose triggers wait for a vendor's event. */
const CALL_SUMMARY_EXAMPLE = 'outreachExample6';
const WHATSAPP_EXAMPLE = 'outreachExample7';

function mark(apis: LoopbackServer[]): () => Sent[] {
	const lengths = apis.map((api) => api.received.length);
	return () => apis.map((api, index) => sentBodies(api.received.slice(lengths[index])));
}

/**
 * Adds a chat model credential to an example's OpenAI Chat Model, as its note asks, pointing at
 * `model`, and saves the example.
 */
async function addChatModel(editor: EditorApi, model: FakeChatModel, id: string): Promise<Example> {
	const credential = await editor.call<{ id: string; name: string }>('POST', '/rest/credentials', {
		name: `OpenAI (e2e: a chat model on loopback, ${id})`,
		type: 'openAiApi',
		data: { apiKey: 'sk-e2e-loopback-model', url: model.url },
	});
	const opened = await open(editor, id);
	return await save(
		editor,
		opened,
		opened.nodes.map((node) =>
			node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi'
				? { ...node, credentials: { openAiApi: { id: credential.id, name: credential.name } } }
				: node,
		),
	);
}

/**
 * "Execute workflow" on an example whose trigger waits for a vendor's event, then the event sent
 * to the trigger's Test URL with `npm run send-event`, as the example's note says; the execution.
 */
async function runWithTestEvent(
	checks: Checks,
	editor: EditorApi,
	n8n: N8nInstance,
	workflow: Example,
	vendor: 'qyvo' | 'callaidan',
	args: string[] = [],
): Promise<{ status: string; run: RunData }> {
	const type = vendor === 'qyvo' ? 'qyvoTrigger' : 'callAidanTrigger';
	const trigger = workflow.nodes.find((node) => node.type.endsWith(`.${type}`))!;
	const before = await lastExecutionId(editor, workflow.id);
	checks.equal(
		'Execute workflow waits for a test event',
		await executeWorkflow(editor, workflow, trigger.name),
		undefined,
	);
	const webhookId = (trigger as { webhookId?: string }).webhookId;
	const sent = await runSendEvent([`${n8n.url}/webhook-test/${webhookId}/${vendor}`, ...args]);
	checks.equal(
		'npm run send-event to its Test URL exits 0: n8n took the event',
		[sent.code, /n8n answered 200/.test(sent.output)],
		[0, true],
	);
	return await finishedExecution(editor, await newExecution(editor, workflow.id, before));
}

/** Opens an example as the editor does; the workflow as n8n stored it. */
async function open(editor: EditorApi, id: string): Promise<Example> {
	return await editor.call<Example>('GET', `/rest/workflows/${id}`);
}

/** Saves an opened example with changed nodes, as the editor's Save does. */
async function save(editor: EditorApi, workflow: Example, nodes: WorkflowNode[]): Promise<Example> {
	const { name, connections, settings, pinData, versionId } = workflow;
	return await editor.call<Example>('PATCH', `/rest/workflows/${workflow.id}`, {
		name,
		nodes,
		connections,
		settings,
		pinData,
		versionId,
	});
}

async function runAsAUser(
	editor: EditorApi,
	sandbox: Sandbox,
	id: string,
	trigger: string,
): Promise<Seen> {
	const workflow = await open(editor, id);
	const sent = mark([sandbox.guayaba, sandbox.callAidan, sandbox.qyvo]);
	const executionId = await executeWorkflow(editor, workflow, trigger);
	if (!executionId) throw new Error(`"Execute workflow" on ${id} waits for a test event`);
	const { status, run } = await finishedExecution(editor, executionId);
	const [guayaba, callAidan, qyvo] = sent();
	return { status, run, guayaba, callAidan, qyvo };
}

/**
 * Every example opened in the editor and run as a user runs it: Execute workflow, in one order
 * and then in the reverse, with nothing reset in between, each checked against what its note
 * says. The AI Agent examples run with a chat model on loopback, its credential added as their
 * notes ask; the trigger examples with a test event sent by `npm run send-event`.
 */
export async function checkExamples(
	checks: Checks,
	editor: EditorApi,
	n8n: N8nInstance,
	sandbox: Sandbox,
): Promise<void> {
	const examples = readExamples();

	await checks.section('every example opens in the editor as its file holds it', async () => {
		const types = await editor.call<Array<{ name: string; version: number | number[] }>>(
			'GET',
			'/types/nodes.json',
		);
		const known = new Set(
			types.flatMap(({ name, version }) =>
				(Array.isArray(version) ? version : [version]).map((v) => `${name}@${v}`),
			),
		);
		for (const { file, workflow } of examples) {
			checks.equal(
				`${file}: every node's type and version is one this n8n has`,
				workflow.nodes
					.map((node) => `${node.type}@${node.typeVersion ?? 1}`)
					.filter((typeVersion) => !known.has(typeVersion)),
				[],
			);
			const opened = await open(editor, workflow.id);
			const shape = (candidate: Workflow) => ({
				nodes: candidate.nodes.map((node) => [node.name, node.type]).sort(),
				connections: candidate.connections,
			});
			checks.equal(`${file} opens with its nodes and connections`, shape(opened), shape(workflow));
		}
	});

	await checks.section(
		'the examples run with Execute workflow as their notes say, in one order and then the reverse',
		async () => {
			const ids = Object.keys(RUNNABLE);
			for (const order of [ids, [...ids].reverse()]) {
				for (const id of order) {
					const { trigger, expect } = RUNNABLE[id];
					const label = `${id} (${order === ids ? 'first' : 'second'} round)`;
					let seen: Seen;
					try {
						seen = await runAsAUser(editor, sandbox, id, trigger);
					} catch (error) {
						checks.equal(`${label}: it runs`, (error as Error).message, 'it runs');
						continue;
					}
					checks.equal(`${label}: the execution succeeded`, seen.status, 'success');
					for (const [name, actual, expected] of expect(seen, sandbox))
						checks.equal(`${label}: ${name}`, actual, expected);
				}
			}
		},
	);

	await checks.section(
		'the AI Agent example answers in the chat, with a chat model credential added',
		async () => {
			const model = await new FakeChatModel().start();
			try {
				const workflow = await addChatModel(editor, model, CHAT_EXAMPLE);
				const message = 'Mark +1 415 555 2671 as do-not-call in Guayaba';
				const answer = 'Done: +1 415 555 2671 is now do-not-call in Guayaba.';
				model.plan = {
					tool: (name) => name.startsWith('Guayaba'),
					args: { phone: '+1 415 555 2671', status: 'DNC' },
					answer,
				};
				const trigger = workflow.nodes.find((node) => node.type.endsWith('.chatTrigger'))!.name;
				const sent = mark([sandbox.guayaba]);
				const before = await lastExecutionId(editor, CHAT_EXAMPLE);
				const chatInput = { sessionId: 'e2e-chat', action: 'sendMessage', chatInput: message };
				if (n8n.major >= 2) {
					// n8n 2.x's chat registers a test webhook for the session, then posts the message to it
					await executeWorkflow(editor, workflow, trigger, { chatSessionId: 'e2e-chat' });
					const response = await fetch(`${n8n.url}/webhook-test/${CHAT_EXAMPLE}/e2e-chat`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify(chatInput),
					});
					checks.equal('the chat message is answered 200', response.status, 200);
				} else {
					await executeWorkflow(editor, workflow, trigger, {
						triggerData: {
							startTime: Date.now(),
							executionTime: 0,
							executionIndex: 0,
							executionStatus: 'success',
							data: { main: [[{ json: chatInput }]] },
							source: [null],
						},
					});
				}
				const executionId = await newExecution(editor, CHAT_EXAMPLE, before);
				const { status, run } = await finishedExecution(editor, executionId);
				const [guayaba] = sent();
				checks.equal('the execution succeeded', status, 'success');
				checks.equal(
					'the agent was offered the three tools',
					model.requests[0]?.tools.map((name) => name.split('_')[0]).sort(),
					['CallAidan', 'Guayaba', 'Qyvo'],
				);
				checks.equal(
					'the Guayaba tool sent the status the model chose, the phone in E.164',
					guayaba,
					[
						{
							method: 'POST',
							path: '/contacts/update',
							body: { phone: '+14155552671', status: 'DNC' },
						},
					],
				);
				const toolResult = model.requests
					.at(-1)
					?.messages.find((entry) => entry.role === 'tool')?.content;
				checks.equal(
					'the model received the updated contact as the tool result',
					typeof toolResult === 'string' &&
						toolResult.includes('+14155552671') &&
						toolResult.includes('"DNC"'),
					true,
				);
				checks.equal(
					"the chat shows the model's answer",
					nodeItems(run, 'Outreach agent').map((item) => item.output),
					[answer],
				);
			} finally {
				await model.stop();
			}
		},
	);

	await checks.section(
		'the CallAidan call-summary example runs with Execute workflow and a test call',
		async () => {
			const sent = mark([sandbox.callAidan]);
			const { status, run } = await runWithTestEvent(
				checks,
				editor,
				n8n,
				await open(editor, CALL_SUMMARY_EXAMPLE),
				'callaidan',
			);
			const [callAidan] = sent();
			checks.equal('the execution succeeded', status, 'success');
			checks.equal(
				'the trigger output the call, with the sandbox contact',
				nodeItems(run, 'Call completed').map((call) => [call.status, (call.contact as Json).id]),
				[['did-succeed', MARIA.id]],
			);
			const [patch] = callAidan;
			const body = (patch?.body ?? {}) as Json;
			const note =
				/^\d{4}-\d\d-\d\d \d\d:\d\d, outbound call with Aidan \(sales\) \(142 s, score 87\): The caller booked a demo/;
			checks.equal(
				"the contact's notes got the summary, score and duration, and the tags called and reached",
				[callAidan.length, patch?.method, patch?.path, note.test(String(body.notes)), body.tags],
				[1, 'PATCH', `/contacts/${MARIA.id}/`, true, ['called', 'reached']],
			);
		},
	);

	await checks.section(
		'the Qyvo AI Agent example answers a WhatsApp message: Execute workflow and a test message',
		async () => {
			const model = await new FakeChatModel().start();
			try {
				const workflow = await addChatModel(editor, model, WHATSAPP_EXAMPLE);
				const reply = 'Yes, the offer runs until Sunday.';
				model.plan = {
					tool: (name) => name.startsWith('Qyvo'),
					args: { message: reply },
					answer: 'I answered on WhatsApp.',
				};
				const sent = mark([sandbox.qyvo]);
				const { status, run } = await runWithTestEvent(checks, editor, n8n, workflow, 'qyvo', [
					'message.received',
				]);
				const [qyvo] = sent();
				checks.equal('the execution succeeded', status, 'success');
				const prompt = JSON.stringify(model.requests[0]?.messages ?? []);
				checks.equal(
					'the model read the message and who wrote it',
					[prompt.includes('Hello, is the offer still on?'), prompt.includes(ROMAIN.phone)],
					[true, true],
				);
				checks.equal('the Qyvo tool sent the answer to the phone that wrote', qyvo, [
					{
						method: 'POST',
						path: action('send-text-message'),
						body: { phone: ROMAIN.phone, message: reply },
					},
				]);
				checks.equal(
					"the agent's output is the model's last word",
					nodeItems(run, 'Answer the message').map((item) => item.output),
					['I answered on WhatsApp.'],
				);
			} finally {
				await model.stop();
			}
		},
	);

	await checks.section('every example runs in the e2e', async () => {
		const elsewhere = [CHAT_EXAMPLE, CALL_SUMMARY_EXAMPLE, WHATSAPP_EXAMPLE];
		checks.equal(
			'each is run above with Execute workflow',
			examples
				.map(({ workflow }) => workflow.id)
				.filter((id) => !(id in RUNNABLE) && !elsewhere.includes(id)),
			[],
		);
	});
}
