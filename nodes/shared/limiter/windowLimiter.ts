import { sleep } from 'n8n-workflow';

import { numberHeader, resetTime, retryAfterMs } from './serverHeaders';

/** Up to `requests` requests in any window of `windowMs`; `requests` 0 is no client-side limit. */
export interface Budget {
	requests: number;
	windowMs: number;
}

interface Departure {
	/** When it was answered, or, while in flight, when it left. */
	at: number;
	answered: boolean;
	/** Whether the server took it: answered, and not with a 429. */
	taken: boolean;
}

interface Waiter {
	/** With the milliseconds waited, or `undefined` when the request was abandoned. */
	resolve: (waitedMs: number | undefined) => void;
	queuedAt: number;
	signal?: AbortSignal;
	/** A request sent before and refused: it goes ahead of those never sent. */
	retry: boolean;
}

interface KeyState {
	budget: Budget;
	/**
	 * Whether the key learns from the server's answers; a node run's own pace does not, it only
	 * spaces that run's requests.
	 */
	listens: boolean;
	/**
	 * The recent requests, oldest first: when each was answered, or for one still in flight, when it
	 * left. A request reaches the server some time between the two, so a window counts it until
	 * W after its answer.
	 */
	departures: Departure[];
	waiting: Waiter[];
	/** Nothing leaves before this: a 429's Retry-After, or the server saying the budget is spent. */
	heldUntil: number;
	/** Requests sent and not yet answered. */
	inFlight: number;
	/**
	 * What the server's headers say it still accepts, less what left since; undefined when it has
	 * not said, or its window has reset since.
	 */
	serverRemaining?: number;
	serverResetAt?: number;
	serverLimit?: number;
	/** Whether the server's counting answers tell when its window resets. */
	serverTellsReset: boolean;
	/** When the server last told what is left. */
	serverSaidAt?: number;
	/** Whether our own requests in the window account for the whole server limit. */
	spentByUs: boolean;
	/** Whether the server's figures showed others spending on this key. */
	othersSpend: boolean;
	/**
	 * On a server that counts, requests leave in rounds: a round starts when none of ours is in
	 * flight, so that the latest answer has counted all of them, and takes half of what is left; a
	 * quarter once others are seen spending, as the figure read has not counted what they have in
	 * flight.
	 */
	round: { allowed: number; sent: number };
	/** Whether this key's server sends X-RateLimit-Remaining at all. */
	serverCounts: boolean;
	/** Whether any request on the key was answered (or failed) yet. */
	heard: boolean;
	/**
	 * The server's limit as this key keeps to it, where the server does not count on every answer:
	 * learned from its refusals, or told without a reset. A window of its own, beside the budget's.
	 */
	learned?: Budget;
	/** Requests the server took since its last refusal: what it takes of ours in a window. */
	takenSinceRefusal: number;
	/** Refusals with none taken in between: the backoff when the server tells no Retry-After. */
	refusalsInARow: number;
	/**
	 * A server that says nothing of its limit is asked one request at a time, until it refuses one
	 * (and so shows its limit) or has taken a budget's worth in a row.
	 */
	probe: { done: boolean; taken: number };
	/** Every request the server took on this key: whether the key moves on while an item waits. */
	takenInAll: number;
	/** When a pump is already due. */
	wakeAt?: number;
}

/** What one answer said about the key's budget. */
export interface Answer {
	status: number;
	headers: Record<string, unknown>;
}

/**
 * How much later than the server's reset a request leaves: the reset it tells is the end of its
 * own window, whatever ours, and a clock ahead of the server's costs one refused request, which then
 * waits its Retry-After.
 */
export const RESET_MARGIN_MS = 100;

/** The longest a 429 without Retry-After holds the key, however often the server refuses. */
const MAX_BACKOFF_MS = 60_000;

/**
 * How much later than the window's end a request leaves: the server counts a request when it
 * arrives, and arrivals jitter by a few milliseconds.
 */
export function windowMargin(windowMs: number): number {
	return Math.min(1000, Math.max(30, windowMs * 0.03));
}

