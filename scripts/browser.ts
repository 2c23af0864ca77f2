/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that drives a browser, never loaded by n8n */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { OWNER, say, WORK, type N8nInstance } from './n8n-instance';
import { asRoot, runAsRoot } from './queue-services';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt-get where it is missing (CI's machine is new each time,
 * and only the project's own files install what it needs); CHROMIUM_PATH names another.
 */
export function chromiumPath(): string {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.env.CHROMIUM_PATH !== undefined) {
		throw new Error(`No Chromium at CHROMIUM_PATH=${CHROMIUM}`);
	}
	const log = path.join(WORK, 'chromium-install.log');
	say(
		`Chromium not installed: apt-get update && apt-get install -y chromium${asRoot ? '' : ' (with sudo)'}, output in ${log}`,
	);
	mkdirSync(path.dirname(log), { recursive: true });
	writeFileSync(log, '');
	const started = Date.now();
	runAsRoot('apt-get', ['update', '-qq'], log);
	runAsRoot(
		'env',
		['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium'],
		log,
	);
	if (!existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`);
	say(`installed Chromium in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return CHROMIUM;
}

/** n8n's editor in headless Chromium, signed in as the owner (who must be set up already). */
export async function openEditor(n8n: N8nInstance): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
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
	let signedIn = false;
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
		signedIn = true;
		return { browser, page };
	} finally {
		if (!signedIn) await browser.close();
	}
}
