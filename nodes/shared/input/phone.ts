import {
	isSupportedCountry,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
	type CountryCode,
} from './libphonenumber';

import { InputError } from './refusal';
import { quote } from './values';

const E164 = /^\+[1-9]\d{1,14}$/;

const EXAMPLE = '+14155552671';
const E164_FORM = `Numbers are sent in E.164 form: a + then the country code and the number, like ${EXAMPLE}.`;

/**
 * Reads a phone number as a person writes it and returns it in E.164 form (`+` and digits).
 * Numbers are accepted when they are possible (right length for the country), not only when they
 * are valid: the vendors' own example +11234567890 is possible but not valid.
 *
 * Each refusal says what is wrong and the one fix that fits in the message itself, since an AI
 * agent using the node as a tool sees only the message.
 */
export function toE164(value: unknown, field: string, defaultCountry = ''): string {
	if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw new InputError(
			`${field} must be text, not ${quote(value)}: give a number like ${EXAMPLE}`,
			`If it comes from an expression, check that it resolves to a string. ${E164_FORM}`,
		);
	}
	const text = value.trim();
	if (text === '') {
		throw new InputError(
			`${field} is empty: give a number like ${EXAMPLE}`,
			`Enter the phone number, or map it from the input. ${E164_FORM}`,
		);
	}

	const country = defaultCountry.trim().toUpperCase();
	if (country !== '' && !isSupportedCountry(country)) {
		throw new InputError(
			`Default Country ${quote(defaultCountry)} is not a known country code: use a two-letter code like US`,
			'Use a two-letter ISO 3166 code, like US, GB or DE, or leave Default Country empty.',
		);
	}
	const international = text.startsWith('+');
	const readAs = country === '' ? undefined : (country as CountryCode);
	const shown = `${field} ${quote(value)}`;
	// the country's name in messages about length, when the number was read with Default Country
	const forCountry = international || readAs === undefined ? '' : ` for a ${country} number`;

	const lengthProblem = validatePhoneNumberLength(text, readAs);
	if (lengthProblem === 'NOT_A_NUMBER') {
		throw new InputError(
			`${shown} is not a phone number: write it like ${EXAMPLE}`,
			`Write digits only, with spaces, dashes, dots or brackets if you like. ${E164_FORM}`,
		);
	}
	if (!international && readAs === undefined) {
		throw new InputError(
			`${shown} has no country code: write it with + and the country code, like ${EXAMPLE}, or set Default Country under Options`,
			`Default Country (for example US) reads numbers written without a +. ${E164_FORM}`,
		);
	}
	if (lengthProblem === 'INVALID_COUNTRY') {
		throw new InputError(
			`${shown} starts with an unknown country code: write it like ${EXAMPLE}`,
			`Check the digits after the +. ${E164_FORM}`,
		);
	}
	const parsed = parsePhoneNumberFromString(text, { defaultCountry: readAs, extract: false });
	// E.164 allows 15 digits at most, which a few countries' possible lengths overrun
	const tooLong =
		lengthProblem === 'TOO_LONG' || (parsed?.isPossible() === true && !E164.test(parsed.number));
	if (tooLong) {
		throw new InputError(
			`${shown} is too long${forCountry}: write one number, like ${EXAMPLE}`,
			`Check for extra digits. ${E164_FORM}`,
		);
	}
	if (lengthProblem === 'TOO_SHORT') {
		throw new InputError(
			`${shown} is too short${forCountry}: write the whole number, like ${EXAMPLE}`,
			`Check for missing digits. ${E164_FORM}`,
		);
	}
	if (!parsed?.isPossible()) {
		throw new InputError(
			`${shown} has a length ${forCountry ? `no ${country} number` : 'no number with this country code'} has: write the whole number, like ${EXAMPLE}`,
			`Check the digits. ${E164_FORM}`,
		);
	}
	return parsed.number;
}
