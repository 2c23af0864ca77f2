/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a benchmark program that runs itself again on Node 24, never loaded by n8n */
// first: n8n-core reads its user folder when it is loaded
import './userFolder';

import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { IDataObject, INode, INodeType } from 'n8n-workflow';

import type { RateLimit, ReceivedRequest } from '../sandbox/server';

import { GuayabaApi } from '../credentials/GuayabaApi.credentials';
import { Guayaba } from '../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY } from '../sandbox/guayaba';
import { runtimeScript } from '../scripts/n8n-instance';
import { runNode } from '../test/helpers/engine';
import { countEvaluations, type EvaluationCount } from '../test/helpers/evaluations';
import { DEFAULT_RETRY_POLICY } from '../nodes/shared/limiter/retryPolicy';
import { WindowLimiter } from '../nodes/shared/limiter/windowLimiter';
import { deliverRequests } from '../nodes/shared/transport/deliver';
import { GUAYABA, limitFor } from '../nodes/shared/vendors';
import {
	httpRequestUpdate,
	HTTP_REQUEST_TYPE,
	HTTP_REQUEST_VERSION,
	loadHttpRequestNode,
} from './httpRequestNode';
import { CONTENDERS, measureInRealN8n, realN8nUnavailable, type Contender } from './realN8n';
import { matrixSetting, measureMatrix } from './matrix';
import { matrixMarkdown, matrixTable } from './matrixTable';
import { intervalForRate, RequestSpacer } from './spacingLimiter';

const OVERHEAD_ITEMS = Number(process.env.BENCH_OVERHEAD_ITEMS ?? 2000);
const OVERHEAD_ROUNDS = Number(process.env.BENCH_OVERHEAD_ROUNDS ?? 5);
const REAL_N8N_ROUNDS = Number(process.env.BENCH_REAL_N8N_ROUNDS ?? 3);
const LIMITED_ITEMS = Number(process.env.BENCH_LIMITED_ITEMS ?? 300);
const WINDOW = { requests: 20, windowMs: 1000 };
/** Guayaba's real write budget, for the small runs. */
const GUAYABA_WRITES = limitFor(GUAYABA, 'POST');
const GUAYABA_MINUTE = { requests: GUAYABA_WRITES.perMinute, windowMs: 60_000 };

/**
 * Our Guayaba node with a limiter key of its own (each row starts on a fresh budget, as a new
 * credential would) and its budgets counted in `windowMs` (60 s, or compressed).
 */
function guayabaNode(row: string, windowMs: number): Guayaba {
	const node = new Guayaba();
	node.description.requestOperations = {
		pagination: deliverRequests(
			{
				...GUAYABA,
				kindOf: () => `bench-${row}`,
				limits: [{ ...GUAYABA_WRITES, kind: `bench-${row}` }],
			},
			{ ...DEFAULT_RETRY_POLICY, rateWindowMs: windowMs },
		),
	};
	return node;
}

const markDncParameters = {
	resource: 'contact',
	operation: 'updateByPhone',
	phone: '={{ $json.phone }}',
	updateFields: { status: 'DNC' },
};

/** The key's budget is the credential's: `writesPerMinute` 0 sends with no client-side limit. */
function withWriteBudget(
	credentials: { apiKey: string; baseUrl: string },
	writesPerMinute: number,
) {
	return { ...credentials, writesPerMinute };
}

/**
 * What a user gets without this package: a plain declarative node (as an HTTP Request node would
 * send it), with no client-side limit and no retry.
 */
const plainDeclarativeNode: INodeType = {
	description: {
		displayName: 'Plain',
		name: 'plain',
		group: ['transform'],
		version: 1,
		description: 'A declarative node with no limiter',
		defaults: { name: 'Plain' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'guayabaApi', required: true }],
		requestDefaults: { baseURL: '={{$credentials.baseUrl}}', json: true },
		properties: [
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				routing: {
					request: { method: 'POST', url: '/contacts/update' },
					send: { type: 'body', property: 'phone' },
				},
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: 'DNC',
				routing: { send: { type: 'body', property: 'status' } },
			},
		],
	},
};

