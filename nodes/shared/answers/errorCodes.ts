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
