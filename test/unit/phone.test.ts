import { InputError } from '../../nodes/shared/input/refusal';
import { toE164 } from '../../nodes/shared/input/phone';

const E164_FORM =
	'Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.';

describe('toE164', () => {
	it.each<[unknown, string, string]>([
		['+11234567890', '', '+11234567890'],
		['+1 (415) 555-2671', '', '+14155552671'],
		['  +44 20 7946 0958  ', '', '+442079460958'],
		['(415) 555-2671', 'US', '+14155552671'],
		['415.555.2671', 'us', '+14155552671'],
		['020 7946 0958', 'GB', '+442079460958'],
		['612 34 56 78', 'ES', '+34612345678'],
		['+34612345678', 'US', '+34612345678'],
		[14155552671, 'US', '+14155552671'],
	])('%j with default country %j gives %s', (input, country, expected) => {
		expect(toE164(input, 'Phone', country)).toBe(expected);
	});

	// each message says what is wrong and only the fix that fits: Default Country is suggested
	// only for a number that lacks a country code while Default Country is empty
	it.each<[unknown, string, string, string]>([
		[
			'',
			'',
			'Phone is empty: give a number like +14155552671',
			`Enter the phone number, or map it from the input. ${E164_FORM}`,
		],
		[
			'   ',
			'US',
			'Phone is empty: give a number like +14155552671',
			`Enter the phone number, or map it from the input. ${E164_FORM}`,
		],
		[
			'hello',
			'',
			'Phone "hello" is not a phone number: write it like +14155552671',
			`Write digits only, with spaces, dashes, dots or brackets if you like. ${E164_FORM}`,
		],
		[
			'hello',
			'US',
			'Phone "hello" is not a phone number: write it like +14155552671',
			`Write digits only, with spaces, dashes, dots or brackets if you like. ${E164_FORM}`,
		],
		[
			'call +14155552671 now',
			'',
			'Phone "call +14155552671 now" is not a phone number: write it like +14155552671',
			`Write digits only, with spaces, dashes, dots or brackets if you like. ${E164_FORM}`,
		],
		[
			'+1 415 555 2671 ext',
			'',
			'Phone "+1 415 555 2671 ext" is not a phone number: write it like +14155552671',
			`Write digits only, with spaces, dashes, dots or brackets if you like. ${E164_FORM}`,
		],
		[
			'(415) 555-2671',
			'',
			'Phone "(415) 555-2671" has no country code: write it with + and the country code, like +14155552671, or set Default Country under Options',
			`Default Country (for example US) reads numbers written without a +. ${E164_FORM}`,
		],
		[
			'+999 1234567',
			'',
			'Phone "+999 1234567" starts with an unknown country code: write it like +14155552671',
			`Check the digits after the +. ${E164_FORM}`,
		],
		[
			'+12',
			'',
			'Phone "+12" is too short: write the whole number, like +14155552671',
			`Check for missing digits. ${E164_FORM}`,
		],
		[
			'555-2671',
			'US',
			'Phone "555-2671" is too short for a US number: write the whole number, like +14155552671',
			`Check for missing digits. ${E164_FORM}`,
		],
		[
			'+1415555267100000',
			'',
			'Phone "+1415555267100000" is too long: write one number, like +14155552671',
			`Check for extra digits. ${E164_FORM}`,
		],
		[
			'12345678901234567890',
			'US',
			'Phone "12345678901234567890" is too long for a US number: write one number, like +14155552671',
			`Check for extra digits. ${E164_FORM}`,
		],
		[
			'+4422222222',
			'',
			'Phone "+4422222222" has a length no number with this country code has: write the whole number, like +14155552671',
			`Check the digits. ${E164_FORM}`,
		],
		[
			'(415) 555-2671',
			'XX',
			'Default Country "XX" is not a known country code: use a two-letter code like US',
			'Use a two-letter ISO 3166 code, like US, GB or DE, or leave Default Country empty.',
		],
		[
			undefined,
			'',
			'Phone is empty: give a number like +14155552671',
			`Enter the phone number, or map it from the input. ${E164_FORM}`,
		],
		[
			{ number: '+1' },
			'',
			'Phone must be text, not {"number":"+1"}: give a number like +14155552671',
			`If it comes from an expression, check that it resolves to a string. ${E164_FORM}`,
		],
		[
			true,
			'',
			'Phone must be text, not true: give a number like +14155552671',
			`If it comes from an expression, check that it resolves to a string. ${E164_FORM}`,
		],
	])('refuses %j (default country %j)', (input, country, message, description) => {
		let thrown: unknown;
		try {
			toE164(input, 'Phone', country);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputError);
		expect(thrown).toMatchObject({ message, description });
	});

	it('suggests Default Country only when it is empty and the number has no +', () => {
		const messages = [
			['hello', ''],
			['555-2671', 'US'],
			['+12', ''],
			['+999 1234567', ''],
			['12345678901234567890', 'US'],
		].map(([input, country]) => {
			try {
				toE164(input, 'Phone', country);
			} catch (error) {
				return (error as InputError).message + (error as InputError).description;
			}
			return 'accepted';
		});
		for (const message of messages) expect(message).not.toContain('Default Country');
	});
});
