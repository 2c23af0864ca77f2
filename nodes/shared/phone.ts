import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from './libphonenumber';

import { InputError } from './errors';
import { quote } from './text';

const E164 = /^\+[1-9]\d{1,14}$/;

const HOW_TO_WRITE =
	'Write it in international form, like +14155552671, or set Default Country under Options';

/**
 * Reads a phone number as a person writes it and returns it in E.164 form (`+` and digits).
 * Numbers are accepted when they are possible (right length for the country), not only when they
 * are valid: the vendors' own example +11234567890 is possible but not valid.
 */
export function toE164(value: unknown, field: string, defaultCountry = ''): string {
	if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw new InputError(
			`${field} must be text, not ${quote(value)}`,
			`${HOW_TO_WRITE}. If it comes from an expression, check that it resolves to a string.`,
		);
	}
	const text = value.trim();
	if (text === '') {
		throw new InputError(`${field} is empty`, `Enter a phone number. ${HOW_TO_WRITE}.`);
	}

	const country = defaultCountry.trim().toUpperCase();
	if (country !== '' && !isSupportedCountry(country)) {
		throw new InputError(
			`Default Country ${quote(defaultCountry)} is not a known country code`,
			'Use a two-letter ISO 3166 code, like US, GB or DE.',
		);
	}
	if (!text.startsWith('+') && country === '') {
		throw new InputError(
			`${field} ${quote(value)} has no country code`,
			`${HOW_TO_WRITE} (for example US for (415) 555-2671).`,
		);
	}

	const phoneNumber = parsePhoneNumberFromString(text, {
		defaultCountry: country === '' ? undefined : (country as CountryCode),
		extract: false,
	});
	// E.164 allows 15 digits at most, which a few countries' possible lengths overrun
	if (!phoneNumber?.isPossible() || !E164.test(phoneNumber.number)) {
		throw new InputError(`${field} ${quote(value)} is not a possible number`, `${HOW_TO_WRITE}.`);
	}
	return phoneNumber.number;
}
