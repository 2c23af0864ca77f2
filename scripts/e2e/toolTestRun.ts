import { seedCallAidanContacts } from '../../sandbox/callAidan';
import type { Sandbox } from '../../sandbox/main';
import { QYVO_BASE_PATH, seedQyvoContacts } from '../../sandbox/qyvo';
import type { LoopbackServer } from '../../sandbox/server';
import { qyvoDelivery } from '../../sandbox/webhooks';
import type { EditorApi } from '../n8n-instance';
import { executeStep, saveWorkflow, type Workflow, type WorkflowNode } from './editorRuns';
import { readExamples } from './examples';
import type { Checks } from './helpers';

const [MARIA] = seedCallAidanContacts();
const [ROMAIN, SAM] = seedQyvoContacts();

/**
 * The `agentRequest` the editor sends after the $fromAI dialog. n8n 2.x keys the values by the
 * tool's name, which its editor makes by turning spaces into `_`; n8n 1.x sends them as they are,
 * with no tool name.
 */
function agentRequest(major: number, nodeName: string, values: Record<string, unknown>) {
	if (major < 2) return { query: values, tool: { name: '' } };
	const toolName = nodeName.replaceAll(' ', '_');
	return { query: { [toolName]: values }, tool: { name: toolName } };
}

type Json = Record<string, unknown>;

interface ToolCase {
	api: (sandbox: Sandbox) => LoopbackServer;
	/** What the $fromAI dialog is given. */
	query: Json;
	output: (response: Json) => unknown;
	expected: { output: unknown; sent: unknown };
}

/** The values typed into the $fromAI dialog of each tool node of each example, and what follows. */
const TOOL_CASES: Record<string, ToolCase> = {
	'outreachExample3 / Guayaba update status by phone': {
		api: (sandbox) => sandbox.guayaba,
		// the label, as a person would type it in the dialog
		query: { phone: '+1 415 555 2671', status: 'Do Not Call' },
		output: (contact) => [contact.phoneNumber, contact.status],
		expected: {
			output: ['+14155552671', 'DNC'],
			sent: [
				['GET', '/contacts/statuses', null],
				['POST', '/contacts/update', { phone: '+14155552671', status: 'DNC' }],
			],
		},
	},
	'outreachExample3 / CallAidan set do-not-disturb': {
		api: (sandbox) => sandbox.callAidan,
		query: { contactId: MARIA.id, doNotDisturb: true },
		output: (contact) => [contact.id, contact.is_dnd],
		expected: {
			output: [MARIA.id, true],
			sent: [['PATCH', `/contacts/${MARIA.id}/`, { is_dnd: true }]],
		},
	},
	'outreachExample3 / Qyvo update contact by phone': {
		api: (sandbox) => sandbox.qyvo,
		query: { phone: '+44 20 7946 0958', tags: 'vip, demo' },
		output: (contact) => [contact.id, contact.tags],
		expected: {
			output: [SAM.id, ['vip', 'demo']],
			sent: [
				[
					'POST',
					`${QYVO_BASE_PATH}/actions/update-contact`,
					{ phone: SAM.phone, tags: 'vip,demo' },
				],
			],
		},
	},
	// the phone is the one that wrote, from the trigger's item; the model gives the text only
	'outreachExample7 / Qyvo send the answer': {
		api: (sandbox) => sandbox.qyvo,
		query: { message: 'Yes, the offer runs until Sunday.' },
		output: (message) => [message.status, message.contact_id],
		expected: {
			output: ['sent', ROMAIN.id],
			sent: [
				[
					'POST',
					`${QYVO_BASE_PATH}/actions/send-text-message`,
					{ phone: ROMAIN.phone, message: 'Yes, the offer runs until Sunday.' },
				],
			],
		},
	},
};

/** What an earlier test run of each kind of trigger received, as the editor keeps it (pinned). */
const TRIGGER_ITEMS: Record<string, Json> = {
	'@n8n/n8n-nodes-langchain.chatTrigger': {
		sessionId: 'e2e',
		action: 'sendMessage',
		chatInput: 'hi',
	},
	'n8n-nodes-outreach.qyvoTrigger': qyvoDelivery('message.received', 1),
};

