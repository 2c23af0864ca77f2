/**
 * The limiter this package had before 0.2 (kept for the benchmark's side-by-side rows only): it
 * spaced every request on a key evenly at the rate, one interval apart.
 */
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

// requests go a little slower than the rate, so that the jitter of their arrival never puts one
// request too many into a server's window
const SAFETY_MARGIN = 1.03;

export function intervalForRate(requestsPerMinute: number): number {
	return requestsPerMinute > 0 ? (60_000 / requestsPerMinute) * SAFETY_MARGIN : 0;
}