const EVALUATIONS_PER_ITEM = 'expression evaluations per item: HTTP Request node / Guayaba node';
/** Counted in part 1, shown again with the real n8n's figures. */
const evaluationsPerItem = { counted: 'not counted' };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function rate(values: number[]): string {
	return `${median(values).toFixed(0)} items/s (runs ${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
}

/** `={{ $json.phone }} × 3, ={{$credentials.apiKey}} × 1`: each expression, times per item. */
function byExpression(count: EvaluationCount, items: number): string {
	return [...count.byExpression]
		.map(([expression, times]) => `${expression} × ${(times / items).toFixed(1)}`)
		.join(', ');
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
	const started = process.hrtime.bigint();
	const result = await run();
	return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function sendUpdate(url: string, phone: string): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const body = JSON.stringify({ phone, status: 'DNC' });
		const req = request(
			`${url}/contacts/update`,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'X-API-Key': GUAYABA_KEY,
					'Content-Length': Buffer.byteLength(body),
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * The limiter before 0.2, as it sent a run: each request in the next slot of an even spacing at
 * the rate. Driven here with a plain client, since only its timing is compared.
 */
async function spacedClient(url: string, phones: string[], perMinute: number): Promise<number> {
	const spacer = new RequestSpacer();
	const interval = intervalForRate(perMinute);
	const statuses = await Promise.all(
		phones.map(async (phone) => {
			const ticket = spacer.reserve('bench', interval);
			await new Promise((resolve) => setTimeout(resolve, ticket.waitMs));
			const late = spacer.depart('bench', interval);
			if (late > 0) await new Promise((resolve) => setTimeout(resolve, late));
			return await sendUpdate(url, phone);
		}),
	);
	return statuses.filter((status) => status === 200).length;
}

/** The baseline: a plain HTTP client sending the same requests, all at once as n8n does. */
async function plainClient(url: string, phones: string[]): Promise<number> {
	const statuses = await Promise.all(phones.map(async (phone) => await sendUpdate(url, phone)));
	return statuses.filter((status) => status === 200).length;
}

/**
 * The fake Guayaba in a process of its own, as a real API is: the figures then measure the n8n
 * side alone, without the fake's work on the same thread. Driven through the sandbox's control API.
 */
class GuayabaProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	static async start(): Promise<GuayabaProcess> {
		const child = fork(process.argv[1], [], { env: { ...process.env, BENCH_SERVER: '1' } });
		const url = await new Promise<string>((resolve, reject) => {
			child.once('message', (message) => resolve((message as { url: string }).url));
			child.once('exit', (code) => reject(new Error(`the fake Guayaba exited with code ${code}`)));
		});
		return new GuayabaProcess(child, url);
	}

	/** Serves the fake Guayaba until the benchmark that forked this process ends. */
	static async serve(): Promise<void> {
		const api = await new FakeGuayaba().start();
		process.send?.({ url: api.url });
		process.on('disconnect', () => process.exit(0));
	}

	private async control<T>(path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/__sandbox/${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`sandbox control ${path}: HTTP ${response.status}`);
		return (await response.json()) as T;
	}

	/** Forgets what was received and any rate limit, then adds `count` contacts; their phones. */
	async freshContacts(count: number, rateLimit?: RateLimit): Promise<string[]> {
		await this.control('reset', {});
		if (rateLimit) await this.control('rate-limit', rateLimit);
		return (await this.control<{ phones: string[] }>('bulk-contacts', { count })).phones;
	}

	async requests(): Promise<{ received: ReceivedRequest[]; refused: number }> {
		return await this.control('requests');
	}

	stop(): void {
		this.child.disconnect();
	}
}

/**
 * Connections the kernel dropped because a listen queue was full (Linux). Each one costs its
 * client a retry a second later, and would turn an items-per-second figure into a timer.
 */
function listenOverflows(): number | undefined {
	try {
		const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('TcpExt:'))
			.map((line) => line.trim().split(/\s+/));
		return Number(values[names.indexOf('ListenOverflows')]);
	} catch {
		return undefined;
	}
}

type Row = [string, string, string];

/** Every measurement of one run, on the Node.js running this file. */
async function measure(): Promise<Row[]> {
	let peakRss = 0;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
	}, 50);
	const api = await GuayabaProcess.start();
	const credentials = { apiKey: GUAYABA_KEY, baseUrl: api.url };
	const rows: Row[] = [];

	// 1. overhead, no limit on either side. Every contender first runs 200 items unmeasured: a
	// running n8n has its code warm, so the one-time JIT warm-up of each path is left out. One
	// 2,000-item run swings by a fifth with GC and JIT, so the contenders take turns for several
	// rounds and each figure is the median. The kernel's count of dropped connections shows that
	// no figure waited on a connection retried after a full listen queue.
	const runOurs = (phones: string[], requestsPerMinute: number, onError?: INode['onError']) =>
		runNode({
			nodeType: new Guayaba(),
			credentialType: new GuayabaApi(),
			credentials: withWriteBudget(credentials, requestsPerMinute),
			parameters: markDncParameters,
			items: phones.map((phone) => ({ json: { phone } })),
			onError,
		});
	// the reference nodes: a phone and a status, sent with no limiter and no retry
	const runReference = (nodeType: INodeType, phones: string[], onError?: INode['onError']) =>
		runNode({
			nodeType,
			credentialType: new GuayabaApi(),
			credentials,
			parameters: { phone: '={{ $json.phone }}', status: 'DNC' },
			items: phones.map((phone) => ({ json: { phone } })),
			onError,
		});
	const updated = async (nodeType: INodeType, phones: string[]) =>
		(await runReference(nodeType, phones)).outputs[0]?.filter((item) => item.json.success === true)
			.length ?? 0;
	// what users would build instead: n8n's own HTTP Request node, from the real n8n's install
	const httpRequestNode = loadHttpRequestNode();
	const runHttpRequest = (nodeType: INodeType, phones: string[]) =>
		runNode({
			nodeType,
			type: HTTP_REQUEST_TYPE,
			typeVersion: HTTP_REQUEST_VERSION,
			credentialType: new GuayabaApi(),
			credentials,
			parameters: httpRequestUpdate(api.url),
			items: phones.map((phone) => ({ json: { phone } })),
		});
	const contenders: Record<string, (phones: string[]) => Promise<number>> = {
		ours: async (phones) =>
			(await runOurs(phones, 0)).outputs[0]?.filter((item) => item.json.status === 'DNC').length ??
			0,
		// where the cost lies: the same requests from a plain HTTP client, and from a declarative
		// node with no hooks at all
		plain: async (phones) => await plainClient(api.url, phones),
		bare: async (phones) => await updated(plainDeclarativeNode, phones),
	};
	if (typeof httpRequestNode !== 'string') {
		contenders.httpRequest = async (phones) =>
			(await runHttpRequest(httpRequestNode, phones)).outputs[0]?.filter(
				(item) => item.json.success === true,
			).length ?? 0;
	}
	const overflowsBefore = listenOverflows();
	for (const contender of Object.values(contenders)) await contender(await api.freshContacts(200));
	const names = Object.keys(contenders);
	const rates = Object.fromEntries(names.map((name) => [name, [] as number[]]));
	let allOk = true;
	for (let round = 0; round < OVERHEAD_ROUNDS; round++) {
		for (const name of names) {
			const phones = await api.freshContacts(OVERHEAD_ITEMS);
			const { result: ok, seconds } = await timed(() => contenders[name](phones));
			allOk &&= ok === OVERHEAD_ITEMS;
			rates[name].push(ok / seconds);
		}
	}
	const overflowsAfter = listenOverflows();
	const dropped =
		overflowsBefore === undefined || overflowsAfter === undefined
			? 'not measured (no /proc/net/netstat)'
			: String(overflowsAfter - overflowsBefore);
	// counted apart from the timed rounds, so that the counting costs them nothing
	const countItems = 200;
	const oursCount = await countEvaluations(async () =>
		contenders.ours(await api.freshContacts(countItems)),
	);
	const httpRequestCount =
		typeof httpRequestNode === 'string'
			? undefined
			: await countEvaluations(async () =>
					runHttpRequest(httpRequestNode, await api.freshContacts(countItems)),
				);
	const counted = (count: EvaluationCount | undefined, of: keyof EvaluationCount) =>
		count === undefined ? 'not measured' : ((count[of] as number) / countItems).toFixed(1);
	evaluationsPerItem.counted = `${counted(httpRequestCount, 'evaluations')} / ${counted(oursCount, 'evaluations')}`;
	rows.push(
		[
			'1. Overhead',
			`${OVERHEAD_ITEMS} updates, no rate limit, median of ${OVERHEAD_ROUNDS} rounds, through n8n-core (the test engine)`,
			allOk ? 'every item ok' : 'SOME ITEMS FAILED',
		],
		[
			'',
			"n8n's HTTP Request node (baseline: what users would build instead)",
			rates.httpRequest ? rate(rates.httpRequest) : `not measured: ${String(httpRequestNode)}`,
		],
		['', 'Guayaba node', rate(rates.ours)],
		[
			'',
			'ratio Guayaba node / HTTP Request node (the target is for a real n8n: see 1b)',
			rates.httpRequest
				? (median(rates.ours) / median(rates.httpRequest)).toFixed(2)
				: 'not measured',
		],
		['', EVALUATIONS_PER_ITEM, evaluationsPerItem.counted],
		['', "the Guayaba node's evaluations, per item", byExpression(oursCount, countItems)],
		[
			'',
			'getNodeParameter calls per item: HTTP Request node / Guayaba node',
			`${counted(httpRequestCount, 'parameterReads')} / ${counted(oursCount, 'parameterReads')}`,
		],
		['', 'for reference: plain HTTP client', rate(rates.plain)],
		['', 'for reference: bare declarative node, no hooks', rate(rates.bare)],
		[
			'',
			"ratio Guayaba node / bare declarative node (this package's own cost)",
			(median(rates.ours) / median(rates.bare)).toFixed(2),
		],
		['', 'connections dropped by a full listen queue (must be 0)', dropped],
	);

	// 2. the window limiter
	const runNode2 = (nodeType: Guayaba, phones: string[], requestsPerMinute?: number) =>
		runNode({
			nodeType,
			credentialType: new GuayabaApi(),
			credentials: withWriteBudget(credentials, requestsPerMinute ?? GUAYABA_WRITES.perMinute),
			parameters: markDncParameters,
			items: phones.map((phone) => ({ json: { phone } })),
			onError: 'continueRegularOutput',
		});
	/** Lost, sent twice and refused, from what the server received. */
	const tally = async (phones: string[], outputs: IDataObject[]) => {
		const { received, refused } = await api.requests();
		const updates = new Map<string, number>();
		for (const request of received.filter((r) => r.status === 200)) {
			const phone = (request.body as { phone: string }).phone;
			updates.set(phone, (updates.get(phone) ?? 0) + 1);
		}
		const lost = phones.filter((phone) => !updates.has(phone)).length;
		const notOk = outputs.filter((json) => json.status !== 'DNC').length;
		const twice = [...updates.values()].filter((count) => count > 1).length;
		const ours = received.filter((r) => r.method === 'POST');
		const span = ours.length > 1 ? (ours[ours.length - 1].at - ours[0].at) / 1000 : 0;
		return { lost: Math.max(lost, notOk), twice, refused, requests: ours.length, span };
	};
	rows.push([
		'2. Small runs',
		`server allows ${GUAYABA_MINUTE.requests} a minute (Guayaba's writes); time from start to the last answer`,
		'',
	]);
	for (const count of [10, 30]) {
		let phones = await api.freshContacts(count, GUAYABA_MINUTE);
		const old = await timed(() => spacedClient(api.url, phones, GUAYABA_MINUTE.requests));
		phones = await api.freshContacts(count, GUAYABA_MINUTE);
		const now = await timed(() => runNode2(guayabaNode(`small-${count}`, 60_000), phones));
		const counts = await tally(
			phones,
			(now.result.outputs[0] ?? []).map((item) => item.json),
		);
		rows.push([
			'',
			`N = ${count}: even spacing (before) / window limiter (now)${count <= GUAYABA_MINUTE.requests ? ', target now <= 2 s' : ''}`,
			`${old.seconds.toFixed(1)} s (${old.result} ok) / ${now.seconds.toFixed(1)} s (lost ${counts.lost}, refused ${counts.refused})`,
		]);
	}

	const bound = (Math.ceil(LIMITED_ITEMS / WINDOW.requests) - 1) * (WINDOW.windowMs / 1000) + 2;
	const evenSpacing = (LIMITED_ITEMS / WINDOW.requests) * (WINDOW.windowMs / 1000);
	rows.push([
		'3. Big runs at the limit',
		`${LIMITED_ITEMS} updates, server allows ${WINDOW.requests} per ${WINDOW.windowMs} ms; target time <= (ceil(N/R)-1)·W + 2 s = ${bound.toFixed(1)} s (even spacing: ${evenSpacing.toFixed(1)} s)`,
		'',
	]);
	for (const rolling of [false, true]) {
		const phones = await api.freshContacts(LIMITED_ITEMS, { ...WINDOW, rolling });
		const run = await timed(() =>
			runNode2(guayabaNode(`big-${rolling}`, WINDOW.windowMs), phones, WINDOW.requests),
		);
		const counts = await tally(
			phones,
			(run.result.outputs[0] ?? []).map((item) => item.json),
		);
		rows.push([
			'',
			`${rolling ? 'rolling' : 'fixed'} window: lost / sent twice / refused (targets 0) · time`,
			`${counts.lost} / ${counts.twice} / ${counts.refused} · ${run.seconds.toFixed(1)} s (first to last request ${counts.span.toFixed(1)} s)`,
		]);
	}

	rows.push([
		'4. Shared budget',
		`server allows ${WINDOW.requests} per ${WINDOW.windowMs} ms (fixed); target 0 lost, refusals <= 2 % of requests`,
		'',
	]);
	{
		const phones = await api.freshContacts(LIMITED_ITEMS, WINDOW);
		const node = guayabaNode('shared-two-runs', WINDOW.windowMs);
		const half = LIMITED_ITEMS / 2;
		const run = await timed(() =>
			Promise.all([
				runNode2(node, phones.slice(0, half), WINDOW.requests),
				runNode2(node, phones.slice(half), WINDOW.requests),
			]),
		);
		const outputs = run.result.flatMap((one) => (one.outputs[0] ?? []).map((item) => item.json));
		const counts = await tally(phones, outputs);
		rows.push([
			'',
			`two runs of ${half} at once on one key: lost / sent twice / refused of requests · time`,
			`${counts.lost} / ${counts.twice} / ${counts.refused} of ${counts.requests} (${((100 * counts.refused) / counts.requests).toFixed(1)} %) · ${run.seconds.toFixed(1)} s`,
		]);
	}
	{
		const phones = await api.freshContacts(LIMITED_ITEMS + 1000, WINDOW);
		const ours = phones.slice(0, LIMITED_ITEMS);
		const others = phones.slice(LIMITED_ITEMS);
		// the other client: half the budget, spread over each window
		let spending = true;
		let otherSent = 0;
		const otherClient = (async () => {
			const gap = WINDOW.windowMs / (WINDOW.requests / 2);
			while (spending && otherSent < others.length) {
				void sendUpdate(api.url, others[otherSent++]);
				await new Promise((resolve) => setTimeout(resolve, gap));
			}
		})();
		await new Promise((resolve) => setTimeout(resolve, WINDOW.windowMs));
		const run = await timed(() =>
			runNode2(guayabaNode('shared-other-client', WINDOW.windowMs), ours, WINDOW.requests),
		);
		spending = false;
		await otherClient;
		const { received } = await api.requests();
		const ourRequests = received.filter((r) => ours.includes((r.body as { phone: string }).phone));
		const ourRefusals = ourRequests.filter((r) => r.status === 429).length;
		const lost = (run.result.outputs[0] ?? []).filter((item) => item.json.status !== 'DNC').length;
		rows.push([
			'',
			`${LIMITED_ITEMS} while another client spends half the budget: lost / our refusals of our requests · time`,
			`${lost} / ${ourRefusals} of ${ourRequests.length} (${((100 * ourRefusals) / ourRequests.length).toFixed(1)} %) · ${run.seconds.toFixed(1)} s`,
		]);
	}

	// 5. the same run without this package's limiter
	const unlimitedPhones = await api.freshContacts(LIMITED_ITEMS, WINDOW);
	const plain = await timed(() =>
		runReference(plainDeclarativeNode, unlimitedPhones, 'continueRegularOutput'),
	);
	const plainItems = plain.result.outputs[0] ?? [];
	const plainLost = plainItems.filter((item) => item.error || item.json.error).length;
	rows.push(
		['5. Without the limiter', `the same ${LIMITED_ITEMS} updates as a plain declarative node`, ''],
		['', 'items lost', `${plainLost} of ${LIMITED_ITEMS}`],
		['', 'time', `${plain.seconds.toFixed(1)} s`],
	);

	clearInterval(sampler);
	rows.push(
		[
			'6. Memory',
			'peak RSS of the n8n side (the fake API runs in a process of its own)',
			`${(peakRss / 2 ** 20).toFixed(0)} MiB`,
		],
		[
			'',
			'the limiter with 10,000 keys, each with 30 requests in its window',
			await limiterMemory(),
		],
	);
	api.stop();

	return rows;
}