/**
 * A window limiter per key (one credential, one kind of request), shared by every execution in
 * the n8n process. Up to R requests in any window of W leave at once; the next leaves when the
 * oldest has left the window, plus a margin. As no W-long stretch ever holds more than R
 * departures, a server counting in fixed windows and one counting in rolling windows both accept
 * them. It also listens to the server, whose headers count what other processes spend on the key.
 */
export class WindowLimiter {
	private readonly keys = new Map<string, KeyState>();

	constructor(private readonly maxIdleKeys = 10_000) {}

	/**
	 * Waits until a request on `key` may leave, and tells how many milliseconds it waited, in the order asked (`first` puts a retried request
	 * ahead of those that never left). Resolves with `undefined` when `signal` aborts first, and
	 * gives the slot back.
	 */
	async acquire(
		key: string,
		budget: Budget,
		{
			signal,
			first = false,
			listens = true,
		}: { signal?: AbortSignal; first?: boolean; listens?: boolean } = {},
	): Promise<number | undefined> {
		if (signal?.aborted) return undefined;
		const state = this.state(key, budget, listens);
		return await new Promise<number | undefined>((resolve) => {
			const waiter: Waiter = { resolve, signal, queuedAt: Date.now(), retry: first };
			if (signal) this.abandonOnAbort(signal, key, state, waiter);
			const firstNew = state.waiting.findIndex((other) => !other.retry);
			if (first && firstNew !== -1) state.waiting.splice(firstNew, 0, waiter);
			else state.waiting.push(waiter);
			this.pump(key, state);
		});
	}

	private readonly waitersBySignal = new WeakMap<
		AbortSignal,
		Array<{ key: string; state: KeyState; waiter: Waiter }>
	>();

	// one listener per signal (a node run's), however many of its items wait
	private abandonOnAbort(signal: AbortSignal, key: string, state: KeyState, waiter: Waiter): void {
		let waiters = this.waitersBySignal.get(signal);
		if (!waiters) {
			const list: Array<{ key: string; state: KeyState; waiter: Waiter }> = [];
			waiters = list;
			this.waitersBySignal.set(signal, list);
			signal.addEventListener(
				'abort',
				() => {
					for (const entry of list.splice(0)) {
						const index = entry.state.waiting.indexOf(entry.waiter);
						if (index === -1) continue;
						entry.state.waiting.splice(index, 1);
						entry.waiter.resolve(undefined);
						this.pump(entry.key, entry.state);
					}
				},
				{ once: true },
			);
		}
		waiters.push({ key, state, waiter });
	}

	/**
	 * Called with every answer to a request that `acquire` let go, success or failure (`undefined`
	 * for none: a dropped connection, a timeout). Learns from what the answer says of the key's
	 * budget, and after a 429 holds the key for its `Retry-After`; returns how many milliseconds that
	 * 429 added to the key's hold (0 when another item's 429 had already held it as long).
	 */
	answered(key: string, answer: Answer | undefined): number {
		const state = this.keys.get(key);
		if (!state) return 0;
		const now = Date.now();
		state.heard = true;
		state.inFlight = Math.max(0, state.inFlight - 1);
		// which request this answers does not matter: each one in flight counts as arriving now
		const departure = state.departures.find((candidate) => !candidate.answered);
		const taken = answer !== undefined && answer.status !== 429;
		if (departure) Object.assign(departure, { at: now, answered: true, taken });
		let added = 0;
		if (answer?.status === 429) added = this.refused(state, answer.headers, now);
		else if (answer) this.taken(state, answer.headers, now);
		this.pump(key, state);
		return added;
	}

	/** An answer the server counted as taken: what its headers say of the budget, if anything. */
	private taken(state: KeyState, headers: Record<string, unknown>, now: number): void {
		state.takenInAll++;
		state.takenSinceRefusal++;
		state.refusalsInARow = 0;
		// an answer that does not count (a proxy's, a server's that stopped) ends what we knew
		state.serverCounts = numberHeader(headers, 'x-ratelimit-remaining') !== undefined;
		if (state.serverCounts) {
			state.probe.done = true;
			this.count(state, headers, now);
			return;
		}
		state.serverRemaining = undefined;
		state.serverResetAt = undefined;
		state.serverLimit = undefined;
		if (!state.probe.done && ++state.probe.taken >= state.budget.requests) state.probe.done = true;
	}

