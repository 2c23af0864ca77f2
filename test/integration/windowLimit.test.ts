import { sleep, type INodeParameters } from 'n8n-workflow';

import type { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { windowMargin } from '../../nodes/shared/limiter/windowLimiter';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import type { ReceivedRequest } from '../../sandbox/server';
import {
	guayabaCounting,
	markDncOn,
	phoneOf,
	statuses,
	timesUpdated as timesUpdatedOn,
} from '../helpers/limits';

// each test gets a server of its own, and so (its URL being part of the key) a fresh limiter key
let api: FakeGuayaba;
beforeEach(async () => {
	api = await new FakeGuayaba().start();
});
afterEach(async () => {
	await api.stop();
});

function markDnc(
	nodeType: Guayaba,
	phones: string[],
	options: INodeParameters,
	extra: { onError?: 'continueRegularOutput'; cancelWhen?: Promise<unknown> } = {},
) {
	return markDncOn(api, nodeType, phones, options, extra);
}

const timesUpdated = (phones: string[]) => timesUpdatedOn(api, phones);

/** The most requests the server received in any span of `windowMs`. */
function busiestWindow(requests: ReceivedRequest[], windowMs: number): number {
	return Math.max(
		...requests.map(
			(first) => requests.filter((r) => r.at >= first.at && r.at < first.at + windowMs).length,
		),
	);
}

const tooMany = {
	status: 429,
	body: { error: 'Too many requests', message: 'Rate limit exceeded. Try again in 1 seconds.' },
	headers: { 'Retry-After': '1' },
};

describe('the window limiter, 15 requests per 500 ms', () => {
	it.each([
		['fixed', false],
		['rolling', true],
	])(
		'sends 40 items in three windows against a %s window: the first 15 at once, none refused, lost or sent twice',
		async (_kind, rolling) => {
			api.setRateLimit({ requests: 15, windowMs: 500, rolling });
			const phones = api.addBulkContacts(40);

			const { outputs, error } = await markDnc(guayabaCounting({ rateWindowMs: 500 }), phones, {
				writesPerMinute: 15,
			});

			// from the first request to the last, as the server saw them
			const elapsed = api.received[39].at - api.received[0].at;
			expect(error).toBeUndefined();
			expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
			expect(api.refused).toBe(0);
			expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
			expect(api.received).toHaveLength(40);
			expect(api.received[14].at - api.received[0].at).toBeLessThan(500);
			expect(busiestWindow(api.received, 500)).toBe(15);
			// two waits of a window (and its margin); the upper bound leaves room for a loaded machine
			expect(elapsed).toBeGreaterThanOrEqual(2 * 500);
			expect(elapsed).toBeLessThan(3000);
		},
	);

	it('learns a lower limit from the server before the first burst, and keeps to it: none refused', async () => {
		// the user's 450 a minute is far above what this server takes: 15 a second
		api.setRateLimit({ requests: 15, windowMs: 1000 });
		const phones = api.addBulkContacts(45);

		const { outputs, error } = await markDnc(guayabaCounting({}), phones, {
			writesPerMinute: 450,
		});

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.refused).toBe(0);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		expect(api.received).toHaveLength(45);
	});

	it('holds the key until the reset when the server says another client spent the budget', async () => {
		api.setRateLimit({ requests: 15, windowMs: 2000 });
		const node = guayabaCounting({ rateWindowMs: 2000 });
		const [first, ...phones] = api.addBulkContacts(13);
		// the limiter learns that this server counts
		expect((await markDnc(node, [first], { writesPerMinute: 15 })).error).toBeUndefined();
		// past the reset it announced: just into the next of the server's windows, which start at
		// multiples of 2 s on the clock
		await sleep(2000 - (Date.now() % 2000) + 50);
		// another client on the same key spends 10 of the next window's 15
		await Promise.all(
			Array.from(
				{ length: 10 },
				async () =>
					await fetch(`${api.url}/contacts/statuses`, { headers: { 'X-API-Key': GUAYABA_KEY } }),
			),
		);
		api.received.length = 0;

		const { outputs, error } = await markDnc(node, phones, { writesPerMinute: 15 });

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.refused).toBe(0);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		// five fitted in what was left of the window; the other seven waited for its reset
		const gaps = api.received.slice(1).map((request, index) => request.at - api.received[index].at);
		expect(gaps.filter((gap) => gap > 300)).toHaveLength(1);
		expect(gaps.indexOf(Math.max(...gaps))).toBe(4);
	});

	it('after 429s on six items at once, pauses the key once for Retry-After (not once per item)', async () => {
		const phones = api.addBulkContacts(7);
		// the key's first request goes alone and is accepted; the six after it go at once, refused
		api.injectFaultsWhere(
			(request) => phoneOf(request) !== phones[0],
			...Array<typeof tooMany>(6).fill(tooMany),
		);
		const started = Date.now();

		const { outputs, error } = await markDnc(guayabaCounting({}), phones, {
			includeDeliveryDetails: true,
		});

		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(2500);
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(outputs[0].map((item) => (item.json.delivery as { tries: number }).tries)).toEqual([
			1, 2, 2, 2, 2, 2, 2,
		]);
		expect(api.received).toHaveLength(13);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		const retries = api.received.slice(7);
		expect(retries[0].at - api.received[6].at).toBeGreaterThanOrEqual(990);
		expect(retries[5].at - retries[0].at).toBeLessThan(500);
	});
});

