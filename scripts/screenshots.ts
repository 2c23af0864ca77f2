/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that drives a browser, never loaded by n8n */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { EditorApi, OWNER, say, type N8nInstance } from './n8n-instance';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

/**
 * Takes the README's pictures from the real editor: each example workflow opened in headless
 * Chromium (Debian's `chromium` package), one node's panel open.
 */
export async function takeScreenshots(n8n: N8nInstance, folder: string): Promise<void> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`No Chromium at ${CHROMIUM}: install it with "apt-get install chromium" or set CHROMIUM_PATH`,
		);
	}
	mkdirSync(folder, { recursive: true });
	await new EditorApi(n8n.url).setUpOwnerAndLogIn();
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.url}/signin`);
		await page.getByLabel(/email/i).first().fill(OWNER.email);
		await page
			.getByLabel(/password/i)
			.first()
			.fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
		for (const shot of [...SHOTS, ...triggerShots()]) {
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
