import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../input/values';

// the most of an answer's own words that a message or description shows
export const MAX_TEXT = 300;
const MAX_FIELDS = 10;
const MAX_MESSAGES_PER_FIELD = 5;

export function bounded(text: string, max = MAX_TEXT): string {
	return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * The API's own words for a failure, from any of the three vendors' error shapes. Only the top
 * level of the body is read and every text is cut short, whatever the size or depth of the answer.
 */
export function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.slice(0, MAX_TEXT * 2).trim();
		return text === '' || text.startsWith('<') ? undefined : bounded(text);
	}
	if (!isObject(body)) return undefined;

	const main = [body.message, body.error, body.detail].find(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	// Qyvo nests field errors under `errors`; CallAidan's undocumented errors may be a bare
	// `{ field: [messages] }` map, as the framework its trailing slashes suggest answers
	const fieldMap = isObject(body.errors) ? body.errors : isFieldErrorMap(body) ? body : undefined;
	const fieldErrors = fieldMap
		? Object.keys(fieldMap)
				.slice(0, MAX_FIELDS)
				.map((field) => {
					const text = ([] as unknown[])
						.concat(fieldMap[field])
						.slice(0, MAX_MESSAGES_PER_FIELD)
						.map((message) => (typeof message === 'string' ? bounded(message, 100) : ''))
						.join(' ');
					return field === 'non_field_errors' ? text : `${bounded(field, 60)}: ${text}`;
				})
				.join('; ')
		: '';
	const mainText = main === undefined ? undefined : bounded(main.slice(0, MAX_TEXT * 2).trim());
	if (mainText && fieldErrors) return bounded(`${mainText} (${fieldErrors})`, MAX_TEXT * 2);
	return mainText ?? (fieldErrors ? bounded(fieldErrors, MAX_TEXT * 2) : undefined);
}

function isFieldErrorMap(body: IDataObject): boolean {
	const values = Object.values(body);
	return (
		values.length > 0 &&
		values.length <= 1000 &&
		values.every(
			(value) =>
				Array.isArray(value) &&
				value.length > 0 &&
				value.length <= 1000 &&
				value.every((message) => typeof message === 'string'),
		)
	);
}
