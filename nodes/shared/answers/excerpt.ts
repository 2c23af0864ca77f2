import type { IDataObject } from 'n8n-workflow';

import { bounded } from './apiMessage';
import { redact } from './secrets';

const COPY_DEPTH = 3;
const COPY_ENTRIES = 20;

/**
 * A small copy of an answer body for what n8n keeps with an error (`errorResponse`), which n8n
 * also searches for a message: a few levels and entries, each text cut short and without secrets.
 * The answer itself may be megabytes large or thousands of levels deep.
 */
export function answerExcerpt(body: unknown, secrets: readonly string[], depth = 0): unknown {
	if (typeof body === 'string') return redact(bounded(body), secrets);
	if (typeof body !== 'object' || body === null) return body;
	if (depth >= COPY_DEPTH) return Array.isArray(body) ? '[...]' : '{...}';
	if (Array.isArray(body)) {
		return body.slice(0, COPY_ENTRIES).map((value) => answerExcerpt(value, secrets, depth + 1));
	}
	const copy: IDataObject = {};
	let entries = 0;
	for (const key in body) {
		if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
		if (++entries > COPY_ENTRIES) break;
		copy[redact(bounded(key, 60), secrets)] = answerExcerpt(
			(body as IDataObject)[key],
			secrets,
			depth + 1,
		) as IDataObject[string];
	}
	return copy;
}

/** An answer as a short line of text, for a message that shows what came back. */
export function answerPreview(body: unknown, secrets: readonly string[]): string {
	if (body === undefined || body === '') return 'empty';
	const text = typeof body === 'string' ? body : JSON.stringify(answerExcerpt(body, secrets));
	return redact(bounded(text, 120), secrets);
}
