import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import type { ReceivedRequest } from '../../sandbox/server';
import { runNode } from '../helpers/engine';
import { guayabaCounting, markDncOn, phoneOf, statuses, timesUpdated } from '../helpers/limits';

/**
 * What the shared transport decides for a whole node run: one budget per key, and a stop that
 * sends nothing more.
 */

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

/** The most requests of `requests` that arrived within any window of `windowMs`. */
function busiest(requests: ReceivedRequest[], windowMs: number): number {
	return Math.max(
		0,
		...requests.map(
			(request) =>
				requests.filter((other) => other.at >= request.at && other.at < request.at + windowMs)
					.length,
		),
	);
}

describe('one budget per key', () => {
	it.each([0, 600])(
		'a node at 6 a minute keeps to 6 while another run on the key asks for %d; together they keep to the credential’s 10',
		async (otherPace) => {
			// a minute compressed to 1 s: the credential allows 10 writes in it
			const node = guayabaCounting({ rateWindowMs: 1000 });
			const slow = api.addBulkContacts(30);
			const [slowRun, fastRun] = await Promise.all([
				markDncOn(api, node, slow.slice(0, 8), { writesPerMinute: 10, requestsPerMinute: 6 }),
				markDncOn(api, node, slow.slice(8), {
					writesPerMinute: 10,
					requestsPerMinute: otherPace,
				}),
			]);

			expect([slowRun.error, fastRun.error]).toEqual([undefined, undefined]);
			expect(timesUpdated(api, slow)).toEqual(slow.map(() => 1));
			const ofSlowRun = api.received.filter((request) =>
				slow.slice(0, 8).includes(phoneOf(request)),
			);
			expect(busiest(ofSlowRun, 1000)).toBeLessThanOrEqual(6);
			expect(busiest(api.received, 1000)).toBeLessThanOrEqual(10);
		},
	);
});

describe('stop means nothing more is sent', () => {
	const REFUSED =
		'Phone "12" has no country code: write it with + and the country code, like +14155552671, or set Default Country under Options';
	const guayaba = (phones: string[], onError?: 'continueRegularOutput') =>
		runNode({
			nodeType: new Guayaba(),
			credentialType: new GuayabaApi(),
			credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
			parameters: {
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '={{ $json.phone }}',
				updateFields: { status: 'DNC' },
			},
			items: phones.map((phone) => ({ json: { phone } })),
			onError,
		});

	it.each([0, 5])(
		'without On Error: Continue, a refused item %d sends nothing, and its error names it and the field',
		async (bad) => {
			const phones = api.addBulkContacts(6);
			phones[bad] = '12';

			const { error, outputs } = await guayaba(phones);

			expect(api.received).toEqual([]);
			expect(outputs).toEqual([]);
			expect(error?.message).toBe(REFUSED);
			expect(error?.context?.itemIndex).toBe(bad);
		},
	);

	it('with On Error: Continue, only the refused item is refused, every item paired', async () => {
		const phones = api.addBulkContacts(6);
		phones[2] = '12';

		const { error, outputs } = await guayaba(phones, 'continueRegularOutput');

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(
			phones.map((_, item) => [{ item }, item === 2 ? REFUSED : 'DNC']),
		);
		expect(api.received.map(phoneOf).sort()).toEqual(
			phones.filter((phone) => phone !== '12').sort(),
		);
	});

	it('after a failed answer, sends no waiting item and ends without waiting for their slots', async () => {
		// 6 a minute, a real minute: the items after the sixth wait 60 s for their slots
		const phones = api.addBulkContacts(12);
		api.injectFaultsWhere((request) => phoneOf(request) === phones[2], {
			status: 404,
			body: { error: 'Not Found', message: 'Contact not found' },
		});
		const started = Date.now();

		const { error } = await markDncOn(api, guayabaCounting({}), phones, { writesPerMinute: 6 });

		expect(error?.message).toBe(`Contact not found (phone ${phones[2]})`);
		expect(error?.context?.itemIndex).toBe(2);
		expect(api.received.length).toBeLessThanOrEqual(6);
		expect(api.received.map(phoneOf)).not.toEqual(expect.arrayContaining([phones[6]]));
		// far less than the minute the waiting items would have waited for their slots
		expect(Date.now() - started).toBeLessThan(30_000);
	}, 45_000);
});
