import { SERVER_BEHAVIOURS, type ServerBehaviour } from '../../sandbox/rateLimits';
import type { ReceivedRequest } from '../../sandbox/server';

/**
 * Issue 23's server-behaviour matrix: what a server tells of its limit, on a fixed or a rolling
 * window, against who spends the key's budget. This file holds what the jest tests, the bench and
 * the queue-mode bench share, and runs nothing: the runs are in matrixRun.ts (n8n's engine) and
 * bench/queueMatrix.ts (a real n8n in queue mode).
 */

export const BEHAVIOUR_NAMES: Record<ServerBehaviour, string> = {
	fullHeaders: 'full headers',
	limitsOn429: 'limits only on 429',
	retryAfterOnly: 'no headers, 429 with Retry-After',
	silent: 'no headers, no Retry-After',
};

/** One run of N; two runs of N/2 at once on one key in one process; two queue-mode workers. */
export type Spenders = 'oneRun' | 'twoRuns' | 'twoWorkers';

export const SPENDER_NAMES: Record<Spenders, string> = {
	oneRun: 'one run',
	twoRuns: 'two runs, one process',
	twoWorkers: 'two queue-mode workers',
};

export interface Cell {
	says: ServerBehaviour;
	rolling: boolean;
	spenders: Spenders;
}

export function cellName({ says, rolling, spenders }: Cell): string {
	return `${BEHAVIOUR_NAMES[says]}, ${rolling ? 'rolling' : 'fixed'} window, ${SPENDER_NAMES[spenders]}`;
}

/** Every behaviour × fixed and rolling × each of `spenders`, in that order. */
export function matrixCells(spenders: Spenders[]): Cell[] {
	return SERVER_BEHAVIOURS.flatMap((says) =>
		[false, true].flatMap((rolling) => spenders.map((who) => ({ says, rolling, spenders: who }))),
	);
}

/** The server's limit: `requests` per `windowMs`. */
export interface ServerLimit {
	requests: number;
	windowMs: number;
}

/** (⌈N/R⌉ − 1)·W: the last of N requests can leave no sooner, whatever the client does. */
export function idealMs(items: number, { requests, windowMs }: ServerLimit): number {
	return (Math.ceil(items / requests) - 1) * windowMs;
}

/** What the server saw of a cell's N updates. */
export interface Tally {
	items: number;
	/** Requests received, 429s included. */
	requests: number;
	/** Requests answered 429. */
	refused: number;
	refusedShare: number;
	/** Contacts never updated. */
	lost: number;
	/** Contacts updated more than once. */
	sentTwice: number;
	/** 429s after which their contact was never updated. */
	unretried: number;
	/** From the first request received to the last. */
	spanMs: number;
	idealMs: number;
}

const phoneOf = (request: ReceivedRequest) =>
	(request.body as { phone?: string } | undefined)?.phone;

export function tally(received: ReceivedRequest[], phones: string[], limit: ServerLimit): Tally {
	const updatedAt = new Map<string, number[]>(phones.map((phone) => [phone, []]));
	for (const request of received)
		if (request.status === 200) updatedAt.get(phoneOf(request) ?? '')?.push(request.at);
	const refusals = received.filter((request) => request.status === 429);
	const times = received.map((request) => request.at);
	return {
		items: phones.length,
		requests: received.length,
		refused: refusals.length,
		refusedShare: received.length === 0 ? 0 : refusals.length / received.length,
		lost: [...updatedAt.values()].filter((at) => at.length === 0).length,
		sentTwice: [...updatedAt.values()].filter((at) => at.length > 1).length,
		unretried: refusals.filter(
			(refusal) => !(updatedAt.get(phoneOf(refusal) ?? '') ?? []).some((at) => at >= refusal.at),
		).length,
		spanMs: times.length > 1 ? Math.max(...times) - Math.min(...times) : 0,
		idealMs: idealMs(phones.length, limit),
	};
}

