import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/examples.mobile.json';

import { nameValuePairsToObject, parseTags, tagsToCsv } from '../../nodes/shared/input/collections';
import { InputError } from '../../nodes/shared/input/refusal';
import { toE164 } from '../../nodes/shared/input/phone';
import {
	assertEmailOrEmpty,
	assertMaxLength,
	assertText,
	assertTimeZone,
	assertUuid,
	assertUuidOrUlid,
} from '../../nodes/shared/input/rules';

const E164 = /^\+[1-9]\d{1,14}$/;

/** Any text a workflow can hand a field: unicode, empty, blank, long, expression-looking. */
const anyText = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 50 }),
	fc.string({ unit: 'binary', maxLength: 50 }),
	fc.constantFrom(
		'',
		' ',
		'\t\n',
		'={{ $json.phone }}',
		'{{ }}',
		'+',
		'++1',
		'00',
		'null',
		'undefined',
	),
	fc.string({ minLength: 10_000, maxLength: 10_000 }),
	fc.stringMatching(/^\+?[\d ()\-.]{0,25}$/),
);

/**
 * Either a value, or our clear error: a message and a description, with no "undefined" or
 * "[object Object]" that the input itself did not hold.
 */
function valueOrClearError<T>(check: () => T, input?: unknown): { value?: T; error?: InputError } {
	try {
		return { value: check() };
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		const { message, description } = error as InputError;
		expect(message.length).toBeGreaterThan(0);
		expect(description.length).toBeGreaterThan(0);
		expect(message.length).toBeLessThan(200);
		const shown = `${message} ${description}`;
		const inputText = typeof input === 'string' ? input : (JSON.stringify(input) ?? '');
		if (!inputText.includes('undefined')) expect(shown).not.toContain('undefined');
		if (!inputText.includes('[object Object]')) expect(shown).not.toContain('[object Object]');
		return { error: error as InputError };
	}
}

describe('phone normalisation, over any input', () => {
	const countries = fc.constantFrom('', 'US', 'GB', 'ES', 'DE', 'IN', 'BR', 'xx', 'usa');

	it('never throws anything but our clear error, and never returns anything but E.164', () => {
		fc.assert(
			fc.property(fc.oneof(anyText, fc.anything()), countries, (value, country) => {
				const { value: result } = valueOrClearError(() => toE164(value, 'Phone', country), value);
				if (result !== undefined) expect(result).toMatch(E164);
			}),
			{ numRuns: 3000 },
		);
	});

	it('reads every country example number back to the same E.164, written nationally or internationally', () => {
		fc.assert(
			fc.property(fc.constantFrom(...getCountries()), (country) => {
				const example = getExampleNumber(country, examples);
				if (!example) return;
				expect(toE164(example.formatInternational(), 'Phone')).toBe(example.number);
				expect(toE164(example.formatNational(), 'Phone', country)).toBe(example.number);
				expect(toE164(example.number, 'Phone', 'US')).toBe(example.number);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('tags, over any input', () => {
	const tag = fc
		.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
		.filter((text) => !text.includes(','));

	it('a list joined with commas reads back to the same tags, trimmed and without repeats', () => {
		fc.assert(
			fc.property(fc.array(tag, { maxLength: 20 }), (tags) => {
				const expected = [...new Set(tags.map((entry) => entry.trim()).filter(Boolean))];
				expect(parseTags(tags.join(' , '), 'Tags')).toEqual(expected);
				expect(parseTags(tags, 'Tags')).toEqual(expected);
				expect(parseTags(tagsToCsv(expected, 'Tags'), 'Tags')).toEqual(expected);
			}),
		);
	});

	it('any value gives tags or a clear error', () => {
		fc.assert(
			fc.property(fc.oneof(anyText, fc.anything()), (value) => {
				const { value: tags } = valueOrClearError(() => parseTags(value, 'Tags'), value);
				if (tags) for (const entry of tags) expect(entry).toBe(entry.trim());
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('name/value pairs, over any input', () => {
	it('unique names give one object with every value as it was', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(
					fc.record({
						name: fc
							.string({ minLength: 1, maxLength: 30 })
							.filter(
								(name) =>
									name.trim() !== '' &&
									!['__proto__', 'constructor', 'prototype'].includes(name.trim()),
							),
						value: fc.jsonValue(),
					}),
					{ selector: (pair) => pair.name.trim(), maxLength: 15 },
				),
				(pairs) => {
					const result = nameValuePairsToObject({ values: pairs }, 'Metadata');
					// (JavaScript lists integer-like keys first, so the order is not compared)
					expect(Object.keys(result).sort()).toEqual(pairs.map((pair) => pair.name.trim()).sort());
					for (const pair of pairs) expect(result[pair.name.trim()]).toEqual(pair.value);
				},
			),
		);
	});

	it('any value gives an object or a clear error', () => {
		fc.assert(
			fc.property(fc.anything(), (pairs) => {
				valueOrClearError(() => nameValuePairsToObject(pairs, 'Metadata'), pairs);
			}),
			{ numRuns: 2000 },
		);
	});

	it('a name JavaScript treats specially is refused among any other pairs, whatever its value', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('__proto__', 'constructor', 'prototype'),
				fc.jsonValue(),
				fc.uniqueArray(
					fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), value: fc.jsonValue() }),
					{ selector: (pair) => pair.name, maxLength: 5 },
				),
				(name, value, others) => {
					expect(() =>
						nameValuePairsToObject({ values: [...others, { name, value }] }, 'Metadata'),
					).toThrow(`Metadata cannot use the name "${name}"`);
				},
			),
		);
	});
});

describe('field rules, over any input', () => {
	it.each([
		['assertUuid', (value: unknown) => assertUuid(value, 'Contact ID')],
		['assertUuidOrUlid', (value: unknown) => assertUuidOrUlid(value, 'Contact ID')],
		['assertEmailOrEmpty', (value: unknown) => assertEmailOrEmpty(value, 'Email')],
		['assertTimeZone', (value: unknown) => assertTimeZone(value, 'Timezone')],
		['assertMaxLength', (value: unknown) => assertMaxLength(value, 'Name', 255)],
		['assertText', (value: unknown) => assertText(value, 'Name')],
	])('%s gives a value or a clear error', (_name, rule) => {
		fc.assert(
			fc.property(fc.oneof(anyText, fc.anything()), (value) => {
				valueOrClearError(() => rule(value), value);
			}),
			{ numRuns: 1000 },
		);
	});
});
