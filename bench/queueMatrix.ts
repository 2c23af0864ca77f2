/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a benchmark program that runs n8n in queue mode, never loaded by n8n */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { FakeGuayaba, GUAYABA_KEY } from '../sandbox/guayaba';
import { fulfilEachPhone, type WorkflowNode } from '../scripts/e2e-checks';
import { unflatten } from '../scripts/e2e/triggers';
import {
	EditorApi,
	N8nInstance,
	n8nRuntime,
	packPackage,
	say,
	Steps,
	WORK,
} from '../scripts/n8n-instance';
import { PrivatePostgres, PrivateRedis, serviceBinaries } from '../scripts/queue-services';
import {
	bursts,
	cellName,
	matrixCells,
	seconds,
	tally,
	type Cell,
	type CellOutcome,
} from '../test/helpers/matrix';
import { matrixMarkdown, matrixRow, matrixTable, type MatrixRow } from './matrixTable';

/**
 * The matrix's third column: two queue-mode workers spending one key. A main instance and two
 * workers (one execution at a time each) on PostgreSQL and Redis, as scripts/queue-mode.ts runs
 * them; for every cell two workflows of 150 updates on one credential, started together by their
 * webhooks, so that each worker runs one. Every cell has a fake Guayaba and a credential of its
 * own, so that the workers' limiter keys start fresh.
 */

const PORT_OFFSET = Number(process.env.OUTREACH_PORT_OFFSET ?? 0);
// apart from scripts/queue-mode.ts's, so that the two can run from one checkout
const MAIN_PORT = 5684;
const WORKER_PORTS = [5686, 5688];
const REDIS_PORT = 24389;
const POSTGRES_PORT = 23442;
const FIRST_SERVER_PORT = 5730;

const ITEMS_PER_WORKFLOW = Number(process.env.BENCH_QUEUE_ITEMS ?? 150);
const LIMIT = {
	requests: Number(process.env.BENCH_QUEUE_REQUESTS ?? 30),
	windowMs: Number(process.env.BENCH_QUEUE_WINDOW_MS ?? 2000),
	...(process.env.BENCH_MATRIX_RETRY_AFTER
		? { retryAfterSeconds: Number(process.env.BENCH_MATRIX_RETRY_AFTER) }
		: {}),
};
// the credential's Writes per Minute, the key's budget: the server's rate said a minute, as issue
// 23's user set it
const WRITES_PER_MINUTE = (LIMIT.requests * 60_000) / LIMIT.windowMs;
/** A cell whose executions still run after this is stopped (n8n's Stop) and reported so. */
const GIVE_UP_MS = Number(process.env.BENCH_QUEUE_GIVE_UP_S ?? 400) * 1000;
const FOLDER = path.join(WORK, 'queue-matrix');

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Execution {
	id: string;
	status: string;
	data?: string;
}

const credentialOf = (index: number) => ({
	id: `matrixGuayaba${String(index).padStart(3, '0')}`,
	name: `Guayaba (matrix cell ${index + 1})`,
});

/** A workflow its production webhook starts: each phone updated by Guayaba on `credential`. */
function bulkWorkflow(
	name: string,
	webhookPath: string,
	phones: string[],
	credential: { id: string; name: string },
) {
	// no pace of the node's own (0): the credential's budget rules
	const fulfil = fulfilEachPhone(phones, 0, credential);
	const chain: WorkflowNode[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: {
				httpMethod: 'POST',
				path: webhookPath,
				responseMode: 'onReceived',
				options: {},
			},
		},
		...fulfil,
	];
	return {
		name,
		nodes: chain.map((node, index) => ({
			id: `n${index}`,
			typeVersion: 1,
			position: [index * 220, 0],
			...node,
			...(node.name === 'Webhook' ? { webhookId: webhookPath } : {}),
		})),
		connections: Object.fromEntries(
			chain
				.slice(0, -1)
				.map((node, index) => [
					node.name,
					{ main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] },
				]),
		),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

async function waitForWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const probe = await fetch(url);
		if ((await probe.text()).includes('Did you mean to make a POST request')) return;
		await sleep(500);
	}
	throw new Error(`n8n did not serve ${url} within 30 s of activation`);
}

async function executionsOf(editor: EditorApi, workflowId: string): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { results } = await editor.call<{ results: Execution[] }>(
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	return results;
}

const finished = (execution: Execution | undefined) =>
	execution !== undefined && !['new', 'running', 'waiting'].includes(execution.status);

