import { InputError } from '../../nodes/shared/errors';
import { toE164 } from '../../nodes/shared/phone';

const HOW =
	'Write it in international form, like +14155552671, or set Default Country under Options';

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

	it.each<[unknown, string, string, string]>([
		['', '', 'Phone is empty', `Enter a phone number. ${HOW}.`],
		['   ', 'US', 'Phone is empty', `Enter a phone number. ${HOW}.`],
		['+12', '', 'Phone "+12" is not a possible number', `${HOW}.`],
		['12', 'US', 'Phone "12" is not a possible number', `${HOW}.`],
		['+1415555267100000', '', 'Phone "+1415555267100000" is not a possible number', `${HOW}.`],
		[
			'call +14155552671 now',
			'',
			'Phone "call +14155552671 now" has no country code',
			`${HOW} (for example US for (415) 555-2671).`,
		],
		['+1 415 555 2671 ext', '', 'Phone "+1 415 555 2671 ext" is not a possible number', `${HOW}.`],
		[
			'(415) 555-2671',
			'',
			'Phone "(415) 555-2671" has no country code',
			`${HOW} (for example US for (415) 555-2671).`,
		],
		[
			'(415) 555-2671',
			'XX',
			'Default Country "XX" is not a known country code',
			'Use a two-letter ISO 3166 code, like US, GB or DE.',
		],
		[undefined, '', 'Phone is empty', `Enter a phone number. ${HOW}.`],
		[null, 'US', 'Phone is empty', `Enter a phone number. ${HOW}.`],
		[
			{ number: '+1' },
			'',
			'Phone must be text, not {"number":"+1"}',
			`${HOW}. If it comes from an expression, check that it resolves to a string.`,
		],
		[
			true,
			'',
			'Phone must be text, not true',
			`${HOW}. If it comes from an expression, check that it resolves to a string.`,
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
});
