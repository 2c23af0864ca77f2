import type { INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY, STATUSES } from '../../sandbox/guayaba';
import { runNode } from '../helpers/engine';
import {
	guayabaCounting,
	markDncOn,
	phoneOf,
	statuses,
	timesUpdated as timesUpdatedOn,
} from '../helpers/limits';
import { SHORT_BACKOFFS, withRetryPolicy } from '../helpers/retries';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

function markDnc(
	phones: string[],
	options: INodeParameters,
	onError?: 'continueRegularOutput',
	nodeType = guayabaCounting({ backoffMs: SHORT_BACKOFFS.backoffMs }),
) {
	return markDncOn(api, nodeType, phones, options, { onError });
}

const timesUpdated = (phones: string[]) => timesUpdatedOn(api, phones);

describe('the rate limit', () => {
	it('sends a run of no more items than the budget at once: 10 updates on Guayaba’s 30 a minute', async () => {
		api.setRateLimit({ requests: 30, windowMs: 60_000 });
		const phones = api.addBulkContacts(10);

		const { outputs, error } = await markDnc(phones, {});

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.refused).toBe(0);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		// within the 2 s (a loaded machine slows n8n's own work on each item), not the 18 s
		// of spacing them evenly over the minute
		expect(api.received[9].at - api.received[0].at).toBeLessThan(2000);
	});

	it('is shared by two runs on one credential: no window of the server sees more than the budget', async () => {
		api.setRateLimit({ requests: 8, windowMs: 500, rolling: true });
		const phones = api.addBulkContacts(20);
		const node = guayabaCounting({ rateWindowMs: 500 });

		const [first, second] = await Promise.all([
			markDnc(phones.slice(0, 10), { writesPerMinute: 8 }, undefined, node),
			markDnc(phones.slice(10), { writesPerMinute: 8 }, undefined, node),
		]);

		expect(first.error ?? second.error).toBeUndefined();
		expect(api.refused).toBe(0);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		expect(api.received).toHaveLength(20);
		for (const request of api.received) {
			const inWindow = api.received.filter((r) => r.at >= request.at && r.at < request.at + 500);
			expect(inWindow.length).toBeLessThanOrEqual(8);
		}
	});
});

describe('Contact Status > Get Many', () => {
	it('counts its reads against its own Requests per Minute, each input item paired', async () => {
		const { outputs, error } = await runNode({
			nodeType: guayabaCounting({ rateWindowMs: 400 }),
			credentialType: new GuayabaApi(),
			credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
			parameters: {
				resource: 'contactStatus',
				operation: 'getAll',
				options: { requestsPerMinute: 2 },
			},
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});

		expect(error).toBeUndefined();
		expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual(
			Array(3).fill('GET /contacts/statuses'),
		);
		// two at once, the third once the first has left the 400 ms window
		expect(api.received[1].at - api.received[0].at).toBeLessThan(100);
		expect(api.received[2].at - api.received[0].at).toBeGreaterThanOrEqual(400);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual(
			[0, 1, 2].flatMap((item) => STATUSES.map(() => ({ item }))),
		);
	});
});

