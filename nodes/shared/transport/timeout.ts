/** The error of a request that outlived its whole timeout; `ECONNABORTED` as axios names it. */
export class RequestTimeoutError extends Error {
	readonly code = 'ECONNABORTED';

	constructor(timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'RequestTimeoutError';
	}
}

/**
 * Bounds a whole request by its timeout. The HTTP client's own timeout only counts the time a
 * connection stays idle, so an answer that trickles in a byte at a time would never reach it.
 */
export async function withinTimeout<T>(request: Promise<T>, timeoutMs: unknown): Promise<T> {
	if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return await request;
	// AbortSignal.timeout's timer does not keep the process alive once the request is done
	const deadline = AbortSignal.timeout(timeoutMs);
	const expired = new Promise<never>((_resolve, reject) => {
		deadline.addEventListener('abort', () => reject(new RequestTimeoutError(timeoutMs)), {
			once: true,
		});
	});
	return await Promise.race([request, expired]);
}
