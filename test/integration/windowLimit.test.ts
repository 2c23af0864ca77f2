import { sleep, type INodeParameters } from 'n8n-workflow';

import type { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { keyBudget } from '../../nodes/shared/limiter/keys';
import { windowLimiter } from '../../nodes/shared/limiter/windowLimiter';
import type { Vendor } from '../../nodes/shared/vendors';
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

/** The limiter key of this test's server, for the node's writes. */
function keyOf(node: Guayaba): string {
	const { vendor } = node.description.requestOperations!.pagination as unknown as {
		vendor: Vendor;
	};
	return keyBudget(vendor, { apiKey: GUAYABA_KEY, baseUrl: api.url }, 'POST', 60_000).key;
}

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
			// bursts of the whole budget, not requests spaced over the window; at least two waits of it
			expect(busiestWindow(api.received, 500)).toBe(15);
			expect(elapsed).toBeGreaterThanOrEqual(2 * 500);
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
		// a server that counts, with plenty left: the key's first request goes alone, the six after it
		// at once, and are refused
		api.setRateLimit({ requests: 1000, windowMs: 60_000 });
		const phones = api.addBulkContacts(7);
		api.injectFaultsWhere(
			(request) => phoneOf(request) !== phones[0],
			...Array<typeof tooMany>(6).fill(tooMany),
		);

		const { outputs, error } = await markDnc(guayabaCounting({}), phones, {
			includeDeliveryDetails: true,
		});

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(outputs[0].map((item) => (item.json.delivery as { tries: number }).tries)).toEqual([
			1, 2, 2, 2, 2, 2, 2,
		]);
		expect(api.received).toHaveLength(13);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		// one pause of a second, then the six retried together: within one second, not six pauses apart
		const retries = api.received.slice(7);
		expect(retries[0].at - api.received[6].at).toBeGreaterThanOrEqual(990);
		expect(busiestWindow(retries, 1000)).toBe(6);
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
		// what left with the first before its answer came, at most the window's five, was sent; a
		// window later, none of the others has been
		const sent = api.received.map(phoneOf);
		await sleep(2100);
		expect(api.received.map(phoneOf)).toEqual(sent);
		expect(sent[0]).toBe(phones[0]);
		expect(phones.slice(0, 5)).toEqual(expect.arrayContaining(sent));
	});

	it('bounds a run’s waiting on 429s, and fails the items it did not send, each paired, saying why', async () => {
		const phones = api.addBulkContacts(9);
		// the key's first request goes alone and is accepted; every other request is refused
		api.injectFaultsWhere(
			(request) => phoneOf(request) !== phones[0],
			...Array<typeof tooMany>(40).fill(tooMany),
		);
		const { outputs, error } = await markDnc(
			guayabaCounting({ runRateLimitWaitMs: 1500, rateWindowMs: 1500 }),
			phones,
			{ writesPerMinute: 4 },
			{ onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.pairedItem)).toEqual(phones.map((_, item) => ({ item })));
		const errors = outputs[0].map((item) => item.json.error);
		// a server that says nothing is asked one request at a time: the second is refused, held a
		// second, and refused again, which takes the run past its 1.5 s of waiting; what still
		// waited stops there, never sent
		expect(outputs[0][0].json.status).toBe('DNC');
		expect(errors[1]).toMatch(
			/^Guayaba rate limited this request: tried 2 times, after waiting [12] s$/,
		);
		for (const notSent of errors.slice(2))
			expect(notSent).toMatch(
				/^Not sent: Guayaba kept the API key rate limited for [23] s without taking a request$/,
			);
		expect(api.received.map(phoneOf)).toEqual([phones[0], phones[1], phones[1]]);
		expect(timesUpdated(phones)).toEqual([1, ...Array(8).fill(0)]);
	});

	it('does not give up on 429s while the key keeps moving, however long they held it in all', async () => {
		const phones = api.addBulkContacts(4);
		// every second request the server receives is refused with Retry-After: 1, the others taken
		api.injectFaultsWhere(
			() => api.received.length % 2 === 0,
			...Array<typeof tooMany>(3).fill(tooMany),
		);
		const { outputs, error } = await markDnc(
			guayabaCounting({ runRateLimitWaitMs: 1500, rateWindowMs: 1500 }),
			phones,
			{ writesPerMinute: 60 },
		);

		// three holds of a second each, 3 s in all, past the run's 1.5 s; but the key took a request
		// between any two of them, so none of its items was given up
		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.received.filter((request) => request.status === 429)).toHaveLength(3);
		expect(timesUpdated(phones)).toEqual([1, 1, 1, 1]);
	});

	it('when cancelled, sends no waiting item, and frees the key for the next run', async () => {
		api.setRateLimit({ requests: 5, windowMs: 1000 });
		const node = guayabaCounting({ rateWindowMs: 1000 });
		const phones = api.addBulkContacts(35);
		// cancelled once the window's five were sent, while the other 25 wait
		await markDnc(
			node,
			phones.slice(0, 30),
			{ writesPerMinute: 5 },
			{ cancelWhen: api.sawRequests(5) },
		);
		// none of them holds a place on the key any more
		expect(windowLimiter.waitingOn(keyOf(node))).toBe(0);

		const next = await markDnc(node, phones.slice(30), { writesPerMinute: 5 });

		expect(next.error).toBeUndefined();
		expect(statuses(next.outputs[0])).toEqual(phones.slice(30).map((_, item) => [{ item }, 'DNC']));
		// a window later, nothing of the cancelled run has been sent
		await sleep(1200);
		expect(api.received.map(phoneOf)).toEqual([...phones.slice(0, 5), ...phones.slice(30)]);
		expect(api.refused).toBe(0);
	});
});
