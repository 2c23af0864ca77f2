import { contactDeliveryKey } from '../../nodes/GuayabaTrigger/helpers/deliveryKey';

describe('contactDeliveryKey (Guayaba Trigger)', () => {
	const contact = {
		id: 'ct_1',
		createdAt: '2026-05-07T08:14:23Z',
		fulfilledAt: '2026-05-08T10:00:00.000+02:00',
		reAddedAt: null,
	};

	it.each([
		['contactCreated', 'createdAt', 'contactCreated:ct_1:2026-05-07T08:14:23.000Z'],
		['contactFulfilled', 'fulfilledAt', 'contactFulfilled:ct_1:2026-05-08T08:00:00.000Z'],
		['contactReAdded', 'reAddedAt', 'contactReAdded:ct_1:'],
	])('%s reads %s: %s', (event, field, key) => {
		expect(contactDeliveryKey(event, field, contact)).toBe(key);
	});

	it('is the same for one instant written two ways, and differs for another event time', () => {
		const utc = contactDeliveryKey('contactReAdded', 'reAddedAt', {
			id: 7,
			reAddedAt: '2026-05-09T12:00:00Z',
		});
		expect(
			contactDeliveryKey('contactReAdded', 'reAddedAt', {
				id: 7,
				reAddedAt: '2026-05-09T14:00:00+02:00',
			}),
		).toBe(utc);
		expect(
			contactDeliveryKey('contactReAdded', 'reAddedAt', {
				id: 7,
				reAddedAt: '2026-05-10T12:00:00Z',
			}),
		).not.toBe(utc);
		expect(utc).toBe('contactReAdded:7:2026-05-09T12:00:00.000Z');
	});

	it('keeps a time it cannot read as it was written', () => {
		expect(contactDeliveryKey('contactCreated', 'createdAt', { id: 'x', createdAt: 'soon' })).toBe(
			'contactCreated:x:soon',
		);
	});
});
