import type { IDataObject } from 'n8n-workflow';

import { apiMessage } from '../../nodes/shared/answers/apiMessage';
import { nameValuePairsToObject, parseTags, tagsToCsv } from '../../nodes/shared/input/collections';
import { InputError } from '../../nodes/shared/input/refusal';
import { quote } from '../../nodes/shared/input/values';
import {
	assertAnyField,
	assertMaxLength,
	assertNotEmpty,
	assertTimeZone,
	assertUuid,
} from '../../nodes/shared/input/rules';

function refusal(check: () => unknown): object | undefined {
	try {
		check();
		return undefined;
	} catch (error) {
		return error instanceof InputError
			? { message: error.message, description: error.description }
			: { notAnInputError: error };
	}
}

describe('quote', () => {
	it.each<[unknown, string]>([
		['abc', '"abc"'],
		[42, '42'],
		[{ a: 1 }, '{"a":1}'],
		[undefined, 'an empty value'],
		['x'.repeat(100), `"${'x'.repeat(58)}...`],
	])('%j', (value, expected) => expect(quote(value)).toBe(expected));
});

describe('assertUuid', () => {
	it('returns the trimmed UUID', () => {
		expect(assertUuid(' 550E8400-e29b-41d4-a716-446655440000\n', 'Contact ID')).toBe(
			'550E8400-e29b-41d4-a716-446655440000',
		);
	});
	it.each<[unknown, string]>([
		['', 'Contact ID "" is not a valid ID'],
		[
			'550e8400e29b41d4a716446655440000',
			'Contact ID "550e8400e29b41d4a716446655440000" is not a valid ID',
		],
		[
			'550e8400-e29b-41d4-a716-44665544000g',
			'Contact ID "550e8400-e29b-41d4-a716-44665544000g" is not a valid ID',
		],
		[12, 'Contact ID 12 is not a valid ID'],
	])('refuses %j', (value, message) => {
		expect(refusal(() => assertUuid(value, 'Contact ID'))).toEqual({
			message,
			description: 'Contact ID takes a UUID, like 550e8400-e29b-41d4-a716-446655440000.',
		});
	});
});

describe('assertMaxLength', () => {
	it('keeps a value at the limit', () =>
		expect(assertMaxLength('é'.repeat(255), 'Name', 255)).toBe('é'.repeat(255)));
	it('refuses one character more', () => {
		expect(refusal(() => assertMaxLength('a'.repeat(256), 'Name', 255))).toEqual({
			message: 'Name is 256 characters long; the most is 255',
			description: 'Shorten Name to 255 characters or fewer.',
		});
	});
});

describe('assertNotEmpty', () => {
	it.each<[unknown]>([[''], ['  '], [null], [undefined]])('refuses %j', (value) => {
		expect(refusal(() => assertNotEmpty(value, 'Status'))).toEqual({
			message: 'Status is empty',
			description: 'Enter a value for Status, or remove the field to leave it unchanged.',
		});
	});
	it.each<[unknown]>([['x'], [0], [false]])('accepts %j', (value) => {
		expect(refusal(() => assertNotEmpty(value, 'Status'))).toBeUndefined();
	});
});

describe('assertTimeZone', () => {
	it.each(['America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'UTC'])('accepts %s', (zone) => {
		expect(assertTimeZone(zone, 'Timezone')).toBe(zone);
	});
	it.each<[unknown, string]>([
		['Mars/Olympus', 'Timezone "Mars/Olympus" is not an IANA time zone'],
		['', 'Timezone "" is not an IANA time zone'],
		[5, 'Timezone 5 is not an IANA time zone'],
	])('refuses %j', (value, message) => {
		expect(refusal(() => assertTimeZone(value, 'Timezone'))).toEqual({
			message,
			description:
				'Pick a zone from the list, or use a name like America/New_York or Europe/Madrid.',
		});
	});
});

describe('assertAnyField', () => {
	const fields = { status: 'Status', campaignId: 'Campaign' };
	it.each<[IDataObject]>([
		[{ status: 'x' }],
		[{ campaignId: 'y' }],
		[{ status: 'x', campaignId: 'y' }],
	])('accepts %j', (body) =>
		expect(refusal(() => assertAnyField(body, fields, 'Update by Phone'))).toBeUndefined(),
	);
	it.each<[IDataObject, Record<string, string>, string]>([
		[{}, fields, 'Add Status or Campaign under Update Fields.'],
		[{ phone: '+1' }, { a: 'A', b: 'B', c: 'C' }, 'Add A, B or C under Update Fields.'],
	])('refuses %j', (body, names, description) => {
		expect(refusal(() => assertAnyField(body, names, 'Update by Phone'))).toEqual({
			message: 'Update by Phone needs at least one field to update',
			description,
		});
	});
});

