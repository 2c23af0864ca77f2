import type { Failure } from '../limiter/retryPolicy';
import { failureOfError } from '../answers/apiErrors';

const UNAVAILABLE_STATUSES = ['502', '503', '504'];
const RESET_CODES = ['ECONNRESET', 'EPIPE'];

// n8n also puts codes like ECONNRESET in httpCode
export function isHttpStatus(code: string | null | undefined): code is string {
	return typeof code === 'string' && /^\d{3}$/.test(code);
}

/** The error codes of an error and of the errors it wraps (n8n wraps the HTTP client's). */
export function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	for (
		let cause = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
		cause && depth < 4;
		depth++
	) {
		if (typeof cause.code === 'string') codes.push(cause.code);
		cause = cause.cause as typeof cause;
	}
	return codes;
}

/** A failure worth another try: a 429, a gateway's 502/503/504, a reset connection. */
export function classifyFailure(error: unknown): Failure | undefined {
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (httpCode === '429') {
		const failure = failureOfError(error);
		const retryAfterMs =
			failure && 'retryAfterMs' in failure
				? (failure.retryAfterMs as number | undefined)
				: undefined;
		return { kind: 'rateLimited', retryAfterMs };
	}
	if (typeof httpCode === 'string' && UNAVAILABLE_STATUSES.includes(httpCode))
		return { kind: 'unavailable' };
	if (errorCodes(error).some((code) => RESET_CODES.includes(code))) return { kind: 'unavailable' };
	return undefined;
}
