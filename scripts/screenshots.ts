/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that drives a browser, never loaded by n8n */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { seedQyvoTemplates } from '../sandbox/qyvo';
import { openEditor } from './browser';
import { saveWorkflow } from './e2e/editorRuns';
import { EditorApi, SANDBOX_CREDENTIALS, say, type N8nInstance } from './n8n-instance';

interface Shot {
	file: string;
	workflowId: string;
	nodeName: string;
	/** Collection fields to add before the picture, by their display names. */
	open?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
	{
		file: 'guayaba-update-by-phone.png',
		workflowId: 'outreachExample1',
		nodeName: 'Move to next campaign',
	},
	{
		file: 'guayaba-bulk-do-not-call.png',
		workflowId: 'outreachExample2',
		nodeName: 'Mark do-not-call',
	},
	{
		file: 'callaidan-tool.png',
		workflowId: 'outreachExample3',
		nodeName: 'CallAidan set do-not-disturb',
	},
	{
		file: 'qyvo-tool.png',
		workflowId: 'outreachExample3',
		nodeName: 'Qyvo update contact by phone',
	},
];

/** The trigger panels, which show the Production URL to paste into each vendor's dashboard. */
function triggerShots(): Shot[] {
	return [
		{
			file: 'qyvo-trigger.png',
			workflowId: 'outreachExample7',
			nodeName: 'WhatsApp message received',
		},
		{
			file: 'callaidan-trigger.png',
			workflowId: 'outreachExample6',
			nodeName: 'Call completed',
		},
	];
}

/** A workflow whose pickers the pictures show: one From List, opened; one By ID. */
async function pickerShots(editor: EditorApi): Promise<Shot[]> {
	const [, welcome] = seedQyvoTemplates();
	const workflow = await saveWorkflow(editor, {
		name: 'Pickers',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Enrol in a campaign',
				type: 'n8n-nodes-outreach.guayaba',
				credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
				parameters: { resource: 'contact', operation: 'create', phoneNumber: '={{ $json.phone }}' },
			},
			{
				name: 'Send the welcome template',
				type: 'n8n-nodes-outreach.qyvo',
				credentials: { qyvoApi: SANDBOX_CREDENTIALS.qyvoApi },
				parameters: {
					resource: 'message',
					operation: 'sendTemplate',
					phone: '={{ $json.phone }}',
					templateId: { __rl: true, mode: 'id', value: welcome.id },
				},
			},
		],
		connections: {},
	});
	return [
		{
			file: 'picker-from-list.png',
			workflowId: workflow.id!,
			nodeName: 'Enrol in a campaign',
			open: async (page) => {
				await page
					.locator('[data-test-id="resource-locator-campaignId"] [data-test-id="rlc-input"]')
					.click();
				await page.locator('[data-test-id="rlc-item"]').first().waitFor({ timeout: 15_000 });
				await page.waitForTimeout(500);
			},
		},
		{
			file: 'picker-by-id.png',
			workflowId: workflow.id!,
			nodeName: 'Send the welcome template',
		},
	];
}

/**
 * Takes the README's pictures from the real editor: each example workflow opened in headless
 * Chromium (Debian's `chromium` package, installed when missing), one node's panel open.
 */
export async function takeScreenshots(n8n: N8nInstance, folder: string): Promise<void> {
	mkdirSync(folder, { recursive: true });
	const editor = new EditorApi(n8n.url);
	await editor.setUpOwnerAndLogIn();
	const shots = [...SHOTS, ...triggerShots(), ...(await pickerShots(editor))];
	const { browser, page } = await openEditor(n8n);
	try {
		for (const shot of shots) {
			await page.goto(`${n8n.url}/workflow/${shot.workflowId}`);
			const node = page.locator(`[data-node-name="${shot.nodeName}"]`).first();
			await node.waitFor({ timeout: 30_000 });
			await node.dblclick();
			await page.waitForTimeout(1500);
			await shot.open?.(page);
			await page.screenshot({ path: path.join(folder, shot.file) });
			say(`took ${shot.file}`);
			await page.keyboard.press('Escape');
		}
	} finally {
		await browser.close();
	}
}