	/**
	 * A 429: the key waits for its Retry-After, or, where it tells none, for a backoff that doubles
	 * while the server keeps refusing; the other requests it refuses meanwhile add to that wait only
	 * what their own Retry-After says. A server that counts on every answer has said what is left;
	 * one that does not shows its limit now, and the key keeps to it from then on.
	 */
	private refused(state: KeyState, headers: Record<string, unknown>, now: number): number {
		const retryAfter = retryAfterMs(headers, now);
		// refused while the key is held: one of the requests that left with the one refused first
		if (state.heldUntil > now) return this.hold(state, now + (retryAfter ?? 0));
		state.refusalsInARow++;
		const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (state.refusalsInARow - 1));
		const added = this.hold(state, now + (retryAfter ?? backoff));
		if (state.serverCounts) this.count(state, headers, now);
		else this.learn(state, numberHeader(headers, 'x-ratelimit-limit'), retryAfter, now);
		state.takenSinceRefusal = 0;
		state.probe.done = true;
		return added;
	}

	/**
	 * What a refusal shows of the server's window, where it does not count on every answer. Its
	 * requests: the limit it tells, or as many as it took of ours before refusing (fewer, where
	 * others spend on the key: the share left to us). Its length: the budget's own rate in bursts of
	 * those requests, or, where the server tells when a request may come again, the time from the
	 * oldest of them to then, whichever is longer. Refused while keeping to what it had learned, the
	 * key waits a quarter longer each window.
	 */
	private learn(
		state: KeyState,
		toldLimit: number | undefined,
		retryAfter: number | undefined,
		now: number,
	): void {
		const before = state.learned;
		const takenInWindow = before
			? state.departures.filter(({ taken, at }) => taken && at > now - before.windowMs).length
			: state.takenSinceRefusal;
		const requests = Math.max(
			1,
			Math.min(toldLimit ?? Infinity, takenInWindow || Infinity, before?.requests ?? Infinity),
		);
		if (requests === Infinity) return;
		const { budget } = state;
		const lengths = [budget.requests > 0 ? (budget.windowMs * requests) / budget.requests : 0];
		const takenTimes = state.departures
			.filter((departure) => departure.taken)
			.map(({ at }) => at)
			.sort((a, b) => b - a);
		if (retryAfter !== undefined && takenTimes.length >= requests)
			lengths.push(now + retryAfter - takenTimes[requests - 1]);
		let windowMs = Math.max(before?.windowMs ?? 0, ...lengths);
		if (before && requests >= before.requests && windowMs <= before.windowMs)
			windowMs = before.windowMs * 1.25;
		if (windowMs <= 0) windowMs = retryAfter ?? budget.windowMs;
		state.learned = { requests, windowMs };
	}

	/** What a counting server's headers say: what is left, until when, and of which limit. */
	private count(state: KeyState, headers: Record<string, unknown>, now: number): void {
		const remaining = numberHeader(headers, 'x-ratelimit-remaining');
		if (remaining === undefined) return;
		const reset = numberHeader(headers, 'x-ratelimit-reset');
		const resetAt = reset !== undefined ? resetTime(reset, now) : undefined;
		state.serverTellsReset = resetAt !== undefined;
		state.serverSaidAt = now;
		// the other requests still in flight may not have been counted yet
		const estimate = remaining - state.inFlight;
		const stale =
			resetAt !== undefined && state.serverResetAt !== undefined && resetAt < state.serverResetAt;
		if (stale) return;
		// less left than our own requests explain: someone else spends on this key too
		if (
			state.serverRemaining !== undefined &&
			resetAt === state.serverResetAt &&
			estimate < state.serverRemaining
		)
			state.othersSpend = true;
		// the latest answer knows best: a new window may have begun under the same reset second
		state.serverRemaining = estimate;
		state.serverResetAt = resetAt;
		state.serverLimit = numberHeader(headers, 'x-ratelimit-limit');
		const { requests, windowMs } = state.budget;
		// a lower limit told without its reset: the budget's rate, in bursts no larger than it
		if (!state.serverTellsReset && state.serverLimit !== undefined && requests > 0) {
			const limit = Math.max(1, state.serverLimit);
			state.learned =
				limit < requests ? { requests: limit, windowMs: (windowMs * limit) / requests } : undefined;
		}
		// our window stands for the server's only where it is no larger than the server's
		state.spentByUs =
			requests > 0 &&
			requests <= (state.serverLimit ?? requests) &&
			this.ownInWindow(state, now) >= (state.serverLimit ?? requests);
	}

	/** Keys remembered: those with requests waiting, in flight, or departures still in a window. */
	get size(): number {
		return this.keys.size;
	}

	/** How many requests wait on `key`. */
	waitingOn(key: string): number {
		return this.keys.get(key)?.waiting.length ?? 0;
	}

	/** How many requests the server took on `key` in all: it moves on while that grows. */
	takenOn(key: string): number {
		return this.keys.get(key)?.takenInAll ?? 0;
	}

	/** Until when nothing leaves on `key` (a 429's Retry-After); 0 when it is not held. */
	heldUntil(key: string): number {
		return this.keys.get(key)?.heldUntil ?? 0;
	}

	private hold(state: KeyState, until: number): number {
		const added = Math.max(0, until - Math.max(state.heldUntil, Date.now()));
		state.heldUntil = Math.max(state.heldUntil, until);
		return added;
	}

	private ownInWindow(state: KeyState, now: number): number {
		return state.departures.filter(({ at }) => at > now - state.budget.windowMs).length;
	}

	private state(key: string, budget: Budget, listens: boolean): KeyState {
		let state = this.keys.get(key);
		if (!state) {
			this.forgetIdleKeys();
			state = {
				budget,
				listens,
				departures: [],
				waiting: [],
				heldUntil: 0,
				inFlight: 0,
				round: { allowed: 0, sent: 0 },
				spentByUs: false,
				othersSpend: false,
				serverCounts: false,
				serverTellsReset: false,
				heard: false,
				takenSinceRefusal: 0,
				refusalsInARow: 0,
				probe: { done: !listens || budget.requests <= 0, taken: 0 },
				takenInAll: 0,
			};
			this.keys.set(key, state);
		}
		// one budget per key: while it is in use, the lowest asked for it holds
		state.budget = this.isIdle(state, Date.now()) ? budget : lowerBudget(state.budget, budget);
		return state;
	}

	/**
	 * When `window` lets the next request leave: at once while it holds fewer than its requests;
	 * else when the oldest it counts has left it, plus the margin. A request in flight may arrive any
	 * moment, so it counts as arriving now; an answered one, as arriving when it was answered.
	 */
	private windowFrees(state: KeyState, window: Budget, now: number): number {
		const { requests, windowMs } = window;
		if (requests <= 0 || state.departures.length < requests) return now;
		const counted = state.departures
			.map((departure) => (departure.answered ? departure.at : Math.max(departure.at, now)))
			.sort((a, b) => b - a);
		return counted[requests - 1] + windowMs + windowMargin(windowMs);
	}

	/** The earliest time the next request on the key may leave; `Infinity` until an answer comes. */
	private nextDeparture(state: KeyState, now: number): number {
		// a key never answered: its first request learns whether and how the server counts, so
		// that a burst does not leave before the server could say its budget is lower
		if (state.listens && !state.heard && state.inFlight > 0) return Infinity;
		const { windowMs } = state.budget;
		if (state.serverResetAt !== undefined && now >= state.serverResetAt) {
			state.serverRemaining = undefined;
			state.serverResetAt = undefined;
		}
		// a server that tells no reset has renewed its whole window since it last said anything
		if (
			!state.serverTellsReset &&
			state.serverSaidAt !== undefined &&
			now - state.serverSaidAt >= windowMs
		) {
			state.serverRemaining = undefined;
			state.serverLimit = undefined;
			state.serverSaidAt = undefined;
		}
		let at = Math.max(now, state.heldUntil, this.windowFrees(state, state.budget, now));
		if (state.learned) at = Math.max(at, this.windowFrees(state, state.learned, now));
		const remaining = state.serverRemaining;
		// when others spend on the key too, the last request of a window is left to them: sending
		// it would race them for it
		const reserve = state.othersSpend ? 1 : 0;
		if (remaining !== undefined && remaining <= reserve) {
			// our own requests spent it: the window above already waits for the right moment, and a
			// reset in whole seconds would wait longer; spent by others: wait for the reset
			if (state.serverResetAt !== undefined && !state.spentByUs)
				at = Math.max(at, state.serverResetAt + RESET_MARGIN_MS);
			// then one request at a time asks the server what is left
			else if (state.inFlight > 0) return Infinity;
		} else if (remaining !== undefined) {
			// half of what is left a round, so that other processes spending the same budget from the
			// same figure do not overrun it together; an answer that comes while others of the round
			// are in flight has not counted them, nor what other processes have in flight
			if (state.inFlight > 0 && state.round.sent >= state.round.allowed) return Infinity;
		} else if (state.serverCounts && state.inFlight > 0) {
			// a new window on a server that counts: one request learns what is left of it first
			return Infinity;
		} else if (!state.probe.done && state.inFlight > 0) {
			// a server that says nothing of its limit: one request at a time until it shows it
			return Infinity;
		}
		return at;
	}

	private pump(key: string, state: KeyState): void {
		while (state.waiting.length > 0) {
			const now = Date.now();
			const at = this.nextDeparture(state, now);
			if (at === Infinity) return;
			if (at > now) {
				if (state.wakeAt === undefined || state.wakeAt <= now || state.wakeAt > at) {
					state.wakeAt = at;
					void sleep(at - now).then(() => {
						if (state.wakeAt === at) state.wakeAt = undefined;
						this.pump(key, state);
					});
				}
				return;
			}
			const waiter = state.waiting.shift()!;
			state.departures.push({ at: now, answered: false, taken: false });
			this.forgetOldDepartures(state, now);
			if (state.inFlight === 0)
				state.round = {
					allowed: Math.max(
						1,
						Math.floor((state.serverRemaining ?? 0) / (state.othersSpend ? 4 : 2)),
					),
					sent: 0,
				};
			state.round.sent++;
			state.inFlight++;
			if (state.serverRemaining !== undefined) state.serverRemaining--;
			waiter.resolve(now - waiter.queuedAt);
		}
	}

	/** Keeps those in flight, and the newest answered ones that a window may still count. */
	private forgetOldDepartures(state: KeyState, now: number): void {
		const windowMs = Math.max(state.budget.windowMs, state.learned?.windowMs ?? 0);
		const keep = Math.max(1, state.budget.requests, state.learned?.requests ?? 0);
		const answered = state.departures.filter((departure) => departure.answered);
		const drop = new Set(
			answered
				.sort((a, b) => b.at - a.at)
				.filter((departure, index) => index >= keep || departure.at + windowMs * 2 < now),
		);
		if (drop.size > 0) state.departures = state.departures.filter((d) => !drop.has(d));
	}

	private isIdle(state: KeyState, now: number): boolean {
		const last = Math.max(0, ...state.departures.map(({ at }) => at));
		return (
			state.waiting.length === 0 &&
			state.inFlight === 0 &&
			state.heldUntil <= now &&
			last + state.budget.windowMs + windowMargin(state.budget.windowMs) <= now &&
			(state.serverResetAt === undefined || state.serverResetAt <= now)
		);
	}

	// an idle key behaves exactly like a key never seen, so forgetting it is safe; keys with
	// requests waiting or in flight are kept, which bounds the map by what is actually in use
	private forgetIdleKeys(): void {
		if (this.keys.size < this.maxIdleKeys) return;
		const now = Date.now();
		for (const [key, state] of this.keys) if (this.isIdle(state, now)) this.keys.delete(key);
	}
}

/** The lower of two budgets, by their rate; 0 requests is no limit. */
function lowerBudget(current: Budget, asked: Budget): Budget {
	if (current.requests <= 0) return asked;
	if (asked.requests <= 0) return current;
	return asked.requests / asked.windowMs < current.requests / current.windowMs ? asked : current;
}

export const windowLimiter = new WindowLimiter();