/**
 * 1b. The overhead where users meet it: a real n8n 2.40.7 with the package installed, the HTTP
 * Request node and the Guayaba node each sending the same updates. Expressions cost far more there
 * (n8n 2.x evaluates each in an isolate), so the ratio differs from the test engine's.
 */
async function measureRealN8n(): Promise<Row[]> {
	const unavailable = realN8nUnavailable();
	const title = `1b. Overhead in a real n8n`;
	if (unavailable) return [[title, 'n8n 2.40.7, the end-to-end runtime', unavailable]];
	const api = await GuayabaProcess.start();
	try {
		const phones = await api.freshContacts(OVERHEAD_ITEMS);
		// the first run of each node warms its code up and is left out, as in part 1
		const runs = await measureInRealN8n(api.url, phones, REAL_N8N_ROUNDS + 1);
		const allOk = Object.values(runs).every((timings) =>
			timings.every((run) => run.ok === OVERHEAD_ITEMS),
		);
		const rates = Object.fromEntries(
			Object.entries(runs).map(([contender, timings]) => [
				contender,
				timings.slice(1).map((run) => run.ok / run.seconds),
			]),
		) as Record<Contender, number[]>;
		const ours = median(rates.guayaba);
		const ratio = (contender: Contender) => (ours / median(rates[contender])).toFixed(2);
		// the Header Auth node differs from the key typed in by one credential read per item
		const credentialReadMs =
			1000 / median(rates.httpRequestHeaderAuth) - 1000 / median(rates.httpRequestKeyInHeader);
		return [
			[
				title,
				`n8n 2.40.7 (n8n execute, Node 24), the package packed and installed; ${OVERHEAD_ITEMS} items into each node, no rate limit, median of ${REAL_N8N_ROUNDS} runs each after one unmeasured, timed by n8n (the node's executionTime)`,
				allOk ? 'every item ok' : 'SOME ITEMS FAILED',
			],
			['', `${CONTENDERS.httpRequest} (as in part 1)`, rate(rates.httpRequest)],
			['', CONTENDERS.guayaba, rate(rates.guayaba)],
			['', 'ratio Guayaba node / HTTP Request node (target >= 0.5)', ratio('httpRequest')],
			[
				'',
				EVALUATIONS_PER_ITEM,
				`${evaluationsPerItem.counted} (counted in part 1: n8n 2.40.7 runs the same n8n-core and n8n-workflow)`,
			],
			['', CONTENDERS.httpRequestHeaderAuth, rate(rates.httpRequestHeaderAuth)],
			[
				'',
				'ratio Guayaba node / HTTP Request node with Header Auth',
				ratio('httpRequestHeaderAuth'),
			],
			['', CONTENDERS.httpRequestKeyInHeader, rate(rates.httpRequestKeyInHeader)],
			[
				'',
				'ratio Guayaba node / HTTP Request node with the key typed in',
				ratio('httpRequestKeyInHeader'),
			],
			[
				'',
				'what reading the credential costs n8n per request (Header Auth less key typed in); a declarative node reads it for every request',
				`${credentialReadMs.toFixed(1)} ms`,
			],
		];
	} finally {
		api.stop();
	}
}

