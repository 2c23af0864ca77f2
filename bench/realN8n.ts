/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a benchmark program that runs a real n8n, never loaded by n8n */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { GUAYABA_KEY } from '../sandbox/guayaba';
import { jsonItems, writeWorkflow, type WorkflowNode } from '../scripts/e2e-checks';
import {
	CACHE,
	N8nInstance,
	n8nRuntime,
	packPackage,
	SANDBOX_CREDENTIALS,
	WORK,
} from '../scripts/n8n-instance';
import { httpRequestUpdate, HTTP_REQUEST_TYPE, HTTP_REQUEST_VERSION } from './httpRequestNode';

const N8N_VERSION = '2.40.7';
const WORKFLOW_ID = 'outreachBenchOverhead';
// OUTREACH_PORT_OFFSET moves the port, as for the end-to-end runs
const PORT = 5694 + Number(process.env.OUTREACH_PORT_OFFSET ?? 0);

/** One node's run in the execution: how many of its items came out updated, and in how long. */
export interface NodeTiming {
	ok: number;
	seconds: number;
}

/** The contenders, each a node sending the same updates. */
export const CONTENDERS = {
	httpRequest: "n8n's HTTP Request node, with the Guayaba credential",
	httpRequestHeaderAuth: "n8n's HTTP Request node, with n8n's Header Auth credential",
	httpRequestKeyInHeader: "n8n's HTTP Request node, the key typed into a header (no credential)",
	guayaba: 'Guayaba node',
};

export type Contender = keyof typeof CONTENDERS;

const HEADER_AUTH_CREDENTIAL = { id: 'benchHeaderAuth1', name: 'Guayaba key (Header Auth)' };

/** Why the real n8n is not measured, or undefined when it can be. */
export function realN8nUnavailable(): string | undefined {
	if (process.env.BENCH_REAL_N8N === '0') return 'skipped (BENCH_REAL_N8N=0)';
	if (process.env.OUTREACH_N8N_VERSION && process.env.OUTREACH_N8N_VERSION !== N8N_VERSION)
		return `skipped: OUTREACH_N8N_VERSION asks for ${process.env.OUTREACH_N8N_VERSION}, this part measures ${N8N_VERSION}`;
	if (!existsSync(path.join(CACHE, `n8n-${N8N_VERSION}/node_modules/n8n/bin/n8n`)))
		return `skipped: no n8n ${N8N_VERSION} in ${CACHE} (npm run test:e2e installs it once; BENCH_REAL_N8N=0 skips this part)`;
	return undefined;
}

/**
 * One workflow, run once by `n8n execute`: `rounds` rounds of branches, each a Set and Split Out
 * that make the items, then one contender sending them all. n8n times
 * each node's run itself (`executionTime` in the run data), so neither the CLI's start nor the
 * items' making is counted.
 */
function writeOverheadWorkflow(folder: string, baseUrl: string, phones: string[], rounds: number) {
	const items = phones.map((phone) => ({ phone }));
	const guayabaCredential = { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi };
	const httpRequest = (
		parameters: WorkflowNode['parameters'],
		credentials?: WorkflowNode['credentials'],
	) => ({ type: HTTP_REQUEST_TYPE, typeVersion: HTTP_REQUEST_VERSION, credentials, parameters });
	const nodes: Record<Contender, Omit<WorkflowNode, 'name'>> = {
		httpRequest: httpRequest(httpRequestUpdate(baseUrl), guayabaCredential),
		httpRequestHeaderAuth: httpRequest(httpRequestUpdate(baseUrl, 'headerAuth'), {
			httpHeaderAuth: HEADER_AUTH_CREDENTIAL,
		}),
		httpRequestKeyInHeader: httpRequest(httpRequestUpdate(baseUrl, { keyInHeader: GUAYABA_KEY })),
		guayaba: {
			type: 'n8n-nodes-outreach.guayaba',
			credentials: guayabaCredential,
			parameters: {
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '={{ $json.phone }}',
				updateFields: { status: 'DNC' },
				options: { requestsPerMinute: 0 },
			},
		},
	};
	const branches: WorkflowNode[][] = [];
	for (let round = 0; round < rounds; round++) {
		for (const [contender, node] of Object.entries(nodes)) {
			const name = `${contender} ${round}`;
			branches.push([...jsonItems(`${name} items`, items), { name, ...node }]);
		}
	}
	writeWorkflow(folder, { id: WORKFLOW_ID, name: 'bench: overhead', branches });
}

