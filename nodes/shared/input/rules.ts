import type { IDataObject } from 'n8n-workflow';

import { InputError } from './refusal';
import { quote } from './values';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

export function assertUuid(value: unknown, field: string): string {
	if (typeof value !== 'string' || !UUID.test(value.trim())) {
		throw new InputError(
			`${field} ${quote(value)} is not a valid ID`,
			`${field} takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.`,
		);
	}
	return value.trim();
}

/** For APIs whose docs say UUID while their examples show 26-character ULIDs. */
export function assertUuidOrUlid(value: unknown, field: string, what = "the contact's ID"): string {
	const id = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(id) && !ULID.test(id)) {
		throw new InputError(
			`${field} ${quote(value)} is not a valid ID`,
			`${field} takes ${what}: a UUID like 550e8400-e29b-41d4-a716-446655440000, or a 26-character ID like 01J1Y8Z6K3M4N5P6Q7R8S9T0VW.`,
		);
	}
	return id;
}

/** What a value is, for a message that refuses it: `null`, `true`, `a list (["a","b"])`, ... */
function kindOf(value: unknown): string {
	if (value === undefined) return 'no value';
	if (value === null || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list (${quote(value)})`;
	if (typeof value === 'object') return `an object (${quote(value)})`;
	return quote(value);
}

/**
 * The value of a text field: text, or a number from an expression written as text. Anything else
 * (null, true, a list, an object) would reach the API as `"null"`, `"true"`, `"a,b"` or
 * `"[object Object]"`, so it is refused.
 */
export function assertText(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InputError(
		`${field} must be text, not ${kindOf(value)}`,
		`Enter text for ${field}, or use an expression that returns text.`,
	);
}

/** Every text field present in the body, by body key and field name, checked by `assertText`. */
export function assertTextFields(body: IDataObject, fieldsByKey: Record<string, string>): void {
	for (const [key, field] of Object.entries(fieldsByKey)) {
		if (key in body) body[key] = assertText(body[key], field);
	}
}

export function assertMaxLength(value: unknown, field: string, max: number): string {
	const text = assertText(value, field);
	if (text.length > max) {
		throw new InputError(
			`${field} is ${text.length} characters long; the most is ${max}`,
			`Shorten ${field} to ${max} characters or fewer.`,
		);
	}
	return text;
}

export function assertNotEmpty(value: unknown, field: string): void {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new InputError(
			`${field} is empty`,
			`Enter a value for ${field}, or remove the field to leave it unchanged.`,
		);
	}
}

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone !== '';
	} catch {
		return false;
	}
}

export function assertTimeZone(value: unknown, field: string): string {
	const zone = typeof value === 'string' ? value.trim() : '';
	if (!isTimeZone(zone)) {
		throw new InputError(
			`${field} ${quote(value)} is not an IANA time zone`,
			'Pick a zone from the list, or use a name like America/New_York or Europe/Madrid.',
		);
	}
	return zone;
}

export function assertAnyField(
	body: IDataObject,
	fieldsByKey: Record<string, string>,
	operation: string,
): void {
	// presence is what counts: an empty email or a false flag is a change the user asked for
	if (Object.keys(fieldsByKey).some((key) => body[key] !== undefined)) return;
	const names = Object.values(fieldsByKey);
	const list =
		names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
	throw new InputError(
		`${operation} needs at least one field to update`,
		`Add ${list} under Update Fields.`,
	);
}

/** An email address, or `""`, which the APIs read as "clear the email". */
export function assertEmailOrEmpty(value: unknown, field: string): string {
	const email = typeof value === 'string' ? value.trim() : value;
	if (email === '') return '';
	if (typeof email !== 'string' || !EMAIL.test(email)) {
		throw new InputError(
			`${field} ${quote(value)} is not an email address`,
			`Write it like name@example.com, or leave ${field} empty to clear it.`,
		);
	}
	return email;
}

/** Text that may not be empty, trimmed. */
export function assertRequiredText(value: unknown, field: string): string {
	const text = assertText(value ?? '', field).trim();
	if (text === '') throw new InputError(`${field} is empty`, `Enter a value for ${field}.`);
	return text;
}

/** An email address that may not be empty, trimmed. */
export function assertEmail(value: unknown, field: string): string {
	const email = assertRequiredText(value, field);
	if (!EMAIL.test(email)) {
		throw new InputError(
			`${field} ${quote(value)} is not an email address`,
			'Write it like name@example.com.',
		);
	}
	return email;
}