/** The heap a limiter holding 10,000 busy keys takes, measured between two full collections. */
async function limiterMemory(): Promise<string> {
	setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as () => void;
	gc();
	const before = process.memoryUsage().heapUsed;
	const limiter = new WindowLimiter();
	const budget = { requests: 30, windowMs: 60_000 };
	for (let key = 0; key < 10_000; key++) {
		for (let request = 0; request < 30; request++) {
			void limiter.acquire(`key-${key}`, budget);
			limiter.answered(`key-${key}`, undefined);
		}
	}
	// the 300,000 settled acquires' promise jobs run first, or the figure counts them too
	await new Promise((resolve) => setTimeout(resolve, 100));
	gc();
	const bytes = process.memoryUsage().heapUsed - before;
	return `${(bytes / 2 ** 20).toFixed(1)} MiB (${limiter.size} keys kept, ${Math.round(bytes / 10_000)} bytes a key)`;
}

function table(rows: Row[]): string {
	const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
	return rows
		.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  '))
		.join('\n');
}

/**
 * The same measurements on Node 24, the runtime n8n 2.x requires, in a child process; fetched from
 * the npm registry by scripts/n8n-runtime.sh when this machine has an older Node.
 */
function measureOnNode24(): { version: string; rows: Row[] } | string {
	try {
		const { NODE: node } = runtimeScript(['NODE'], ['--node-only']);
		const output = execFileSync(node, [process.argv[1]], {
			encoding: 'utf8',
			env: { ...process.env, BENCH_CHILD: '1' },
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 1 << 20,
		});
		return JSON.parse(output) as { version: string; rows: Row[] };
	} catch (error) {
		return (error as Error).message.split('\n')[0];
	}
}