describe('retries', () => {
	it('retry a 429 after Retry-After for that item only: nothing is sent twice', async () => {
		const phones = api.addBulkContacts(4);
		api.injectFaults({
			status: 429,
			body: { error: 'Too Many Requests', message: 'Rate limit exceeded', retryAfter: 1 },
			headers: { 'Retry-After': '1' },
		});

		const { outputs, error } = await markDnc(phones, { writesPerMinute: 0 });

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.received).toHaveLength(5);
		const refusedPhone = phoneOf(api.received[0]);
		const retried = api.received.filter(
			(request) => (request.body as { phone: string }).phone === refusedPhone,
		);
		expect(retried).toHaveLength(2);
		expect(retried[1].at - retried[0].at).toBeGreaterThanOrEqual(990);
		// each of the other phones was sent exactly once
		expect(
			phones
				.filter((phone) => phone !== refusedPhone)
				.map(
					(phone) =>
						api.received.filter((r) => (r.body as { phone: string }).phone === phone).length,
				),
		).toEqual([1, 1, 1]);
	});

	it('tell, with Include Delivery Details, how often each item was sent and how long it waited', async () => {
		const [warmUp, ...phones] = api.addBulkContacts(4);
		// a key's first request goes alone: once it was answered, the three leave together
		const node = guayabaCounting({ backoffMs: SHORT_BACKOFFS.backoffMs });
		expect(
			(await markDnc([warmUp], { writesPerMinute: 0 }, undefined, node)).error,
		).toBeUndefined();
		api.received.length = 0;
		api.injectFaults({
			status: 429,
			body: { error: 'Too Many Requests', message: 'Rate limit exceeded' },
			headers: { 'Retry-After': '1' },
		});

		const { outputs, error } = await markDnc(
			phones,
			{ writesPerMinute: 0, includeDeliveryDetails: true },
			undefined,
			node,
		);

		expect(error).toBeUndefined();
		const refusedPhone = phoneOf(api.received[0]);
		const deliveries = outputs[0].map((item) => [
			item.json.phoneNumber,
			item.json.status,
			item.json.delivery,
		]);
		expect(deliveries.filter(([phone]) => phone !== refusedPhone)).toEqual(
			phones
				.filter((phone) => phone !== refusedPhone)
				.map((phone) => [phone, 'DNC', { tries: 1, waitedMs: 0 }]),
		);
		const [[, status, delivery]] = deliveries.filter(([phone]) => phone === refusedPhone);
		expect(status).toBe('DNC');
		expect(delivery).toEqual({ tries: 2, waitedMs: expect.any(Number) });
		const { waitedMs } = delivery as { waitedMs: number };
		// the key's hold began with the 429's answer, a moment before this item queued again
		expect(waitedMs).toBeGreaterThanOrEqual(900);
		expect(waitedMs).toBeLessThan(2000);
	});

	it('give up on a 429 after a bounded number of tries, saying so', async () => {
		const [phone] = api.addBulkContacts(1);
		const tooMany = {
			status: 429,
			body: { error: 'Too Many Requests', message: 'Rate limit exceeded' },
			headers: { 'Retry-After': '0' },
		};
		api.injectFaults(tooMany, tooMany, tooMany, tooMany, tooMany, tooMany, tooMany);

		const { error } = await markDnc([phone], { writesPerMinute: 0 });

		expect(api.received).toHaveLength(6);
		expect(error?.message).toBe('Guayaba rate limited this request: tried 6 times');
		expect(error?.description).toBe(
			'The API key has used up its rate limit. Lower Requests per Minute in the credential, send fewer items at once, or run the workflow later.',
		);
		expect(error?.httpCode).toBe('429');
	});

	it('retry 503 and a reset connection after a backoff, then succeed', async () => {
		const [phone] = api.addBulkContacts(1);
		api.injectFaults(
			{ status: 503, body: { error: 'Service Unavailable', message: 'Try again' } },
			'reset',
		);

		const { outputs, error } = await markDnc([phone], { writesPerMinute: 0 });

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual([[{ item: 0 }, 'DNC']]);
		expect(api.received).toHaveLength(3);
		// the first backoff is at least half of backoffMs (jitter adds up to the other half)
		expect(api.received[1].at - api.received[0].at).toBeGreaterThanOrEqual(
			SHORT_BACKOFFS.backoffMs / 2 - 1,
		);
	});

	it('with Continue On Fail, a server that stays unavailable fails its item only, paired', async () => {
		const phones = api.addBulkContacts(2);
		const badGateway = { status: 502, body: '<html><body>502 Bad Gateway</body></html>' };
		api.injectFaultsWhere(
			(request) => phoneOf(request) === phones[0],
			badGateway,
			badGateway,
			badGateway,
			badGateway,
		);

		// backoffs long enough that their sum reaches the message (from 1 s on)
		const { outputs, error } = await markDnc(
			phones,
			{ writesPerMinute: 0 },
			'continueRegularOutput',
			withRetryPolicy(new Guayaba(), { ...SHORT_BACKOFFS, backoffMs: 400 }),
		);

		expect(error).toBeUndefined();
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toMatch(
			/^Guayaba was unavailable \(HTTP 502\): tried 4 times, after waiting \d+ s$/,
		);
		expect(items[1].json.status).toBe('DNC');
		expect(timesUpdated(phones)).toEqual([0, 1]);
		expect(api.received.map((request) => request.status).sort()).toEqual([200, 502, 502, 502, 502]);
	});
});
