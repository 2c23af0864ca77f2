/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: it runs in Jest and the bench, never inside n8n */
import type { INodeExecutionData } from 'n8n-workflow';

import type { FakeGuayaba } from '../../sandbox/guayaba';
import type { RateLimit, ReceivedRequest } from '../../sandbox/server';
import { guayabaCounting, markDncOn } from './limits';
import { tally, type Cell, type CellOutcome } from './matrix';

/**
 * The fake Guayaba a cell runs against, in this process (the tests) or in one of its own (the
 * bench). Its URL is part of the credential and so of the limiter's key: every cell needs a server
 * of its own, or the key would remember the previous cell.
 */
export interface MatrixServer {
	readonly url: string;
	/** Forgets what it received, enforces `limit`, and adds `count` contacts: their phones. */
	freshContacts(count: number, limit: RateLimit): Promise<string[]>;
	requests(): Promise<{ received: ReceivedRequest[] }>;
}

export function inProcess(api: FakeGuayaba): MatrixServer {
	return {
		url: api.url,
		async freshContacts(count, limit) {
			api.reset();
			api.setRateLimit(limit);
			return api.addBulkContacts(count);
		},
		async requests() {
			return { received: [...api.received] };
		},
	};
}

/** The node's retry policy, as test/helpers/limits.ts takes it (its `rateWindowMs` is its minute). */
export type NodePolicy = Parameters<typeof guayabaCounting>[0];

export interface MatrixSetup {
	/** N: the updates of the cell, split in two halves for two runs. */
	items: number;
	/** The server's limit, fixed or rolling and what it says are the cell's. */
	limit: Pick<RateLimit, 'requests' | 'windowMs' | 'retryAfterSeconds'>;
	/**
	 * The credential's Writes per Minute: the key's budget, the one that listens to the server. By
	 * default the server's own rate said a minute (R · 60 s / W, the minute being the policy's
	 * `rateWindowMs`), as issue 23's user set 450 for a server of 15 per 2 s: the rate is right, the
	 * window is not. The node's own Requests per Minute is left unset (it would only pace its run).
	 */
	writesPerMinute?: number;
	/** The node's retry policy; `rateWindowMs` compresses its minute. */
	policy?: NodePolicy;
	/**
	 * Cancels the runs (as the editor's Stop button does) when they outlive this, so that a cell the
	 * limiter would take many minutes over ends; the outcome says so.
	 */
	giveUpAfterMs?: number;
}

function ranWell(outputs: INodeExecutionData[][], items: number): boolean {
	const out = outputs[0] ?? [];
	return out.length === items && out.every((item) => item.json.status === 'DNC');
}

/**
 * Runs a cell's N Guayaba Update by Phone writes through n8n's engine (RoutingNode, the node's own
 * limiter) against `server`: one run, or two runs of N/2 at once on one credential. Returns what
 * the server saw and how the runs ended.
 */
export async function runCell(
	server: MatrixServer,
	cell: Cell,
	setup: MatrixSetup,
): Promise<CellOutcome> {
	if (cell.spenders === 'twoWorkers')
		throw new Error('two queue-mode workers run in a real n8n: bench/queueMatrix.ts');
	const { items, limit } = setup;
	const phones = await server.freshContacts(items, {
		...limit,
		rolling: cell.rolling,
		says: cell.says,
	});
	const nodeType = guayabaCounting(setup.policy ?? {});
	const minuteMs = setup.policy?.rateWindowMs ?? 60_000;
	const writesPerMinute = setup.writesPerMinute ?? (limit.requests * minuteMs) / limit.windowMs;
	const batches =
		cell.spenders === 'oneRun'
			? [phones]
			: [phones.slice(0, Math.ceil(items / 2)), phones.slice(Math.ceil(items / 2))];

	let gaveUp = false;
	let timer: NodeJS.Timeout | undefined;
	const giveUp = new Promise<void>((resolve) => {
		if (setup.giveUpAfterMs === undefined) return;
		timer = setTimeout(() => {
			gaveUp = true;
			resolve();
		}, setup.giveUpAfterMs);
	});
	const runs = await Promise.all(
		batches.map((batch) =>
			markDncOn(server, nodeType, batch, { writesPerMinute }, { cancelWhen: giveUp }),
		),
	).finally(() => clearTimeout(timer));

	const { received } = await server.requests();
	return {
		cell,
		...tally(received, phones, limit),
		succeeded: runs.map(
			(run, index) => run.error === undefined && ranWell(run.outputs, batches[index].length),
		),
		errors: runs.flatMap((run) => (run.error ? [run.error.message] : [])),
		gaveUp,
	};
}