/**
 * The workflows' executions once finished; those still running after GIVE_UP_MS are stopped first.
 */
async function finishedExecutions(
	editor: EditorApi,
	workflowIds: string[],
): Promise<{ executions: Execution[]; gaveUp: boolean }> {
	const deadline = Date.now() + GIVE_UP_MS;
	let gaveUp = false;
	for (;;) {
		const latest = await Promise.all(
			workflowIds.map(async (id) => (await executionsOf(editor, id))[0]),
		);
		if (latest.every(finished))
			return {
				executions: await Promise.all(
					latest.map(async (execution) =>
						editor.call<Execution>('GET', `/rest/executions/${execution!.id}`),
					),
				),
				gaveUp,
			};
		if (!gaveUp && Date.now() > deadline) {
			gaveUp = true;
			for (const execution of latest.filter((one) => one && !finished(one)))
				await editor.call('POST', `/rest/executions/${execution!.id}/stop`, undefined, false);
		}
		if (gaveUp && Date.now() > deadline + 120_000)
			throw new Error(`the stopped executions did not finish within 2 minutes`);
		await sleep(1000);
	}
}

type ItemJson = Record<string, unknown>;

/** Whether the execution succeeded with every item fulfilled, or the error it ended with. */
function executionResult(execution: Execution, items: number): { ok: boolean; error?: string } {
	const data = unflatten(execution.data ?? '[null]') as {
		resultData?: {
			error?: { message: string };
			runData?: Record<string, Array<{ data?: { main: Array<Array<{ json: ItemJson }>> } }>>;
		};
	} | null;
	const out = data?.resultData?.runData?.Fulfil?.[0]?.data?.main[0] ?? [];
	const ok =
		execution.status === 'success' &&
		out.length === items &&
		out.every((item) => item.json.status === 'fulfilled');
	return { ok, error: data?.resultData?.error?.message ?? (ok ? undefined : execution.status) };
}

async function runCell(
	editor: EditorApi,
	main: N8nInstance,
	server: FakeGuayaba,
	cell: Cell,
	index: number,
): Promise<CellOutcome> {
	server.reset();
	const phones = server.addBulkContacts(2 * ITEMS_PER_WORKFLOW);
	const workflows = await Promise.all(
		['a', 'b'].map(async (letter, half) => {
			const webhookPath = `outreach-matrix-${index}-${letter}`;
			const created = await editor.call<{ id: string; versionId: string }>(
				'POST',
				'/rest/workflows',
				bulkWorkflow(
					`matrix ${index + 1}${letter}: ${cellName(cell)}`,
					webhookPath,
					phones.slice(half * ITEMS_PER_WORKFLOW, (half + 1) * ITEMS_PER_WORKFLOW),
					credentialOf(index),
				),
			);
			await editor.call('POST', `/rest/workflows/${created.id}/activate`, {
				versionId: created.versionId,
			});
			await waitForWebhook(`${main.url}/webhook/${webhookPath}`);
			return { id: created.id, url: `${main.url}/webhook/${webhookPath}` };
		}),
	);
	server.setRateLimit({ ...LIMIT, rolling: cell.rolling, says: cell.says });
	await Promise.all(
		workflows.map(async ({ url }) => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
		}),
	);
	const { executions, gaveUp } = await finishedExecutions(
		editor,
		workflows.map((workflow) => workflow.id),
	);
	const results = executions.map((execution) => executionResult(execution, ITEMS_PER_WORKFLOW));
	for (const workflow of workflows)
		await editor.call('POST', `/rest/workflows/${workflow.id}/deactivate`, {}, false);
	return {
		cell,
		...tally([...server.received], phones, LIMIT),
		succeeded: results.map((result) => result.ok),
		errors: results.flatMap((result) => (result.error ? [result.error] : [])),
		gaveUp,
	};
}