describe('runs that stop', () => {
	it('without On Error: Continue, sends no waiting item after the first failure', async () => {
		const phones = api.addBulkContacts(20);
		api.injectFaultsWhere((request) => phoneOf(request) === phones[0], {
			status: 404,
			body: { error: 'Not found', message: 'Contact not found' },
		});

		const { outputs, error } = await markDnc(guayabaCounting({ rateWindowMs: 2000 }), phones, {
			writesPerMinute: 5,
		});

		expect(error?.message).toBe('Contact not found (phone +13125550000)');
		expect(error?.httpCode).toBe('404');
		expect(outputs).toEqual([]);
		// the five of the first window were in flight; none of the fifteen waiting was sent
		await sleep(2100);
		expect(api.received.map(phoneOf)).toEqual(phones.slice(0, 5));
	});

	it('bounds a run’s waiting on 429s, and fails the items it did not send, each paired, saying why', async () => {
		const phones = api.addBulkContacts(9);
		// the key's first request goes alone and is accepted; every other request is refused
		api.injectFaultsWhere(
			(request) => phoneOf(request) !== phones[0],
			...Array<typeof tooMany>(40).fill(tooMany),
		);
		const started = Date.now();

		const { outputs, error } = await markDnc(
			guayabaCounting({ runRateLimitWaitMs: 1500, rateWindowMs: 1500 }),
			phones,
			{ writesPerMinute: 4 },
			{ onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5000);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual(phones.map((_, item) => ({ item })));
		const gaveUp = 'Guayaba rate limited this request: tried 2 times, after waiting 2 s';
		const notSent = 'Not sent: Guayaba kept the API key rate limited for 2 s during this run';
		const errors = outputs[0].map((item) => item.json.error);
		// the server's own words, for an item whose first try was refused after the run stopped waiting
		const refusedOnce = tooMany.body.message;
		// the first retry's 429 took the run past its 1.5 s: what still waited stops there. The window's
		// next slots free a few milliseconds apart, so on a busy machine the two other retries, and
		// item 4 on its first try, may leave before that 429 is read; items 5 to 8 never can
		expect(outputs[0][0].json.status).toBe('DNC');
		expect(errors[1]).toBe(gaveUp);
		expect(errors.slice(2, 4).every((text) => text === gaveUp || text === notSent)).toBe(true);
		expect([notSent, refusedOnce]).toContain(errors[4]);
		expect(errors.slice(5)).toEqual(Array(4).fill(notSent));
		expect(api.received).toHaveLength(
			4 + errors.filter((text) => text === gaveUp || text === refusedOnce).length,
		);
		expect(timesUpdated(phones)).toEqual([1, ...Array(8).fill(0)]);
	});

	it('when cancelled, sends no waiting item, and frees the key for the next run', async () => {
		api.setRateLimit({ requests: 5, windowMs: 1000 });
		const node = guayabaCounting({ rateWindowMs: 1000 });
		const phones = api.addBulkContacts(35);
		const cancelled = markDnc(
			node,
			phones.slice(0, 30),
			{ writesPerMinute: 5 },
			{
				cancelWhen: sleep(300),
			},
		);
		await cancelled;
		const started = Date.now();

		const next = await markDnc(node, phones.slice(30), { writesPerMinute: 5 });

		expect(next.error).toBeUndefined();
		expect(statuses(next.outputs[0])).toEqual(phones.slice(30).map((_, item) => [{ item }, 'DNC']));
		// the next run waited for the window the cancelled one spent, not for its 25 waiting items
		expect(Date.now() - started).toBeLessThan(1000 + windowMargin(1000) + 500);
		await sleep(1200);
		expect(api.received.map(phoneOf)).toEqual([...phones.slice(0, 5), ...phones.slice(30)]);
		expect(api.refused).toBe(0);
	});
});
