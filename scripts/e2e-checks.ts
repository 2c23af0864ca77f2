/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';

import { CALLAIDAN_KEY } from '../sandbox/callAidan';
import { CAMPAIGNS, GUAYABA_KEY, STATUSES } from '../sandbox/guayaba';
import type { Sandbox } from '../sandbox/main';
import { QYVO_TOKEN } from '../sandbox/qyvo';
import type { ReceivedRequest } from '../sandbox/server';
import { EditorApi, SANDBOX_CREDENTIALS, say, type N8nInstance } from './n8n-instance';

interface Item {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

class Checks {
	readonly failures: string[] = [];

	private passed = 0;

	/** One check: `expected` and `actual` must be deeply equal. */
	equal(name: string, actual: unknown, expected: unknown): void {
		if (isDeepStrictEqual(actual, expected)) {
			this.passed++;
			process.stdout.write(`  ✓ ${name}\n`);
			return;
		}
		const failure = `${name}\n      expected ${JSON.stringify(expected)}\n      received ${JSON.stringify(actual)}`;
		this.failures.push(failure);
		process.stdout.write(`  ✗ ${failure}\n`);
	}

	async section(name: string, run: () => Promise<void>): Promise<void> {
		process.stdout.write(`${name}\n`);
		try {
			await run();
		} catch (error) {
			const failure = `${name}: ${(error as Error).message}`;
			this.failures.push(failure);
			process.stdout.write(`  ✗ ${failure}\n`);
		}
	}