interface TaskData {
	executionTime?: number;
	error?: { message: string };
	data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
}

/** The run data in the JSON that `n8n execute --rawOutput` prints after its log lines. */
function runDataOf(rawOutput: string): Record<string, TaskData[]> {
	const start = rawOutput.indexOf('\n{\n');
	if (start === -1) throw new Error(`n8n execute printed no result:\n${rawOutput.slice(0, 2000)}`);
	const find = (value: unknown): Record<string, TaskData[]> | undefined => {
		if (!value || typeof value !== 'object') return undefined;
		const record = value as Record<string, unknown>;
		if (record.runData && typeof record.runData === 'object')
			return record.runData as Record<string, TaskData[]>;
		for (const child of Object.values(record)) {
			const found = find(child);
			if (found) return found;
		}
		return undefined;
	};
	const runData = find(JSON.parse(rawOutput.slice(start)));
	if (!runData) throw new Error('no run data in the output of n8n execute');
	return runData;
}

function timing(
	runData: Record<string, TaskData[]>,
	name: string,
	updated: (json: Record<string, unknown>) => boolean,
): NodeTiming {
	const task = runData[name]?.[0];
	if (!task) throw new Error(`no run data for the node "${name}"`);
	if (task.error) throw new Error(`the node "${name}" failed: ${task.error.message}`);
	const items = task.data?.main[0] ?? [];
	return {
		ok: items.filter((item) => updated(item.json)).length,
		seconds: (task.executionTime ?? NaN) / 1000,
	};
}

/**
 * The contenders sending the same updates in a real n8n 2.40.7 (the end-to-end runtime, on its
 * Node 24) with this package packed and installed as a user installs it, against `baseUrl` with no
 * rate limit. `rounds` runs of each; the caller drops the first.
 */
export async function measureInRealN8n(
	baseUrl: string,
	phones: string[],
	rounds: number,
): Promise<Record<Contender, NodeTiming[]>> {
	const home = path.join(WORK, 'n8n-bench-home');
	const n8n = new N8nInstance(n8nRuntime(), home, PORT);
	n8n.installPackage(packPackage(), { fresh: true });
	const credentialsFile = path.join(home, 'bench-credentials.json');
	writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				...SANDBOX_CREDENTIALS.guayabaApi,
				type: 'guayabaApi',
				// no client-side limit: the key's budget is the credential's
				data: { apiKey: GUAYABA_KEY, baseUrl, readsPerMinute: 0, writesPerMinute: 0 },
			},
			{
				...HEADER_AUTH_CREDENTIAL,
				type: 'httpHeaderAuth',
				data: { name: 'X-API-Key', value: GUAYABA_KEY },
			},
		]),
	);
	await n8n.cli(['import:credentials', `--input=${credentialsFile}`]);
	const folder = path.join(home, 'bench-workflows');
	mkdirSync(folder, { recursive: true });
	writeOverheadWorkflow(folder, baseUrl, phones, rounds);
	await n8n.importWorkflows(folder);
	try {
		const runData = runDataOf(await n8n.cli(['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']));
		const all = Array.from({ length: rounds }, (_, round) => round);
		const updated = (json: Record<string, unknown>) =>
			json.success === true || json.status === 'DNC';
		return Object.fromEntries(
			Object.keys(CONTENDERS).map((contender) => [
				contender,
				all.map((round) => timing(runData, `${contender} ${round}`, updated)),
			]),
		) as Record<Contender, NodeTiming[]>;
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
}
