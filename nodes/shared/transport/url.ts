export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A Base URL as one spelling, so that a key has one rate budget however its Base URL is written:
 * case, a trailing slash, a default port, `localhost` or `127.0.0.1`, and a `user:password@` part
 * make no difference.
 */
export function normalizedBaseUrl(baseUrl: string): string {
	let url: URL;
	try {
		url = new URL(baseUrl.trim());
	} catch {
		return baseUrl.trim().replace(/\/+$/, '').toLowerCase();
	}
	const hostname = LOOPBACK_NAMES.includes(url.hostname) ? 'localhost' : url.hostname;
	const port = url.port === '' ? '' : `:${url.port}`;
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${hostname}${port}${path}`;
}

/** The host name of a URL as n8n's domain lists compare it: lower case, no trailing dot. */
export function hostnameOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.toLowerCase().replace(/\.$/, '') || undefined;
	} catch {
		return undefined;
	}
}

/** The host (and port) of a URL, for messages: never its path, user or password. */
export function hostOf(url: string, base?: string): string {
	try {
		return new URL(url, base).host || 'an address with no host';
	} catch {
		return 'an address that is not a URL';
	}
}

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
