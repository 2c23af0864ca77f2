import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY, STATUSES } from '../../sandbox/guayaba';
import type { ReceivedRequest } from '../../sandbox/server';
import { runNode } from '../helpers/engine';
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
	policy = SHORT_BACKOFFS,
) {
	return runNode({
		nodeType: withRetryPolicy(new Guayaba(), policy),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
		parameters: {
			resource: 'contact',
			operation: 'updateByPhone',
			phone: '={{ $json.phone }}',
			updateFields: { status: 'DNC' },
			options,
		},
		items: phones.map((phone) => ({ json: { phone } })),
		onError,
	});
}

/** How many requests for each phone the server answered (not refused by its rate limit). */
const phoneOf = (request: ReceivedRequest) => (request.body as { phone: string }).phone;

/** How many times the server updated each phone: more than once would mean a request sent twice. */
function timesUpdated(phones: string[]): number[] {
	return phones.map(
		(phone) =>
			api.received.filter((request) => request.status === 200 && phoneOf(request) === phone).length,
	);
}

/** The mean time between requests as the server saw them (one alone can arrive early or late). */
function averageGap(requests: ReceivedRequest[]): number {
	return (requests[requests.length - 1].at - requests[0].at) / (requests.length - 1);
}

function statuses(items: INodeExecutionData[]) {
	return items.map((item) => [item.pairedItem, item.json.error ?? item.json.status]);
}

describe('the rate limit', () => {
	it('spaces the requests of a run to the rate; the few a server window refuses are retried, none lost or sent twice', async () => {
		api.setRateLimit({ requests: 5, windowMs: 1000 });
		const phones = api.addBulkContacts(12);

		const { outputs, error } = await markDnc(phones, { requestsPerMinute: 300 });

		expect(error).toBeUndefined();
		expect(statuses(outputs[0])).toEqual(phones.map((_, item) => [{ item }, 'DNC']));
		expect(api.refused).toBeLessThanOrEqual(2);
		expect(timesUpdated(phones)).toEqual(phones.map(() => 1));
		const sent = api.received.filter((request) => request.method === 'POST');
		expect(averageGap(sent.slice(0, 12))).toBeGreaterThanOrEqual(190);
	});

	it('is shared by two runs on one credential', async () => {
		const phones = api.addBulkContacts(6);

		const [first, second] = await Promise.all([
			markDnc(phones.slice(0, 3), { requestsPerMinute: 240 }),
			markDnc(phones.slice(3), { requestsPerMinute: 240 }),
		]);

		expect(first.error ?? second.error).toBeUndefined();
		expect(api.received).toHaveLength(6);
		expect(averageGap(api.received)).toBeGreaterThanOrEqual(240);
	});
});

describe('Contact Status > Get Many', () => {
	it('spaces its reads to its own Requests per Minute, each input item paired', async () => {
		const { outputs, error } = await runNode({
			nodeType: new Guayaba(),
			credentialType: new GuayabaApi(),
			credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
			parameters: {
				resource: 'contactStatus',
				operation: 'getAll',
				options: { requestsPerMinute: 300 },
			},
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});

		expect(error).toBeUndefined();
		expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual(
			Array(3).fill('GET /contacts/statuses'),
		);
		// about 200 ms apart (the first can arrive a little late), not the 600 ms of Guayaba's 100
		// reads a minute
		expect(averageGap(api.received)).toBeGreaterThanOrEqual(180);
		expect(averageGap(api.received)).toBeLessThan(450);
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

		const { outputs, error } = await markDnc(phones, { requestsPerMinute: 0 });

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
		const phones = api.addBulkContacts(3);
		api.injectFaults({
			status: 429,
			body: { error: 'Too Many Requests', message: 'Rate limit exceeded' },
			headers: { 'Retry-After': '1' },
		});

		const { outputs, error } = await markDnc(phones, {
			requestsPerMinute: 0,
			includeDeliveryDetails: true,
		});

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
		expect(waitedMs).toBeGreaterThanOrEqual(990);
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

		const { error } = await markDnc([phone], { requestsPerMinute: 0 });

		expect(api.received).toHaveLength(6);
		expect(error?.message).toBe('Guayaba rate limited this request: tried 6 times');
		expect(error?.description).toBe(
			'The API key has used up its rate limit. Lower Requests per Minute under Options, send fewer items at once, or run the workflow later.',
		);
		expect(error?.httpCode).toBe('429');
	});

	it('retry 503 and a reset connection after a backoff, then succeed', async () => {
		const [phone] = api.addBulkContacts(1);
		api.injectFaults(
			{ status: 503, body: { error: 'Service Unavailable', message: 'Try again' } },
			'reset',
		);

		const { outputs, error } = await markDnc([phone], { requestsPerMinute: 0 });

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
			{ requestsPerMinute: 0 },
			'continueRegularOutput',
			{ ...SHORT_BACKOFFS, backoffMs: 400 },
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
