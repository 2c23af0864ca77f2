/**
 * What a server tells of its rate limit:
 * - `fullHeaders`: `X-RateLimit-Limit` and `-Remaining` on every answer, `-Reset` too on a fixed
 *   window (Guayaba's docs; Qyvo's rolling window tells no reset), `Retry-After` on a 429;
 * - `limitsOn429`: successes carry no rate headers; a 429 carries `Retry-After`,
 *   `X-RateLimit-Limit` and `X-RateLimit-Remaining: 0` (the server issue 23 tried);
 * - `retryAfterOnly`: no rate headers, a 429 with `Retry-After`;
 * - `silent`: no rate headers, and a 429 without `Retry-After` (nor a `retryAfter` in its body).
 */
export const SERVER_BEHAVIOURS = [
	'fullHeaders',
	'limitsOn429',
	'retryAfterOnly',
	'silent',
] as const;

export type ServerBehaviour = (typeof SERVER_BEHAVIOURS)[number];

export interface RateLimit {
	requests: number;
	windowMs: number;
	/**
	 * A rolling window (Qyvo's: no more than `requests` in any `windowMs`, no reset header) rather
	 * than a fixed one (Guayaba's, with `X-RateLimit-Reset` in Unix seconds; windows start at
	 * multiples of `windowMs` on the clock).
	 */
	rolling?: boolean;
	/** What the server tells of its limit; `fullHeaders` when not set. */
	says?: ServerBehaviour;
	/**
	 * A coarse server's `Retry-After`, always this many seconds. When not set, it is the time until
	 * the window frees a slot, rounded up to whole seconds.
	 */
	retryAfterSeconds?: number;
}

/** How the server answers one request: let through with these headers, or refused with a 429. */
export interface Verdict {
	accepted: boolean;
	headers: Record<string, string>;
	/** A refusal's Retry-After in seconds, when the server tells it. */
	retryAfterSeconds?: number;
}

/** A server's count of the requests it accepts on one budget, fixed or rolling. */
export class ServerRateLimit {
	private window = { start: 0, count: 0 };

	/** When the requests a rolling window accepted arrived. */
	private accepted: number[] = [];

	constructor(readonly limit: RateLimit) {}

	/** Counts a request arriving at `now` (ms since the epoch). */
	count(now: number): Verdict {
		const { accepted, remaining, resetAt, freeAt } = this.limit.rolling
			? this.rolling(now)
			: this.fixed(now);
		const says = this.limit.says ?? 'fullHeaders';
		const retryAfter = this.limit.retryAfterSeconds ?? Math.ceil((freeAt - now) / 1000);
		const limits = {
			'X-RateLimit-Limit': String(this.limit.requests),
			'X-RateLimit-Remaining': String(remaining),
			...(resetAt === undefined ? {} : { 'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)) }),
		};
		if (accepted) return { accepted, headers: says === 'fullHeaders' ? limits : {} };
		if (says === 'silent') return { accepted, headers: {} };
		const tells = { 'Retry-After': String(retryAfter) };
		if (says === 'retryAfterOnly')
			return { accepted, headers: tells, retryAfterSeconds: retryAfter };
		if (says === 'limitsOn429')
			return {
				accepted,
				headers: {
					'X-RateLimit-Limit': String(this.limit.requests),
					'X-RateLimit-Remaining': '0',
					...tells,
				},
				retryAfterSeconds: retryAfter,
			};
		return { accepted, headers: { ...limits, ...tells }, retryAfterSeconds: retryAfter };
	}

	// fixed windows follow one another on the clock (each starts at a multiple of windowMs), as a
	// server that counts per key and period does; the reset it tells is the current one's end
	private fixed(now: number) {
		const { requests, windowMs } = this.limit;
		if (now - this.window.start >= windowMs)
			this.window = { start: now - (now % windowMs), count: 0 };
		this.window.count++;
		const resetAt = this.window.start + windowMs;
		return {
			accepted: this.window.count <= requests,
			remaining: Math.max(0, requests - this.window.count),
			resetAt,
			freeAt: resetAt,
		};
	}

	private rolling(now: number) {
		const { requests, windowMs } = this.limit;
		this.accepted = this.accepted.filter((at) => at > now - windowMs);
		const accepted = this.accepted.length < requests;
		if (accepted) this.accepted.push(now);
		return {
			accepted,
			remaining: requests - this.accepted.length,
			resetAt: undefined,
			// the oldest request the window counts leaves it
			freeAt: this.accepted[0] + windowMs,
		};
	}
}