/** 7. The server-behaviour matrix (issue 23), on this machine's Node only: it measures the limiter's timing. */
async function measureServerMatrix() {
	const title = `7. Server-behaviour matrix: ${matrixSetting('one run or two runs at once in one process')}`;
	process.stdout.write(`\n${title}\n`);
	const rows = await measureMatrix(
		async () => await GuayabaProcess.start(),
		['oneRun', 'twoRuns'],
		(row, trace) =>
			process.stdout.write(
				[`  ${row[0]}: ${row.slice(1).join(' · ')}`, ...trace.map((line) => `    ${line}`)]
					.map((line) => `${line}\n`)
					.join(''),
			),
	);
	process.stdout.write(`\n${matrixTable(rows)}\n`);
	return { title, rows };
}

async function main() {
	if (process.env.BENCH_SERVER) return await GuayabaProcess.serve();
	// `npm run bench -- matrix`: the matrix alone, printed, bench/RESULTS.md left as it is
	if (process.argv[2] === 'matrix') {
		await measureServerMatrix();
		process.exit(0);
	}
	// `npm run bench -- real`: the real n8n's overhead alone (part 1b), printed, bench/RESULTS.md left as it is
	if (process.argv[2] === 'real') {
		process.stdout.write(`\n${table(await measureRealN8n())}\n`);
		process.exit(0);
	}
	const rows = await measure();
	if (process.env.BENCH_CHILD) {
		process.stdout.write(JSON.stringify({ version: process.version, rows }));
		process.exit(0);
	}
	const hardware = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
	const runs = [{ version: process.version, rows }];
	process.stdout.write(`\non Node ${process.version}\n${table(rows)}\n`);
	if (Number(process.versions.node.split('.')[0]) < 24) {
		process.stdout.write('\nthe same on Node 24, the runtime n8n 2.x requires...\n');
		const node24 = measureOnNode24();
		if (typeof node24 === 'string') {
			process.stdout.write(`not measured on Node 24: ${node24}\n`);
		} else {
			runs.push(node24);
			process.stdout.write(`\non Node ${node24.version}\n${table(node24.rows)}\n`);
		}
	}
	process.stdout.write('\nthe overhead in a real n8n...\n');
	const realRows = await measureRealN8n();
	process.stdout.write(`\n${table(realRows)}\n`);
	const matrix = await measureServerMatrix();
	process.stdout.write(`\nmachine: ${hardware}\n`);

	const markdown = [
		'# Benchmark results',
		'',
		`Last run: ${new Date().toISOString()} on ${hardware}. Re-run with \`npm run bench\`; every figure in a table comes from one run, on the Node.js it names: this machine's, and Node 24, which n8n 2.x requires (n8n 1.x runs on either).`,
		...runs.flatMap((run) => [
			'',
			`## Node ${run.version}`,
			'',
			'| part | measure | value |',
			'| --- | --- | --- |',
			...run.rows.map((row) => `| ${row.join(' | ')} |`),
		]),
		'',
		'## A real n8n',
		'',
		'| part | measure | value |',
		'| --- | --- | --- |',
		...realRows.map((row) => `| ${row.join(' | ')} |`),
		'',
		`## Server-behaviour matrix (Node ${process.version})`,
		'',
		matrix.title,
		'',
		...matrixMarkdown(matrix.rows),
		'',
		'The same matrix on two queue-mode workers is in [RESULTS-queue.md](RESULTS-queue.md) (`npm run bench:queue-matrix`).',
		'',
	].join('\n');
	writeFileSync(path.resolve(process.cwd(), 'bench/RESULTS.md'), markdown);
	process.exit(0);
}

void main();