async function run(): Promise<void> {
	const cells = matrixCells(['twoWorkers']);
	const steps = new Steps(6 + cells.length);
	steps.next('redis-server and PostgreSQL (installed with apt-get the first time)');
	const binaries = serviceBinaries(path.join(WORK, 'apt.log'));
	steps.next(`n8n ${process.env.OUTREACH_N8N_VERSION ?? '2.40.7'} and Node 24`);
	const runtime = n8nRuntime();
	steps.next('building and packing the package');
	const tarball = packPackage();

	const redis = new PrivateRedis(
		binaries.redisServer,
		path.join(FOLDER, 'redis'),
		REDIS_PORT + PORT_OFFSET,
	);
	const postgres = new PrivatePostgres(
		binaries.postgresBin,
		path.join(FOLDER, 'postgres'),
		POSTGRES_PORT + PORT_OFFSET,
	);
	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...postgres.n8nEnv,
	};
	const main = new N8nInstance(runtime, path.join(FOLDER, 'main-home'), MAIN_PORT + PORT_OFFSET, {
		env: queueEnv,
	});
	const workers = WORKER_PORTS.map(
		(port, index) =>
			new N8nInstance(runtime, path.join(FOLDER, `worker-${index + 1}-home`), port + PORT_OFFSET, {
				env: queueEnv,
			}),
	);
	const servers: FakeGuayaba[] = [];
	let stopping: Promise<void> | undefined;
	const stopAll = async () => {
		stopping ??= (async () => {
			await Promise.all([main, ...workers].map(async (n8n) => await n8n.stop()));
			await Promise.all(servers.map(async (server) => await server.stop()));
			await redis.stop();
			await postgres.stop();
		})();
		await stopping;
	};
	const interrupted = (signal: NodeJS.Signals) => {
		say(`${signal}: stopping n8n, Redis and PostgreSQL`);
		void stopAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);

	const rows: MatrixRow[] = [];
	try {
		steps.next('installing the package, starting Redis, PostgreSQL and a fake Guayaba per cell');
		for (const n8n of [main, ...workers]) n8n.installPackage(tarball, { fresh: true });
		await redis.start();
		await postgres.start();
		for (const [index] of cells.entries())
			servers.push(await new FakeGuayaba().start(FIRST_SERVER_PORT + index + PORT_OFFSET));
		mkdirSync(main.home, { recursive: true });
		const credentialsFile = path.join(main.home, 'matrix-credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify(
				servers.map((server, index) => ({
					...credentialOf(index),
					type: 'guayabaApi',
					data: { apiKey: GUAYABA_KEY, baseUrl: server.url, writesPerMinute: WRITES_PER_MINUTE },
				})),
			),
		);
		await main.cli(['import:credentials', `--input=${credentialsFile}`]);
		steps.next(`starting n8n ${runtime.version} in queue mode, and two workers`);
		await main.start();
		await Promise.all(workers.map(async (worker) => await worker.startWorker(1)));
		const editor = new EditorApi(main.url);
		await editor.setUpOwnerAndLogIn();
		const title = `Queue mode, n8n ${runtime.version}: two workflows of ${ITEMS_PER_WORKFLOW} Guayaba updates on one credential, started together, one on each worker; the server allows ${LIMIT.requests} per ${seconds(LIMIT.windowMs)}${LIMIT.retryAfterSeconds === undefined ? '' : `, Retry-After always ${LIMIT.retryAfterSeconds} s`}; the credential's Writes per Minute ${WRITES_PER_MINUTE}; a cell still running after ${seconds(GIVE_UP_MS)} is stopped`;
		process.stdout.write(`\n${title}\n`);
		for (const [index, cell] of cells.entries()) {
			steps.next(cellName(cell));
			const outcome = await runCell(editor, main, servers[index], cell, index);
			rows.push(matrixRow(outcome, GIVE_UP_MS));
			const trace = process.env.BENCH_MATRIX_TRACE
				? bursts(servers[index].received, LIMIT.windowMs).map((line) => `    ${line}\n`)
				: [];
			process.stdout.write(`  ${rows[rows.length - 1].join(' · ')}\n${trace.join('')}`);
		}
		writeResults(title, rows);
	} finally {
		await stopAll();
	}
	process.stdout.write(`\n${matrixTable(rows)}\n`);
	process.exit(0);
}

/** bench/RESULTS-queue.md: this run's table, as `npm run bench` writes bench/RESULTS.md. */
function writeResults(title: string, rows: MatrixRow[]) {
	const hardware = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
	const markdown = [
		'# Benchmark results: queue mode',
		'',
		`Last run: ${new Date().toISOString()} on ${hardware}. Re-run with \`npm run bench:queue-matrix\`; why cells miss is in [docs/queue-mode.md](../docs/queue-mode.md).`,
		'',
		title,
		'',
		...matrixMarkdown(rows),
		'',
	].join('\n');
	writeFileSync(path.resolve(process.cwd(), 'bench/RESULTS-queue.md'), markdown);
}

run().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
