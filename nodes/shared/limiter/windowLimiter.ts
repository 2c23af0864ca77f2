import { sleep } from 'n8n-workflow';

import { numberHeader, resetTime, retryAfterMs } from './serverHeaders';

/** Up to `requests` requests in any window of `windowMs`; `requests` 0 is no client-side limit. */
export interface Budget {
	requests: number;
	windowMs: number;
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
	departures: Array<{ at: number; answered: boolean }>;
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
	 * flight, so that the latest answer has counted all of them, and takes half of what is left.
	 */
	round: { allowed: number; sent: number };
	/** Whether this key's server sends X-RateLimit-Remaining at all. */
	serverCounts: boolean;
	/** Whether any request on the key was answered (or failed) yet. */
	heard: boolean;
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
	 * Called with every answer to a request that `acquire` let go, success or failure. Reads
	 * `X-RateLimit-Limit`, `-Remaining` and `-Reset`, and after a 429 holds the key for its
	 * `Retry-After`; returns how many milliseconds that 429 added to the key's hold (0 when another
	 * item's 429 had already held it as long).
	 */
	answered(key: string, answer: Answer | undefined): number {
		const state = this.keys.get(key);
		if (!state) return 0;
		const now = Date.now();
		let added = 0;
		state.heard = true;
		if (answer) {
			const remaining = numberHeader(answer.headers, 'x-ratelimit-remaining');
			// an answer that does not count (a proxy's, a server's that stopped) ends what we knew
			state.serverCounts = remaining !== undefined;
			if (remaining === undefined) {
				state.serverRemaining = undefined;
				state.serverResetAt = undefined;
				state.serverLimit = undefined;
			}
			if (remaining !== undefined) {
				const reset = numberHeader(answer.headers, 'x-ratelimit-reset');
				const resetAt = reset !== undefined ? resetTime(reset, now) : undefined;
				state.serverTellsReset = resetAt !== undefined;
				state.serverSaidAt = now;
				// the other requests still in flight may not have been counted yet
				const estimate = remaining - (state.inFlight - 1);
				const stale =
					resetAt !== undefined &&
					state.serverResetAt !== undefined &&
					resetAt < state.serverResetAt;
				if (!stale) {
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
					state.serverLimit = numberHeader(answer.headers, 'x-ratelimit-limit');
					const windowRequests = this.windowRequests(state);
					// our window stands for the server's only where it is no larger than the server's
					state.spentByUs =
						windowRequests > 0 &&
						windowRequests <= (state.serverLimit ?? windowRequests) &&
						this.ownInWindow(state, now) >= (state.serverLimit ?? windowRequests);
				}
			}
			if (answer.status === 429) {
				const wait = retryAfterMs(answer.headers, now) ?? 1000;
				added += this.hold(state, now + wait);
			}
		}
		state.inFlight = Math.max(0, state.inFlight - 1);
		// which request this answers does not matter: each one in flight counts as arriving now
		const inFlight = state.departures.find((departure) => !departure.answered);
		if (inFlight) Object.assign(inFlight, { at: now, answered: true });
		this.pump(key, state);
		return added;
	}

	/** Keys remembered: those with requests waiting, in flight, or departures still in a window. */
	get size(): number {
		return this.keys.size;
	}

	/** How many requests wait on `key`. */
	waitingOn(key: string): number {
		return this.keys.get(key)?.waiting.length ?? 0;
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

	/**
	 * R for this key: the budget's, or the server's own lower `X-RateLimit-Limit` when the server
	 * tells no reset (then its window is taken to be ours: the vendors' limits are per minute).
	 * Where the server tells its reset, the reset rules a lower limit instead. A budget of 0 (no
	 * client-side limit) keeps no window.
	 */
	private windowRequests(state: KeyState): number {
		const { requests } = state.budget;
		const serverLimit = state.serverLimit;
		if (requests <= 0 || serverLimit === undefined || serverLimit <= 0 || state.serverTellsReset)
			return requests;
		return Math.min(requests, serverLimit);
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
			};
			this.keys.set(key, state);
		}
		// one budget per key: while it is in use, the lowest asked for it holds
		state.budget = this.isIdle(state, Date.now()) ? budget : lowerBudget(state.budget, budget);
		return state;
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
		let at = Math.max(now, state.heldUntil);
		const requests = this.windowRequests(state);
		if (requests > 0 && state.departures.length >= requests) {
			// one still in flight may arrive any moment: it counts as arriving now
			const counted = state.departures
				.map((departure) => (departure.answered ? departure.at : Math.max(departure.at, now)))
				.sort((a, b) => b - a);
			at = Math.max(at, counted[requests - 1] + windowMs + windowMargin(windowMs));
		}
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
			state.departures.push({ at: now, answered: false });
			this.forgetOldDepartures(state, now);
			if (state.inFlight === 0)
				state.round = {
					allowed: Math.max(1, Math.floor((state.serverRemaining ?? 0) / 2)),
					sent: 0,
				};
			state.round.sent++;
			state.inFlight++;
			if (state.serverRemaining !== undefined) state.serverRemaining--;
			waiter.resolve(now - waiter.queuedAt);
		}
	}

	/** Keeps those in flight, and the newest R answered ones that a window may still count. */
	private forgetOldDepartures(state: KeyState, now: number): void {
		const { windowMs } = state.budget;
		const keep = Math.max(1, this.windowRequests(state));
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
