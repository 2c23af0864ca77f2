/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a developer script that runs n8n and the send-event command, never loaded by n8n */
import { spawn } from 'node:child_process';

import { seedCallAidanContacts } from '../../sandbox/callAidan';
import { CALLAIDAN_WEBHOOK_TOKEN, QYVO_SIGNING_SECRET, postRaw } from '../../sandbox/webhooks';
import {
	ROOT,
	SANDBOX_WEBHOOK_CREDENTIALS,
	type EditorApi,
	type N8nInstance,
} from '../n8n-instance';
import { finishedExecution, lastExecutionId, newExecution, nodeItems } from './editorRuns';
import type { Checks } from './helpers';

const [MARIA] = seedCallAidanContacts();

/** Runs `npm run send-event -- <args>` in the repository, as a user does; its exit code and output. */
export async function runSendEvent(
	args: string[],
): Promise<{ code: number | null; output: string }> {
	const child = spawn('npm', ['run', '--silent', 'send-event', '--', ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const chunks: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	return { code, output: Buffer.concat(chunks).toString('utf8') };
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until n8n serves a published trigger's webhook, probing with a delivery it refuses (401). */
async function waitForWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if ((await postRaw(url, '{}', {})).status === 401) return;
		await sleep(500);
	}
	throw new Error(`n8n did not serve ${url} within 30 s of publishing`);
}

const TRIGGERS = [
	{
		vendor: 'qyvo',
		type: 'n8n-nodes-outreach.qyvoTrigger',
		parameters: { events: ['message.received', 'message.status.read'] },
		credentials: { qyvoWebhookApi: SANDBOX_WEBHOOK_CREDENTIALS.qyvoWebhookApi },
		args: ['message.status.read'],
		started: (item: Record<string, unknown>) => item.event === 'message.status.read',
	},
	{
		vendor: 'callaidan',
		type: 'n8n-nodes-outreach.callAidanTrigger',
		parameters: {},
		credentials: { callAidanWebhookApi: SANDBOX_WEBHOOK_CREDENTIALS.callAidanWebhookApi },
		args: ['did-not-answer', '--score', '40'],
		started: (item: Record<string, unknown>) =>
			item.status === 'did-not-answer' &&
			item.score === 40 &&
			(item.contact as { id?: string } | undefined)?.id === MARIA.id,
	},
];

/**
 * `npm run send-event` against each webhook trigger's Production URL, with the sandbox webhook
 * credentials `npm start` creates: the delivery starts an execution that holds the event chosen.
 * (The examples' runs in examples.ts send to Test URLs the same way.)
 */
export async function checkSendEvent(
	checks: Checks,
	editor: EditorApi,
	n8n: N8nInstance,
): Promise<void> {
	for (const trigger of TRIGGERS) {
		await checks.section(
			`npm run send-event delivers to a published ${trigger.type.split('.')[1]}`,
			async () => {
				const webhookId = `e2e-send-event-${trigger.vendor}`;
				const created = await editor.call<{ id: string; versionId: string }>(
					'POST',
					'/rest/workflows',
					{
						name: `e2e: npm run send-event to ${trigger.vendor}`,
						nodes: [
							{
								id: 'trigger',
								name: 'Trigger',
								type: trigger.type,
								typeVersion: 1,
								position: [0, 0],
								webhookId,
								parameters: trigger.parameters,
								credentials: trigger.credentials,
							},
						],
						connections: {},
						settings: { executionOrder: 'v1' },
						active: false,
					},
				);
				await editor.call('POST', `/rest/workflows/${created.id}/activate`, {
					versionId: created.versionId,
				});
				const url = `${n8n.url}/webhook/${webhookId}/${trigger.vendor}`;
				await waitForWebhook(url);

				const before = await lastExecutionId(editor, created.id);
				const sent = await runSendEvent([url, ...trigger.args]);
				checks.equal(
					'the command exits 0 and prints that n8n started the workflow',
					[sent.code, sent.output.includes('n8n answered 200: {"message":"Workflow was started"}')],
					[0, true],
				);
				const { status, run } = await finishedExecution(
					editor,
					await newExecution(editor, created.id, before),
				);
				checks.equal(
					'an execution appears, its trigger holding the event chosen',
					[status, nodeItems(run, 'Trigger').map(trigger.started)],
					['success', [true]],
				);
				const refused = await runSendEvent([url, ...trigger.args, '--secret', 'not-the-secret']);
				checks.equal(
					'with another secret, n8n answers 401 and the command exits 1',
					[refused.code, refused.output.includes('n8n answered 401')],
					[1, true],
				);
				checks.equal(
					'the command prints no secret',
					[sent.output, refused.output].filter(
						(output) =>
							output.includes(QYVO_SIGNING_SECRET) || output.includes(CALLAIDAN_WEBHOOK_TOKEN),
					).length,
					0,
				);
				await editor.call('POST', `/rest/workflows/${created.id}/deactivate`, {});
			},
		);
	}
}
