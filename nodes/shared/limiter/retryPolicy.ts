export interface RetryPolicy {
	/** Tries of a request answered 429, the first included. */
	rateLimitedTries: number;
	/** Tries of a request answered 502, 503 or 504, or whose connection was reset. */
	unavailableTries: number;
	/** First backoff for an unavailable server; it doubles each time, with jitter. */
	backoffMs: number;
	/** The longest wait before one retry. */
	maxWaitMs: number;
	/** The window the per-minute budgets count in: 60 s; tests compress it. */
	rateWindowMs: number;
	/** The most one node run waits in all on a key held by 429 answers; the rest then fail. */
	runRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	rateLimitedTries: 6,
	unavailableTries: 4,
	backoffMs: 1000,
	maxWaitMs: 120_000,
	rateWindowMs: 60_000,
	runRateLimitWaitMs: 180_000,
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
