/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { seedCallAidanContacts } from '../../sandbox/callAidan';
import type { Sandbox } from '../../sandbox/main';
import { QYVO_BASE_PATH, seedQyvoContacts } from '../../sandbox/qyvo';
import type { LoopbackServer } from '../../sandbox/server';
import type { Checks } from './helpers';
import { ROOT, type EditorApi } from '../n8n-instance';
import { executeStep, saveWorkflow, type Workflow } from './editorRuns';

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

/**
 * "Execute step" on each tool node of the AI Agent example, as the editor sends it after the
 * $fromAI dialog: a run with the tool as destination and an `agentRequest` holding the values
 * typed in. n8n replaces the agent with its Tool Executor, which calls the tool.
 */
export async function checkToolTestRuns(
	checks: Checks,
	editor: EditorApi,
	sandbox: Sandbox,
	n8nMajor: number,
): Promise<void> {
	const example = JSON.parse(
		readFileSync(path.join(ROOT, 'examples/ai-agent-outreach-tools.json'), 'utf8'),
	) as Workflow;
	const trigger = example.nodes.find((node) => node.type.endsWith('.chatTrigger'))!;
	const [maria] = seedCallAidanContacts();
	const [, sam] = seedQyvoContacts();
	const tools: Array<{
		type: string;
		api: LoopbackServer;
		query: Record<string, unknown>;
		output: (response: Record<string, unknown>) => unknown;
		expected: { output: unknown; sent: unknown };
	}> = [
		{
			type: 'n8n-nodes-outreach.guayabaTool',
			api: sandbox.guayaba,
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
		{
			type: 'n8n-nodes-outreach.callAidanTool',
			api: sandbox.callAidan,
			query: { contactId: maria.id, doNotDisturb: true },
			output: (contact) => [contact.id, contact.is_dnd],
			expected: {
				output: [maria.id, true],
				sent: [['PATCH', `/contacts/${maria.id}/`, { is_dnd: true }]],
			},
		},
		{
			type: 'n8n-nodes-outreach.qyvoTool',
			api: sandbox.qyvo,
			query: { phone: '+44 20 7946 0958', tags: 'vip, demo' },
			output: (contact) => [contact.id, contact.tags],
			expected: {
				output: [sam.id, ['vip', 'demo']],
				sent: [
					[
						'POST',
						`${QYVO_BASE_PATH}/actions/update-contact`,
						{ phone: sam.phone, tags: 'vip,demo' },
					],
				],
			},
		},
	];

	await checks.section('the AI Agent example: "Execute step" on each tool node', async () => {
		const workflow = await saveWorkflow(editor, {
			...example,
			id: undefined,
			name: `${example.name} (e2e tool test runs)`,
			// the chat message an earlier test run received, as the editor keeps it
			pinData: {
				[trigger.name]: [{ json: { sessionId: 'e2e', action: 'sendMessage', chatInput: 'hi' } }],
			},
		});
		for (const tool of tools) {
			const node = example.nodes.find((candidate) => candidate.type === tool.type)!;
			tool.api.reset();
			const run = await executeStep(
				editor,
				workflow,
				node.name,
				agentRequest(n8nMajor, node.name, tool.query),
			);
			const tasks = run.resultData.runData[node.name];
			const response = tasks?.[0]?.data?.ai_tool?.[0]?.[0]?.json.response;
			const contact = Array.isArray(response) ? (response[0] as Record<string, unknown>) : {};
			checks.equal(
				`"${node.name}": the test run ran the tool and shows its output`,
				{
					ran: tasks !== undefined,
					error: tasks?.[0]?.error?.message ?? run.resultData.error?.message ?? null,
					output: tool.output(contact),
				},
				{ ran: true, error: null, output: tool.expected.output },
			);
			checks.equal(
				`"${node.name}": the API received the values typed in the dialog`,
				tool.api.received.map((request) => [request.method, request.path, request.body ?? null]),
				tool.expected.sent,
			);
		}
	});
}
