/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: it runs in Jest, never inside n8n */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Jest's globalSetup and globalTeardown: n8n-core keeps its settings in the user folder, so a run
 * gets a fresh one, shared by its test files (workers inherit the environment) and removed after.
 */
export async function setup(): Promise<void> {
	if (process.env.N8N_USER_FOLDER) return;
	process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'n8n-outreach-test-'));
	process.env.OUTREACH_TEST_USER_FOLDER = process.env.N8N_USER_FOLDER;
}

export async function teardown(): Promise<void> {
	const folder = process.env.OUTREACH_TEST_USER_FOLDER;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
