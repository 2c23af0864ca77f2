/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { CALLAIDAN_WEBHOOK_TOKEN, callAidanCall, sendCallAidanCall } from '../../sandbox/webhooks';
import { refreshExamples } from '../example-workflows';
import { ROOT, type EditorApi, type N8nInstance } from '../n8n-instance';
import type { WorkflowNode } from './editorRuns';
import { ONCE_PER_DELIVERY_EXAMPLE, type Example } from './examples';
import type { Checks } from './helpers';

const CALL_SUMMARY = 'outreachExample6';
const MOVED = 'outreachExample5';
/** Changed by the AI Agent examples' runs in examples.ts: their chat model credential added. */
const WITH_MODEL = ['outreachExample3', 'outreachExample7'];
/** Changed by its run in examples.ts: the webhook credentials picked on its triggers. */
const WITH_WEBHOOK_CREDENTIALS = ONCE_PER_DELIVERY_EXAMPLE;
/** Untouched, and its file changes, as a newer package would change it. */
const UPDATED = 'outreachExample1';
const NEWER_NOTE = 'A newer version of this example (e2e).';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function open(
	editor: EditorApi,
	id: string,
): Promise<Example & { active?: boolean; activeVersionId?: string | null }> {
	return await editor.call('GET', `/rest/workflows/${id}`);
}

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

/** Sends a completed call to the published example until n8n serves its webhook; n8n's answer. */
async function deliverCall(url: string, n: number): Promise<[number, unknown]> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const sent = await sendCallAidanCall(url, callAidanCall(n), CALLAIDAN_WEBHOOK_TOKEN);
		if (sent.status !== 404 || Date.now() > deadline) {
			let body: unknown = sent.body;
			try {
				body = JSON.parse(sent.body);
			} catch {
				// keep the text
			}
			return [sent.status, body];
		}
		await sleep(500);
	}
}

/**
 * What `npm start` does to a user folder where the user has worked on the examples: the user
 * moves a node of one, publishes another with its own webhook credential, and the AI Agent
 * examples have their chat model credential; then n8n stops and the examples are refreshed as `npm start`
 * refreshes them, from a newer examples folder in which an untouched example has changed.
 */
export async function checkStartKeepsChangedExamples(
	checks: Checks,
	editor: EditorApi,
	n8n: N8nInstance,
): Promise<void> {
	await checks.section(
		'npm start keeps the examples a user changed or published, and refreshes the others',
		async () => {
			const { id: credentialId, name: credentialName } = await editor.call<{
				id: string;
				name: string;
			}>('POST', '/rest/credentials', {
				name: 'CallAidan webhook (e2e: kept across starts)',
				type: 'callAidanWebhookApi',
				data: { token: CALLAIDAN_WEBHOOK_TOKEN },
			});
			const webhookCredential = { callAidanWebhookApi: { id: credentialId, name: credentialName } };
			const summary = await open(editor, CALL_SUMMARY);
			const trigger = summary.nodes.find((node) => node.type.endsWith('.callAidanTrigger'))!;
			const saved = await save(
				editor,
				summary,
				summary.nodes.map((node) =>
					node.name === trigger.name ? { ...node, credentials: webhookCredential } : node,
				),
			);
			await editor.call('POST', `/rest/workflows/${CALL_SUMMARY}/activate`, {
				versionId: saved.versionId,
			});
			const productionUrl = `${n8n.url}/webhook/${String((trigger as { webhookId?: string }).webhookId)}/callaidan`;
			const started = [200, { message: 'Workflow was started' }];
			checks.equal(
				'the published example answers a call at its Production URL',
				await deliverCall(productionUrl, 21),
				started,
			);

			const moved = await open(editor, MOVED);
			await save(
				editor,
				moved,
				moved.nodes.map((node, index) =>
					index === 0 ? { ...node, position: [-200, 300] as [number, number] } : node,
				),
			);

			const newer = path.join(n8n.home, 'e2e-newer-examples');
			rmSync(newer, { recursive: true, force: true });
			mkdirSync(newer, { recursive: true });
			for (const file of readdirSync(path.join(ROOT, 'examples'))) {
				const workflow = JSON.parse(
					readFileSync(path.join(ROOT, 'examples', file), 'utf8'),
				) as Example & { nodes: Array<WorkflowNode & { parameters: { content?: string } }> };
				if (workflow.id === UPDATED)
					for (const node of workflow.nodes)
						if (node.type === 'n8n-nodes-base.stickyNote') node.parameters.content = NEWER_NOTE;
				writeFileSync(path.join(newer, file), JSON.stringify(workflow, null, 2));
			}

			await n8n.stop();
			const refresh = await refreshExamples(n8n, newer);
			await n8n.start();
			await editor.setUpOwnerAndLogIn();

			const kept = [
				[MOVED, 'changed'],
				...WITH_MODEL.map((id) => [id, 'changed']),
				[WITH_WEBHOOK_CREDENTIALS, 'changed'],
				[CALL_SUMMARY, 'published'],
			];
			checks.equal(
				'it kept the changed ones and the published one, and says why',
				refresh.kept.map(({ id, why }) => [id, why]).sort(),
				[...kept].sort(),
			);
			checks.equal(
				'it refreshed the untouched example whose file changed, and left the others as they are',
				[refresh.imported.map(({ id, why }) => [id, why]), refresh.unchanged],
				[[[UPDATED, 'refreshed']], readdirSync(newer).length - kept.length - 1],
			);
			const afterSummary = await open(editor, CALL_SUMMARY);
			checks.equal(
				'the published example is still published, with its webhook credential',
				[
					afterSummary.active === true || Boolean(afterSummary.activeVersionId),
					afterSummary.nodes.find((node) => node.name === trigger.name)?.credentials,
				],
				[true, webhookCredential],
			);
			checks.equal(
				'and still answers a call at its Production URL',
				await deliverCall(productionUrl, 22),
				started,
			);
			for (const id of WITH_MODEL)
				checks.equal(
					`${id} still has its chat model credential`,
					(await open(editor, id)).nodes.some((node) => node.credentials?.openAiApi !== undefined),
					true,
				);
			checks.equal(
				'the moved node is where the user put it',
				(await open(editor, MOVED)).nodes[0].position,
				[-200, 300],
			);
			checks.equal(
				'the refreshed example has its newer note',
				(await open(editor, UPDATED)).nodes.find(
					(node) => node.type === 'n8n-nodes-base.stickyNote',
				)?.parameters.content,
				NEWER_NOTE,
			);
			await editor.call('POST', `/rest/workflows/${CALL_SUMMARY}/deactivate`, {});
		},
	);
}
