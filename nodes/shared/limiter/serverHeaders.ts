/** A header's value, whatever its case; the first of a repeated header. */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
	const value = found === undefined ? undefined : headers[found];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

export function numberHeader(headers: Record<string, unknown>, name: string): number | undefined {
	const text = headerValue(headers, name);
	const value = text === undefined || text.trim() === '' ? NaN : Number(text);
	return Number.isFinite(value) ? value : undefined;
}

/** When a `X-RateLimit-Reset` value says the window resets: an epoch in seconds or seconds from now. */
export function resetTime(reset: number, now: number): number {
	return reset > 1e9 ? reset * 1000 : now + reset * 1000;
}

/** When a 429 may be retried, from `Retry-After` (seconds or a date) or `X-RateLimit-Reset`. */
export function retryAfterMs(
	headers: Record<string, unknown>,
	now = Date.now(),
): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = numberHeader(headers, 'x-ratelimit-reset');
	if (reset !== undefined && reset > 0) return Math.max(0, resetTime(reset, now) - now);
	return undefined;
}