describe('nameValuePairsToObject', () => {
	it.each<[unknown, IDataObject]>([
		[undefined, {}],
		[{}, {}],
		[{ values: [] }, {}],
		[
			{
				values: [
					{ name: ' plan ', value: 'gold' },
					{ name: 'ltv', value: 9120 },
				],
			},
			{ plan: 'gold', ltv: 9120 },
		],
		[
			{
				values: [
					{ name: 'nested', value: { a: [1] } },
					{ name: 'empty', value: '' },
				],
			},
			{ nested: { a: [1] }, empty: '' },
		],
	])('%j', (pairs, expected) =>
		expect(nameValuePairsToObject(pairs, 'Metadata')).toEqual(expected),
	);

	it.each<[unknown, string, string]>([
		[
			{ values: [{ name: '', value: 'x' }] },
			'Metadata has a pair with no name (pair 1)',
			'Give every pair under Metadata a name, or remove the empty pair.',
		],
		[
			{
				values: [
					{ name: 'a', value: 1 },
					{ name: ' a', value: 2 },
				],
			},
			'Metadata has the name "a" twice',
			'Keep one pair per name under Metadata.',
		],
	])('refuses %j', (pairs, message, description) => {
		expect(refusal(() => nameValuePairsToObject(pairs, 'Metadata'))).toEqual({
			message,
			description,
		});
	});
});

describe('parseTags and tagsToCsv', () => {
	it.each<[unknown, string[]]>([
		['vip, newsletter ,,  ', ['vip', 'newsletter']],
		['', []],
		[undefined, []],
		[
			[' vip ', 'b2b', '', 'vip', 7],
			['vip', 'b2b', '7'],
		],
		['Ünïcode, 日本', ['Ünïcode', '日本']],
	])('%j', (value, tags) => expect(parseTags(value, 'Tags')).toEqual(tags));

	it.each<[unknown, string, string]>([
		[
			{ tag: 'x' },
			'Tags must be a comma-separated list or an array, not {"tag":"x"}',
			'Write tags like vip, newsletter or use an expression that returns an array of strings.',
		],
		[
			['ok', { tag: 'x' }],
			'Tags has an entry that is not text: {"tag":"x"}',
			'Each tag must be a string.',
		],
	])('refuses %j', (value, message, description) => {
		expect(refusal(() => parseTags(value, 'Tags'))).toEqual({ message, description });
	});

	it('joins tags as CSV', () => expect(tagsToCsv(['vip', 'b2b'], 'Tags')).toBe('vip,b2b'));
	it('refuses a tag holding a comma', () => {
		expect(refusal(() => tagsToCsv(['a,b'], 'Tags'))).toEqual({
			message: 'Tags has the tag "a,b", which holds a comma',
			description:
				'The API reads commas as separators between tags: remove the comma from the tag.',
		});
	});
});

describe('apiMessage', () => {
	it.each<[unknown, string | undefined]>([
		[{ error: 'Not Found', message: 'Contact not found' }, 'Contact not found'],
		[{ error: 'Contact not found' }, 'Contact not found'],
		[{ detail: 'Not found.' }, 'Not found.'],
		[
			{
				message: 'The given data was invalid.',
				errors: { phone: ['The phone field is required.'] },
			},
			'The given data was invalid. (phone: The phone field is required.)',
		],
		[{ errors: { email: ['Invalid.', 'Taken.'] } }, 'email: Invalid. Taken.'],
		[{ tags: ['Expected a list of items.'] }, 'tags: Expected a list of items.'],
		[
			{ non_field_errors: ['Nothing to update.'], email: ['Enter a valid email address.'] },
			'Nothing to update.; email: Enter a valid email address.',
		],
		[{ tags: [], note: 'x' }, undefined],
		['<html><body>502 Bad Gateway</body></html>', undefined],
		['Service temporarily down', 'Service temporarily down'],
		['', undefined],
		[{}, undefined],
		[null, undefined],
	])('%j', (body, expected) => expect(apiMessage(body)).toBe(expected));
});