	summary(): void {
		process.stdout.write(`\n${this.passed} passed, ${this.failures.length} failed\n`);
	}
}

/** The output items of one node in the JSON that `n8n execute --rawOutput` prints. */
function nodeOutput(rawOutput: string, nodeName: string): Item[] {
	// the result is the JSON object that starts on a line of its own, after n8n's log lines
	const start = rawOutput.indexOf('\n{\n');
	if (start === -1) throw new Error(`n8n execute printed no result:\n${rawOutput.slice(0, 2000)}`);
	const run = JSON.parse(rawOutput.slice(start)) as Record<string, unknown>;
	const find = (value: unknown): Record<string, unknown> | undefined => {
		if (!value || typeof value !== 'object') return undefined;
		const record = value as Record<string, unknown>;
		if (record.runData && typeof record.runData === 'object')
			return record.runData as Record<string, unknown>;
		for (const child of Object.values(record)) {
			const found = find(child);
			if (found) return found;
		}
		return undefined;
	};
	const runData = find(run) as
		| Record<string, Array<{ data?: { main: Item[][] }; error?: { message: string } }>>
		| undefined;
	const task = runData?.[nodeName]?.[0];
	if (!task) throw new Error(`no run data for the node "${nodeName}" in n8n's output`);
	if (task.error) throw new Error(`the node "${nodeName}" failed: ${task.error.message}`);
	return task.data?.main[0] ?? [];
}

async function executeWorkflow(n8n: N8nInstance, id: string): Promise<string> {
	return await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
}

const paired = (items: Item[]) =>
	items.map(
		(item) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item,
	);

const sentBodies = (requests: ReceivedRequest[]) =>
	requests.map(({ method, path: route, body }) => ({ method, path: route, body }));

/** A 90-item bulk run against a server that allows 15 requests per 2 seconds. */
function writeBulkWorkflow(folder: string, phones: string[]): void {
	mkdirSync(folder, { recursive: true });
	const workflow = {
		id: 'outreachE2eBulk90',
		name: 'e2e: 90 contacts fulfilled under a rate limit',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 't',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'l',
				name: 'Contacts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ contacts: phones.map((phone) => ({ phone })) }),
					options: {},
				},
			},
			{
				id: 's',
				name: 'Split',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'contacts', options: {} },
			},
			{
				id: 'g',
				name: 'Fulfil',
				type: 'n8n-nodes-outreach.guayaba',
				typeVersion: 1,
				position: [600, 0],
				credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
				parameters: {
					resource: 'contact',
					operation: 'updateByPhone',
					phone: '={{ $json.phone }}',
					updateFields: { status: 'fulfilled' },
					options: { requestsPerMinute: 450 },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Fulfil', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
	writeFileSync(path.join(folder, 'bulk-90.json'), JSON.stringify(workflow));
}

export async function runEndToEndChecks(n8n: N8nInstance, sandbox: Sandbox): Promise<string[]> {
	const checks = new Checks();
	const { guayaba } = sandbox;

	await checks.section('example: Guayaba, move a CRM contact to another campaign', async () => {
		guayaba.reset();
		const items = nodeOutput(
			await executeWorkflow(n8n, 'outreachExample1'),
			'Move to next campaign',
		);
		checks.equal(
			'the sandbox received one request, the phone in E.164',
			sentBodies(guayaba.received),
			[
				{
					method: 'POST',
					path: '/contacts/update',
					body: { phone: '+14155552671', campaignId: CAMPAIGNS[3].id },
				},
			],
		);
		checks.equal(
			'the output is the moved contact, paired to the CRM row',
			items.map((item) => [item.json.phoneNumber, item.json.campaignId, paired([item])[0]]),
			[['+14155552671', CAMPAIGNS[3].id, 0]],
		);
	});

	await checks.section('example: Guayaba, bulk do-not-call with Continue On Fail', async () => {
		guayaba.reset();
		const items = nodeOutput(await executeWorkflow(n8n, 'outreachExample2'), 'Mark do-not-call');
		checks.equal('four items in, four items out, paired in order', paired(items), [0, 1, 2, 3]);
		checks.equal(
			'each item is the updated contact or its error',
			items.map((item) => item.json.error ?? item.json.status),
			['DNC', 'Phone "call me maybe" has no country code', 'Contact not found', 'DNC'],
		);
		checks.equal(
			'the refused phone was never sent',
			guayaba.received.map((request) => (request.body as { phone: string }).phone).sort(),
			['+11234567890', '+19995550100', '+442079460958'],
		);
	});

	await checks.section(
		'90 contacts against a server allowing 15 requests per 2 seconds',
		async () => {
			guayaba.reset();
			const phones = guayaba.addBulkContacts(90);
			guayaba.setRateLimit({ requests: 15, windowMs: 2000 });
			const folder = path.join(n8n.home, 'e2e-workflows');
			writeBulkWorkflow(folder, phones);
			await n8n.importWorkflows(folder);
			const started = Date.now();
			const items = nodeOutput(await executeWorkflow(n8n, 'outreachE2eBulk90'), 'Fulfil');
			const seconds = (Date.now() - started) / 1000;
			const updated = (phone: string) =>
				guayaba.received.filter(
					(r) => r.status === 200 && (r.body as { phone: string }).phone === phone,
				).length;
			checks.equal(
				'90 items out, all fulfilled, in order',
				items.map((item) => [item.json.phoneNumber, item.json.status]),
				phones.map((phone) => [phone, 'fulfilled']),
			);
			checks.equal(
				'every contact updated exactly once',
				phones.filter((phone) => updated(phone) !== 1),
				[],
			);
			say(
				`90 contacts: ${seconds.toFixed(1)} s (ideal 12 s), ${guayaba.refused} requests refused by the server and retried`,
			);
			guayaba.setRateLimit(undefined);
		},
	);

	await n8n.start();
	const editor = new EditorApi(n8n.url);
	await editor.setUpOwnerAndLogIn();

	await checks.section("the editor's REST API", async () => {
		const nodeTypes = await editor.call<Array<{ name: string }>>('GET', '/types/nodes.json');
		checks.equal(
			'the node types and their AI-tool variants are listed',
			nodeTypes
				.map((type) => type.name)
				.filter((name) => name.startsWith('n8n-nodes-outreach.'))
				.sort(),
			['callAidan', 'callAidanTool', 'guayaba', 'guayabaTool', 'qyvo', 'qyvoTool'].map(
				(name) => `n8n-nodes-outreach.${name}`,
			),
		);
		const credentialTypes = await editor.call<Array<{ name: string }>>(
			'GET',
			'/types/credentials.json',
		);
		checks.equal(
			'the credential types are listed',
			credentialTypes
				.map((type) => type.name)
				.filter((name) => ['guayabaApi', 'callAidanApi', 'qyvoApi'].includes(name))
				.sort(),
			['callAidanApi', 'guayabaApi', 'qyvoApi'],
		);

		const loadOptions = (methodName: string, path: string) =>
			editor.call<Array<{ name: string; value: string }>>(
				'POST',
				'/rest/dynamic-node-parameters/options',
				{
					nodeTypeAndVersion: { name: 'n8n-nodes-outreach.guayaba', version: 1 },
					path,
					methodName,
					currentNodeParameters: {
						resource: 'contact',
						operation: 'updateByPhone',
						phone: '',
						updateFields: {},
					},
					credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
				},
			);
		checks.equal(
			'the Status dropdown lists the sandbox account statuses',
			(await loadOptions('getStatuses', 'updateFields.status')).map((option) => option.value),
			[...STATUSES].sort((a, b) => a.displayOrder - b.displayOrder).map((status) => status.name),
		);
		checks.equal(
			'the Campaign dropdown lists every page of campaigns',
			(await loadOptions('getCampaigns', 'updateFields.campaignId'))
				.map((option) => option.value)
				.sort(),
			CAMPAIGNS.map((campaign) => campaign.id).sort(),
		);

		const testCredential = (type: string, data: Record<string, string>) =>
			editor.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: { id: '', name: `${type} under test`, type, data },
			});
		const cases: Array<[string, string, Record<string, string>]> = [
			['guayabaApi', 'apiKey', { apiKey: GUAYABA_KEY, baseUrl: sandbox.baseUrls.guayaba }],
			['callAidanApi', 'apiKey', { apiKey: CALLAIDAN_KEY, baseUrl: sandbox.baseUrls.callAidan }],
			['qyvoApi', 'apiToken', { apiToken: QYVO_TOKEN, baseUrl: sandbox.baseUrls.qyvo }],
		];
		for (const [type, secret, good] of cases) {
			checks.equal(
				`the Test button accepts a good ${type}`,
				(await testCredential(type, good)).status,
				'OK',
			);
			const refused = await testCredential(type, { ...good, [secret]: 'wrong-key' });
			checks.equal(`the Test button refuses a bad ${type}`, refused.status, 'Error');
			checks.equal(`its message says the key was refused`, /refused/.test(refused.message), true);
		}
	});

	checks.summary();
	return checks.failures;
}