/**
 * A tool node given a bad value in its dialog: its error tells the fix once. n8n appends a tool
 * error's description to its message ("Details: …"), and the editor shows both.
 */
const TOOL_ERROR_CASE = {
	tool: 'outreachExample3 / Guayaba update status by phone',
	query: { phone: 'hello', status: 'Do Not Call' },
	message:
		'Phone "hello" is not a phone number: write it like +14155552671\n\nWrite digits only, with spaces, dashes, dots or brackets if you like. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
};

const isOurTool = (node: WorkflowNode) =>
	node.type.startsWith('n8n-nodes-outreach.') && node.type.endsWith('Tool');

/**
 * "Execute step" on each tool node of every example, as the editor sends it after the $fromAI
 * dialog: a run with the tool as destination and an `agentRequest` holding the values typed in.
 * n8n replaces the agent with its Tool Executor, which calls the tool. The trigger holds the data
 * an earlier run received, as it would in the editor.
 */
export async function checkToolTestRuns(
	checks: Checks,
	editor: EditorApi,
	sandbox: Sandbox,
	n8nMajor: number,
): Promise<void> {
	for (const { file, workflow: example } of readExamples()) {
		const tools = example.nodes.filter(isOurTool);
		if (tools.length === 0) continue;
		await checks.section(`${file}: "Execute step" on each tool node`, async () => {
			const trigger = example.nodes.find((node) => node.type in TRIGGER_ITEMS);
			if (!trigger) throw new Error('no trigger whose test data the e2e knows');
			const workflow = await saveWorkflow(editor, {
				...example,
				id: undefined,
				name: `${example.name} (e2e tool test runs)`,
				pinData: { [trigger.name]: [{ json: TRIGGER_ITEMS[trigger.type] }] },
			});
			for (const node of tools) {
				const tool = TOOL_CASES[`${example.id} / ${node.name}`];
				if (!tool) {
					checks.equal(`"${node.name}": the e2e has values to type in its dialog`, false, true);
					continue;
				}
				const api = tool.api(sandbox);
				api.reset();
				const run = await executeStep(
					editor,
					workflow,
					node.name,
					agentRequest(n8nMajor, node.name, tool.query),
				);
				const tasks = run.resultData.runData[node.name];
				const response = tasks?.[0]?.data?.ai_tool?.[0]?.[0]?.json.response;
				const answer = Array.isArray(response) ? (response[0] as Json) : {};
				checks.equal(
					`"${node.name}": the test run ran the tool and shows its output`,
					{
						ran: tasks !== undefined,
						error: tasks?.[0]?.error?.message ?? run.resultData.error?.message ?? null,
						output: tool.output(answer),
					},
					{ ran: true, error: null, output: tool.expected.output },
				);
				checks.equal(
					`"${node.name}": the API received the values typed in the dialog`,
					api.received.map((request) => [request.method, request.path, request.body ?? null]),
					tool.expected.sent,
				);
				if (`${example.id} / ${node.name}` === TOOL_ERROR_CASE.tool)
					await checkToolError(checks, editor, workflow, node.name, api, n8nMajor);
			}
		});
	}
}

async function checkToolError(
	checks: Checks,
	editor: EditorApi,
	workflow: Workflow,
	nodeName: string,
	api: LoopbackServer,
	n8nMajor: number,
): Promise<void> {
	api.reset();
	const run = await executeStep(
		editor,
		workflow,
		nodeName,
		agentRequest(n8nMajor, nodeName, TOOL_ERROR_CASE.query),
	);
	const error = run.resultData.runData[nodeName]?.[0]?.error;
	checks.equal(
		`"${nodeName}" given a bad phone: its error tells the fix once, and nothing is sent`,
		{
			message: error?.message,
			description: error?.description ?? null,
			sent: api.received.length,
		},
		{ message: TOOL_ERROR_CASE.message, description: null, sent: 0 },
	);
}
