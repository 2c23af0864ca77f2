import type { IDataObject } from 'n8n-workflow';

/** A plain object: not null, not a list. */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as it appears in an error message: text quoted, anything else as JSON, long ones cut. */
export function quote(value: unknown): string {
	if (value === undefined || value === null) return 'an empty value';
	const text = typeof value === 'string' ? `"${value}"` : asText(value);
	return text.length > 62 ? `${text.slice(0, 59)}...` : text;
}

/** Any value as text, without calling a `toString` it may have. */
export function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	try {
		return JSON.stringify(value) ?? typeof value;
	} catch {
		return typeof value;
	}
}
