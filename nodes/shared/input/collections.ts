import type { IDataObject } from 'n8n-workflow';

import { InputError } from './refusal';
import { asText, quote } from './values';

export interface NameValuePairs {
	values?: Array<{ name?: unknown; value?: unknown }>;
}

// names that JavaScript objects treat specially: a pair named so would be lost on the way
const RESERVED_NAMES = ['__proto__', 'constructor', 'prototype'];

/** A fixedCollection of name/value pairs as the one object the APIs take. */
export function nameValuePairsToObject(pairs: unknown, field: string): IDataObject {
	const rows = (pairs as NameValuePairs | undefined)?.values ?? [];
	if (!Array.isArray(rows) || rows.some((row) => typeof row !== 'object' || row === null)) {
		throw new InputError(
			`${field} must be a list of name/value pairs, not ${quote(pairs)}`,
			`Add pairs under ${field} with its Add button, or leave it out.`,
		);
	}
	const result: IDataObject = {};
	for (const [index, row] of rows.entries()) {
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		if (name === '') {
			throw new InputError(
				`${field} has a pair with no name (pair ${index + 1})`,
				`Give every pair under ${field} a name, or remove the empty pair.`,
			);
		}
		if (RESERVED_NAMES.includes(name)) {
			throw new InputError(
				`${field} cannot use the name ${quote(name)}`,
				`JavaScript objects treat ${name} specially, so the pair would be lost on the way: give it another name.`,
			);
		}
		if (row.value === undefined) {
			throw new InputError(
				`${field} ${quote(name)} has no value`,
				`Its value came out as undefined, often an expression naming a field the item does not have. Give it a value, or remove the pair.`,
			);
		}
		if (Object.prototype.hasOwnProperty.call(result, name)) {
			throw new InputError(
				`${field} has the name ${quote(name)} twice`,
				`Keep one pair per name under ${field}.`,
			);
		}
		result[name] = row.value as IDataObject[string];
	}
	return result;
}

/**
 * Name/value pairs for an API that replaces the whole object with them. An empty list would
 * remove every pair the record has, so it is refused unless the user turned on `clearAllField`;
 * with it on, the empty object is sent and no pair may be listed.
 */
export function replacingPairsToObject(
	pairs: unknown,
	field: string,
	clearAll: boolean,
	clearAllField: string,
): IDataObject {
	const result = pairs === undefined ? {} : nameValuePairsToObject(pairs, field);
	const count = Object.keys(result).length;
	if (clearAll && count > 0) {
		throw new InputError(
			`${clearAllField} is on, and ${field} lists ${count === 1 ? 'a pair' : `${count} pairs`}`,
			`Turn ${clearAllField} off to keep only the pairs listed, or remove ${field} to remove every pair.`,
		);
	}
	if (!clearAll && count === 0) {
		throw new InputError(
			`${field} has no pairs`,
			`Sending none would remove every one the contact has. Add pairs, remove ${field}, or add ${clearAllField} to remove them all on purpose.`,
		);
	}
	return result;
}

/**
 * Tags from a comma-separated string or an array (from an expression), trimmed, without empty
 * entries or repeats.
 */
export function parseTags(value: unknown, field: string): string[] {
	let entries: unknown[];
	if (typeof value === 'string') entries = value.split(',');
	else if (typeof value === 'number') entries = [value];
	else if (Array.isArray(value)) entries = value;
	else if (value === undefined || value === null) entries = [];
	else {
		throw new InputError(
			`${field} must be a comma-separated list or an array, not ${quote(value)}`,
			'Write tags like vip, newsletter or use an expression that returns an array of strings.',
		);
	}

	const tags: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw new InputError(
				`${field} has an entry that is not text: ${quote(entry)}`,
				'Each tag must be a string.',
			);
		}
		const tag = asText(entry).trim();
		if (tag !== '' && !tags.includes(tag)) tags.push(tag);
	}
	return tags;
}

/** Tags as one CSV string, for APIs that take them so: a tag may not itself hold a comma. */
export function tagsToCsv(tags: string[], field: string): string {
	const withComma = tags.find((tag) => tag.includes(','));
	if (withComma !== undefined) {
		throw new InputError(
			`${field} has the tag ${quote(withComma)}, which holds a comma`,
			'The API reads commas as separators between tags: remove the comma from the tag.',
		);
	}
	return tags.join(',');
}