/** A cell's figures and whether its runs succeeded. */
export interface CellOutcome extends Tally {
	cell: Cell;
	/** Per run (or execution): whether it ended without error, every item updated. */
	succeeded: boolean[];
	/** The errors the runs that failed ended with. */
	errors: string[];
	/** Whether the harness stopped the runs because they outlived its bound. */
	gaveUp: boolean;
}

/** Issue 23's targets for a cell; `spanMs` only where time is a target. */
export interface Target {
	spanMs?: number;
	refusedShare: number;
}

const WORKER_REFUSALS: Record<ServerBehaviour, number> = {
	fullHeaders: 0.01,
	limitsOn429: 0.02,
	retryAfterOnly: 0.05,
	silent: 0.05,
};

/**
 * One process: within the ideal + 2 s and at most 2 % refused. Two workers: at most 1 % refused
 * with full headers, 2 % with limits only on 429, 5 % with no headers. Always 0 lost, 0 sent twice,
 * and every run succeeds.
 */
export function targetOf(cell: Cell, ideal: number): Target {
	if (cell.spenders === 'twoWorkers') return { refusedShare: WORKER_REFUSALS[cell.says] };
	return { spanMs: ideal + 2000, refusedShare: 0.02 };
}

export function describeTarget(cell: Cell, ideal: number): string {
	const target = targetOf(cell, ideal);
	const time = target.spanMs === undefined ? '' : `≤ ${seconds(target.spanMs)}, `;
	return `${time}≤ ${percent(target.refusedShare, 0)} refused, 0 lost, 0 twice, all succeed`;
}

/** What the cell missed of its target; none when it met it. */
export function misses(outcome: CellOutcome): string[] {
	const target = targetOf(outcome.cell, outcome.idealMs);
	return [
		...(outcome.gaveUp ? ['stopped: outlived the bench’s bound'] : []),
		// a stopped cell's span is only that of the requests it sent before it was stopped
		...(target.spanMs !== undefined && (outcome.gaveUp || outcome.spanMs > target.spanMs)
			? ['time']
			: []),
		...(outcome.refusedShare > target.refusedShare ? ['refused'] : []),
		...(outcome.lost > 0 ? ['lost'] : []),
		...(outcome.sentTwice > 0 ? ['sent twice'] : []),
		...(outcome.succeeded.every(Boolean) ? [] : ['a run failed']),
	];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)} %`;

/** A cell as one line of figures: time vs ideal, refused, lost, sent twice, succeeded. */
export function figures(outcome: CellOutcome): string {
	const runs = outcome.succeeded.map((ok) => (ok ? 'ok' : 'FAILED')).join(' + ');
	return [
		`${seconds(outcome.spanMs)} (ideal ${seconds(outcome.idealMs)})`,
		`refused ${outcome.refused} of ${outcome.requests} (${percent(outcome.refusedShare)})`,
		`lost ${outcome.lost}`,
		`sent twice ${outcome.sentTwice}`,
		`runs ${runs}`,
		...(outcome.unretried > 0 ? [`429s never retried ${outcome.unretried}`] : []),
	].join(' · ');
}

/**
 * The requests as the server saw them, in bursts (requests less than `gapMs` apart): when each
 * began after the first request, in which of the server's fixed windows (counted on the clock from
 * the first one's), and how many were accepted and refused. Shows what a limiter did, round by round.
 */
export function bursts(received: ReceivedRequest[], windowMs: number, gapMs = 50): string[] {
	const sorted = [...received].sort((a, b) => a.at - b.at);
	const groups: ReceivedRequest[][] = [];
	for (const request of sorted) {
		const last = groups.at(-1);
		if (last && request.at - last[last.length - 1].at <= gapMs) last.push(request);
		else groups.push([request]);
	}
	const first = sorted[0]?.at ?? 0;
	const windowOf = (at: number) => Math.floor(at / windowMs) - Math.floor(first / windowMs);
	return groups.map((group) => {
		const refused = group.filter((request) => request.status === 429).length;
		return `${seconds(group[0].at - first)} (window ${windowOf(group[0].at)}): ${group.length} sent, ${group.length - refused} accepted, ${refused} refused`;
	});
}
