import { createHash } from 'crypto';

/**
 * Spaces the requests that share a key (one credential, one kind of request): each request takes
 * the next free slot, one interval after the one before. One instance serves every execution in
 * the n8n process, so two nodes or two workflows on one API key share that key's budget.
 */
interface KeyState {
	nextFreeSlot: number;
	/** When the last request on the key actually left. */
	lastDeparture: number;
	/** All the pauses after 429 answers so far: a waiting request adds those that came after it. */
	paused: number;
}

export interface Ticket {
	key: string;
	waitMs: number;
	pausedAtReserve: number;
}

export class RequestSpacer {
	private readonly keys = new Map<string, KeyState>();

	constructor(
		private readonly maxIdleKeys = 1000,
		private readonly now: () => number = Date.now,
	) {}

	/** Reserves the next slot for `key`; the ticket says how many milliseconds to wait for it. */
	reserve(key: string, intervalMs: number): Ticket {
		const now = this.now();
		const state = this.keys.get(key) ?? { nextFreeSlot: now, lastDeparture: 0, paused: 0 };
		const slot = Math.max(now, state.nextFreeSlot);
		state.nextFreeSlot = slot + intervalMs;
		this.keys.set(key, state);
		this.forgetIdleKeys(now);
		return { key, waitMs: slot - now, pausedAtReserve: state.paused };
	}

	/**
	 * Called when a request is about to leave: how much longer it must wait so that it leaves at
	 * least one interval after the request before it did. Slots are planned ahead; this keeps the
	 * spacing when a request leaves late (the first of a run often does) and the next one would
	 * otherwise follow it too closely.
	 */
	depart(key: string, intervalMs: number): number {
		const now = this.now();
		const state = this.keys.get(key);
		if (!state) return 0;
		const wait = Math.max(0, state.lastDeparture + intervalMs - now);
		state.lastDeparture = now + wait;
		state.nextFreeSlot = Math.max(state.nextFreeSlot, state.lastDeparture + intervalMs);
		return wait;
	}

	/** How much longer a ticket's holder must wait because of pauses since it reserved. */
	pausedSince(ticket: Ticket): number {
		const paused = this.keys.get(ticket.key)?.paused ?? ticket.pausedAtReserve;
		return paused - ticket.pausedAtReserve;
	}

	/**
	 * After a 429, nothing more is sent on `key` until `until`: every request already waiting is
	 * moved back by the same pause, so that they keep their order and spacing.
	 */
	pauseUntil(key: string, until: number): void {
		const now = this.now();
		const state = this.keys.get(key) ?? { nextFreeSlot: now, lastDeparture: 0, paused: 0 };
		const pause = Math.max(0, until - Math.max(now, this.lastPauseEnd.get(key) ?? 0));
		if (pause === 0) return;
		state.paused += pause;
		state.nextFreeSlot = Math.max(state.nextFreeSlot, now) + pause;
		this.lastPauseEnd.set(key, until);
		this.keys.set(key, state);
	}

	get size(): number {
		return this.keys.size;
	}

	private readonly lastPauseEnd = new Map<string, number>();

	// a key whose next slot has passed behaves exactly like a key never seen, so forgetting it is
	// safe; only keys with requests still waiting are kept, which bounds the map
	private forgetIdleKeys(now: number): void {
		if (this.keys.size <= this.maxIdleKeys) return;
		for (const [key, state] of this.keys) {
			if (state.nextFreeSlot <= now) {
				this.keys.delete(key);
				this.lastPauseEnd.delete(key);
			}
		}
	}
}

export const requestSpacer = new RequestSpacer();

/** When the API said a 429 may be retried, for the errors `throwOnApiError` raised. */
export const retryAfterByError = new WeakMap<object, number | undefined>();

/** A limiter key that identifies a credential without keeping its secret in memory. */
export function limiterKey(service: string, kind: string, baseUrl: string, secret: string): string {
	const fingerprint = createHash('sha256').update(`${baseUrl}\n${secret}`).digest('hex');
	return `${service}:${kind}:${fingerprint.slice(0, 32)}`;
}

// requests go a little slower than the rate, so that the jitter of their arrival never puts one
// request too many into a server's window
const SAFETY_MARGIN = 1.03;

export function intervalForRate(requestsPerMinute: number): number {
	return requestsPerMinute > 0 ? (60_000 / requestsPerMinute) * SAFETY_MARGIN : 0;
}

/** When a 429 may be retried, from `Retry-After` (seconds or a date) or `X-RateLimit-Reset`. */
export function retryAfterMs(
	headers: Record<string, unknown>,
	now = Date.now(),
): number | undefined {
	const header = (name: string) => {
		const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
		const value = found === undefined ? undefined : headers[found];
		return Array.isArray(value)
			? String(value[0])
			: value === undefined
				? undefined
				: String(value);
	};
	const retryAfter = header('retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = Number(header('x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		// an epoch in seconds, or seconds from now: APIs use both
		return reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000;
	}
	return undefined;
}

export interface RetryPolicy {
	/** Tries of a request answered 429, the first included. */
	rateLimitedTries: number;
	/** Tries of a request answered 502, 503 or 504, or whose connection was reset. */
	unavailableTries: number;
	/** First backoff for an unavailable server; it doubles each time, with jitter. */
	backoffMs: number;
	/** The longest wait before one retry. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	rateLimitedTries: 6,
	unavailableTries: 4,
	backoffMs: 1000,
	maxWaitMs: 120_000,
};

export type Failure = { kind: 'rateLimited'; retryAfterMs?: number } | { kind: 'unavailable' };

/** How long to wait before try `tries + 1`, or `undefined` when no more tries are allowed. */
export function nextRetryDelay(
	failure: Failure,
	tries: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number | undefined {
	if (failure.kind === 'rateLimited') {
		if (tries >= policy.rateLimitedTries) return undefined;
		const wait = failure.retryAfterMs ?? policy.backoffMs * 2 ** (tries - 1);
		return Math.min(policy.maxWaitMs, wait);
	}
	if (tries >= policy.unavailableTries) return undefined;
	const backoff = policy.backoffMs * 2 ** (tries - 1);
	// full jitter on half the backoff, so that items failing together do not retry together
	return Math.min(policy.maxWaitMs, backoff / 2 + random() * (backoff / 2));
}
