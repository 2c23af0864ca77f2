import type { Failure } from '../limiter/retryPolicy';
import { failureOfError } from '../answers/apiErrors';
import { errorCodes } from '../answers/errorCodes';

const UNAVAILABLE_STATUSES = ['502', '503', '504'];
const RESET_CODES = ['ECONNRESET', 'EPIPE'];

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
