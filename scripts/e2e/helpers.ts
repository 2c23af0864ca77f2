/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';

import type { LoopbackServer, ReceivedRequest } from '../../sandbox/server';
import { SANDBOX_CREDENTIALS, type N8nInstance } from '../n8n-instance';

export interface Item {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

export class Checks {
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
export function nodeOutput(rawOutput: string, nodeName: string): Item[] {
	// the result is the JSON object that starts on a line of its own, after n8n's log lines
	const start = rawOutput.indexOf('\n{\n');
	if (start === -1) throw new Error(`n8n execute printed no result:\n${rawOutput.slice(0, 2000)}`);
	// and ends at the first brace at the start of a line: a log line n8n prints late may follow it
	const end = rawOutput.indexOf('\n}', start + 2);
	const run = JSON.parse(rawOutput.slice(start, end === -1 ? undefined : end + 2)) as Record<
		string,
		unknown
	>;
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

export async function executeWorkflow(n8n: N8nInstance, id: string): Promise<string> {
	return await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
}

/** Runs an example workflow against a sandbox API started afresh; what its node output. */
export async function runExample(
	n8n: N8nInstance,
	api: LoopbackServer,
	id: string,
	nodeName: string,
): Promise<Item[]> {
	api.reset();
	return nodeOutput(await executeWorkflow(n8n, id), nodeName);
}

export const paired = (items: Item[]) =>
	items.map(
		(item) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item,
	);

export const sentBodies = (requests: ReceivedRequest[]) =>
	requests.map(({ method, path: route, body }) => ({ method, path: route, body }));

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

/**
 * Writes a workflow that starts from a manual trigger; `branches` are chains of nodes, each chain
 * connected to the trigger and run in order.
 */
export function writeWorkflow(
	folder: string,
	workflow: { id: string; name: string; branches: WorkflowNode[][] },
): void {
	mkdirSync(folder, { recursive: true });
	const start = 'Start';
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	const connect = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	const nodes: WorkflowNode[] = [
		{ name: start, type: 'n8n-nodes-base.manualTrigger', parameters: {} },
	];
	for (const branch of workflow.branches) {
		branch.forEach((node, index) => {
			connect(index === 0 ? start : branch[index - 1].name, node.name);
			nodes.push(node);
		});
	}
	const placed = nodes.map((node, index) => ({
		id: `n${index}`,
		typeVersion: 1,
		position: [index * 200, 0],
		...node,
	}));
	writeFileSync(
		path.join(folder, `${workflow.id}.json`),
		JSON.stringify({
			id: workflow.id,
			name: workflow.name,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: placed,
			connections,
			pinData: {},
		}),
	);
}

export const jsonItems = (name: string, items: unknown[]): WorkflowNode[] => [
	{
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
	},
	{
		name: `${name}: one item each`,
		type: 'n8n-nodes-base.splitOut',
		parameters: { fieldToSplitOut: 'items', options: {} },
	},
];

/**
 * A bulk run's nodes: one item a phone, each contact updated to "fulfilled" by Guayaba at
 * `requestsPerMinute`, with its delivery details, on the sandbox credential or `credential`.
 */
export function fulfilEachPhone(
	phones: string[],
	requestsPerMinute: number,
	credential: { id: string; name: string } = SANDBOX_CREDENTIALS.guayabaApi,
): WorkflowNode[] {
	return [
		...jsonItems(
			'Contacts',
			phones.map((phone) => ({ phone })),
		),
		{
			name: 'Fulfil',
			type: 'n8n-nodes-outreach.guayaba',
			credentials: { guayabaApi: credential },
			parameters: {
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '={{ $json.phone }}',
				updateFields: { status: 'fulfilled' },
				options: { requestsPerMinute, includeDeliveryDetails: true },
			},
		},
	];
}
