import { InputError } from '../../nodes/shared/input/refusal';
import { matchStatus, type GuayabaStatus } from '../../nodes/Guayaba/helpers/statuses';

const statuses: GuayabaStatus[] = [
	{ id: 'a1b2c3d4-0000-0000-0000-000000000001', name: 'active', label: 'Active' },
	{ id: 'a1b2c3d4-0000-0000-0000-000000000004', name: 'DNC', label: 'Do Not Call' },
	{ id: 'a1b2c3d4-0000-0000-0000-000000000009', name: 'vip', label: 'VIP' },
	// a custom status whose label is another status's name, in another case
	{ id: 'a1b2c3d4-0000-0000-0000-000000000010', name: 'dnc-soft', label: 'dnc' },
];

describe('matchStatus', () => {
	it.each([
		['active', 'active'],
		['DNC', 'DNC'],
		['Do Not Call', 'DNC'],
		['do not call', 'DNC'],
		['a1b2c3d4-0000-0000-0000-000000000004', 'DNC'],
		['A1B2C3D4-0000-0000-0000-000000000009', 'vip'],
		['Vip', 'vip'],
		['  ACTIVE ', 'active'],
	])('reads %j as %j', (value, name) => {
		expect(matchStatus(value, statuses)).toBe(name);
	});

	it.each([
		[
			'dnc',
			'Status "dnc" matches more than one status (DNC, dnc-soft): use one of active, DNC, vip, dnc-soft',
		],
		[
			'archived',
			'Status "archived" is not one of this account\'s statuses: use one of active, DNC, vip, dnc-soft',
		],
	])('refuses %j', (value, message) => {
		let thrown: unknown;
		try {
			matchStatus(value, statuses);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputError);
		expect(thrown).toMatchObject({
			message,
			description:
				'Give a status name, its label or its ID, as Contact Status > Get Many lists them. Labels: Active (active), Do Not Call (DNC), VIP (vip), dnc (dnc-soft).',
		});
	});
});
