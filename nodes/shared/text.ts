/** A value as it appears in an error message: text quoted, anything else as JSON, long ones cut. */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	return text.length > 62 ? `${text.slice(0, 59)}...` : text;
}
