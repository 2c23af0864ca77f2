import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { contactsSince, type Cursor } from '../../nodes/GuayabaTrigger/helpers/contactsSince';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { GuayabaTrigger } from '../../nodes/GuayabaTrigger/GuayabaTrigger.node';
import { CAMPAIGNS, FakeGuayaba, GUAYABA_KEY, listedContact } from '../../sandbox/guayaba';
import type { Fault } from '../../sandbox/server';
import { runNode } from '../helpers/engine';
import { PollingTrigger } from '../helpers/triggers';
import { GUAYABA } from '../../nodes/shared/vendors';
import { keyHeld } from '../helpers/events';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

function trigger(parameters: INodeParameters, apiKey = GUAYABA_KEY): PollingTrigger {
	return new PollingTrigger({
		nodeType: new GuayabaTrigger(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey, baseUrl: api.url },
		parameters: { filters: {}, ...parameters },
	});
}

/** Adds a contact through the sandbox's own POST /contacts, created at `at`. */
async function addContact(phone: string, at: string, campaignId = CAMPAIGNS[0].id) {
	api.now = () => new Date(at);
	const response = await fetch(`${api.url}/contacts`, {
		method: 'POST',
		headers: { 'X-API-Key': GUAYABA_KEY, 'Content-Type': 'application/json' },
		body: JSON.stringify({ phoneNumber: phone, campaignId, name: `Contact ${phone}` }),
	});
	const { data } = (await response.json()) as { data: { id: string } };
	return api.contacts.find((contact) => contact.id === data.id)!;
}

async function fulfil(phone: string, at: string) {
	api.now = () => new Date(at);
	await fetch(`${api.url}/contacts/fulfill`, {
		method: 'POST',
		headers: { 'X-API-Key': GUAYABA_KEY, 'Content-Type': 'application/json' },
		body: JSON.stringify({ phone }),
	});
}

const emitted = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map((item) => [item.json.event, item.json.phoneNumber]);

const contactRequests = () =>
	api.received.filter((request) => request.path === '/contacts' && request.method === 'GET');

describe('contactsSince', () => {
	const pages =
		(...lists: IDataObject[][]) =>
		async (page: number) => ({
			records: lists[page - 1] ?? [],
			isLastPage: page >= lists.length,
		});
	// pages of at most 2, so that a page of 2 is not taken for the last
	const bounds = (maxPages: number) => ({ pageSize: 2, maxPages });
	const c = (id: string, at: string | null) => ({ id, createdAt: at });
	const cursor = (at: string, ...ids: string[]): Cursor => ({ key: 'k', at: Date.parse(at), ids });

	it('on the first poll returns nothing, and a cursor at the newest timestamp with its IDs', async () => {
		const found = await contactsSince(
			pages([
				c('x', null),
				c('a', '2026-01-02T00:00:00Z'),
				c('b', '2026-01-02T00:00:00Z'),
				c('z', '2026-01-01T00:00:00Z'),
			]),
			'createdAt',
			'k',
			undefined,
			bounds(5),
		);
		expect(found).toEqual({
			contacts: [],
			cursor: cursor('2026-01-02T00:00:00Z', 'a', 'b'),
			truncated: false,
		});
	});

	it('returns the contacts after the cursor, oldest first, skipping those already emitted at its timestamp', async () => {
		const found = await contactsSince(
			pages(
				[c('d', '2026-01-03T00:00:00Z'), c('c', '2026-01-02T00:00:00Z')],
				[c('b', '2026-01-02T00:00:00Z'), c('a', '2026-01-02T00:00:00Z')],
				[c('z', '2026-01-01T00:00:00Z')],
			),
			'createdAt',
			'k',
			cursor('2026-01-02T00:00:00Z', 'a'),
			bounds(5),
		);
		// b and c share a timestamp: they keep the API's order
		expect(found.contacts.map((contact) => contact.id)).toEqual(['c', 'b', 'd']);
		expect(found.cursor).toEqual(cursor('2026-01-03T00:00:00Z', 'd'));
	});

	it('keeps the IDs already at the cursor when the newest shares its timestamp', async () => {
		const found = await contactsSince(
			pages([c('b', '2026-01-02T00:00:00Z'), c('a', '2026-01-02T00:00:00Z')]),
			'createdAt',
			'k',
			cursor('2026-01-02T00:00:00Z', 'a'),
			bounds(5),
		);
		expect(found.contacts.map((contact) => contact.id)).toEqual(['b']);
		expect(found.cursor).toEqual(cursor('2026-01-02T00:00:00Z', 'a', 'b'));
	});

	it('emits a contact once when a page shift shows it twice', async () => {
		const found = await contactsSince(
			pages(
				[c('c', '2026-01-04T00:00:00Z'), c('b', '2026-01-03T00:00:00Z')],
				[c('b', '2026-01-03T00:00:00Z'), c('a', '2026-01-01T00:00:00Z')],
			),
			'createdAt',
			'k',
			cursor('2026-01-02T00:00:00Z'),
			bounds(5),
		);
		expect(found.contacts.map((contact) => contact.id)).toEqual(['b', 'c']);
	});

	it('starts over (first poll) when the event or filters changed', async () => {
		const found = await contactsSince(
			pages([c('b', '2026-01-03T00:00:00Z')]),
			'createdAt',
			'other',
			cursor('2026-01-01T00:00:00Z'),
			bounds(5),
		);
		expect(found.contacts).toEqual([]);
		expect(found.cursor).toEqual({
			key: 'other',
			at: Date.parse('2026-01-03T00:00:00Z'),
			ids: ['b'],
		});
	});

	it('says when the page bound was reached before the cursor', async () => {
		const found = await contactsSince(
			pages(
				[c('c', '2026-01-04T00:00:00Z')],
				[c('b', '2026-01-03T00:00:00Z')],
				[c('a', '2026-01-02T00:00:00Z')],
			),
			'createdAt',
			'k',
			cursor('2026-01-01T00:00:00Z'),
			{ pageSize: 1, maxPages: 2 },
		);
		expect([found.contacts.map((contact) => contact.id), found.truncated]).toEqual([
			['b', 'c'],
			true,
		]);
	});
});

describe('Guayaba Trigger through n8n-core (PollContext) against the sandbox', () => {
	it('emits nothing old on the first poll, then each new contact once, oldest first', async () => {
		const poller = trigger({ event: 'contactCreated' });
		expect(await poller.poll()).toBeNull();

		await addContact('+14155550101', '2026-06-01T10:00:00.000Z');
		await addContact('+14155550102', '2026-06-01T10:00:01.000Z');
		expect(emitted(await poller.poll())).toEqual([
			['contactCreated', '+14155550101'],
			['contactCreated', '+14155550102'],
		]);
		expect(await poller.poll()).toBeNull();

		await addContact('+14155550103', '2026-06-01T10:05:00.000Z');
		const items = await poller.poll();
		const created = api.contacts.find((contact) => contact.phoneNumber === '+14155550103')!;
		expect(items).toEqual([{ json: { event: 'contactCreated', ...listedContact(created) } }]);
		expect(contactRequests()[0].query).toEqual({
			sortBy: 'createdAt',
			sortOrder: 'desc',
			page: '1',
			limit: '100',
		});
	});

	it('reads every page when more arrived than a page holds, and emits each once', async () => {
		const poller = trigger({ event: 'contactCreated' });
		await poller.poll();
		api.contactsPageCap = 2;
		const phones = ['+14155550111', '+14155550112', '+14155550113', '+14155550114', '+14155550115'];
		for (const [index, phone] of phones.entries())
			await addContact(phone, `2026-06-02T10:00:0${index}.000Z`);
		api.received.length = 0;
		// a contact arrives while the poll reads page 2: the pages shift by one
		api.beforeContactsPage = (page) => {
			if (page === 2) void addContact('+14155550116', '2026-06-02T10:00:09.000Z');
		};
		const first = emitted(await poller.poll());
		api.beforeContactsPage = undefined;
		expect(contactRequests().map((request) => request.query.page)).toEqual(['1', '2', '3', '4']);
		const second = emitted(await poller.poll());
		expect([...first, ...second]).toEqual(
			[...phones, '+14155550116'].map((phone) => ['contactCreated', phone]),
		);
	});

	it('emits a contact that shares the last timestamp, and not the one emitted before', async () => {
		const poller = trigger({ event: 'contactCreated' });
		await poller.poll();
		await addContact('+14155550121', '2026-06-03T10:00:00.000Z');
		expect(emitted(await poller.poll())).toEqual([['contactCreated', '+14155550121']]);
		await addContact('+14155550122', '2026-06-03T10:00:00.000Z');
		expect(emitted(await poller.poll())).toEqual([['contactCreated', '+14155550122']]);
		expect(await poller.poll()).toBeNull();
		expect(poller.staticData.cursor).toEqual({
			key: JSON.stringify(['createdAt', '', '']),
			at: Date.parse('2026-06-03T10:00:00.000Z'),
			ids: api.contacts.slice(-2).map((contact) => contact.id),
		});
	});

	it('emits a contact fulfilled since the last poll, skipping contacts never fulfilled', async () => {
		const poller = trigger({ event: 'contactFulfilled' });
		const contact = await addContact('+14155550131', '2026-06-04T10:00:00.000Z');
		expect(await poller.poll()).toBeNull();
		await fulfil(contact.phoneNumber, '2026-06-04T11:00:00.000Z');
		const items = await poller.poll();
		expect(items?.map((item) => [item.json.event, item.json.id, item.json.fulfilledAt])).toEqual([
			['contactFulfilled', contact.id, '2026-06-04T11:00:00.000Z'],
		]);
	});

	it('emits a contact re-added to outreach', async () => {
		const poller = trigger({ event: 'contactReAdded' });
		const contact = await addContact('+14155550141', '2026-06-05T10:00:00.000Z');
		await fulfil(contact.phoneNumber, '2026-06-05T10:30:00.000Z');
		expect(await poller.poll()).toBeNull();
		await addContact(contact.phoneNumber, '2026-06-05T11:00:00.000Z');
		expect(
			(await poller.poll())?.map((item) => [item.json.event, item.json.id, item.json.reAddedAt]),
		).toEqual([['contactReAdded', contact.id, '2026-06-05T11:00:00.000Z']]);
	});

	it('sends the campaign and status filters, and emits only what matches them', async () => {
		const poller = trigger({
			event: 'contactCreated',
			filters: { campaignIds: [CAMPAIGNS[1].id, CAMPAIGNS[2].id], status: 'active' },
		});
		await poller.poll();
		await addContact('+14155550151', '2026-06-06T10:00:00.000Z', CAMPAIGNS[0].id);
		await addContact('+14155550152', '2026-06-06T10:00:01.000Z', CAMPAIGNS[2].id);
		expect(emitted(await poller.poll())).toEqual([['contactCreated', '+14155550152']]);
		expect(contactRequests()[0].query).toEqual({
			sortBy: 'createdAt',
			sortOrder: 'desc',
			campaignId: `${CAMPAIGNS[1].id},${CAMPAIGNS[2].id}`,
			status: 'active',
			page: '1',
			limit: '100',
		});
	});

	it('in a manual test emits the newest contact, to show its shape', async () => {
		await addContact('+14155550161', '2026-06-07T10:00:00.000Z');
		const newest = api.contacts.find((contact) => contact.phoneNumber === '+14155550161')!;
		expect(await trigger({ event: 'contactCreated' }).poll('manual')).toEqual([
			{ json: { event: 'contactCreated', ...listedContact(newest) } },
		]);
	});

	it('fails with the shared message when the key is refused, and never shows the key', async () => {
		const error = await trigger({ event: 'contactCreated' }, 'gua_wrong_key')
			.poll()
			.catch((caught: Error) => caught);
		expect((error as Error).message).toBe('The API key was refused: check the Guayaba credential');
		expect(JSON.stringify(error)).not.toContain('gua_wrong_key');
	});

	/**
	 * n8n 2.40.1+ reads `failure` on a poll's error (n8n's poll-backoff-policy.js,
	 * `pollFailureDeclaredByNode`): a timed cause waits at least `retryAfterMs`, an actionable one
	 * backs off the longest. The shape is n8n-workflow's `Failure` (errors/failure.d.ts). Each poll
	 * has a server of its own, so that the key the limiter holds after a 429 holds no other test.
	 */
	async function pollFailure(fault: Fault | undefined, apiKey = GUAYABA_KEY) {
		const own = await new FakeGuayaba().start();
		try {
			if (fault) own.injectFaults(fault);
			const poller = new PollingTrigger({
				nodeType: new GuayabaTrigger(),
				credentialType: new GuayabaApi(),
				credentials: { apiKey, baseUrl: own.url },
				parameters: { event: 'contactCreated', filters: {} },
			});
			const error = await poller.poll().then(
				() => undefined,
				(caught: unknown) => caught,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			const { message, failure } = error as NodeApiError;
			return { message, failure, requests: own.received.length };
		} finally {
			await own.stop();
		}
	}

	it('reports a refused key as an invalid credential, for n8n to stop polling', async () => {
		expect(await pollFailure(undefined, 'gua_wrong_key')).toEqual({
			message: 'The API key was refused: check the Guayaba credential',
			failure: { cause: 'credential-invalid' },
			requests: 1,
		});
	});

	it('reports a 429 with Retry-After as rate-limited, with the wait the API asked for', async () => {
		const fault = {
			status: 429,
			body: { error: 'Too many requests' },
			headers: { 'Retry-After': '2' },
		};
		expect(await pollFailure(fault)).toEqual({
			message: 'Too many requests',
			failure: { cause: 'rate-limited', retryAfterMs: 2000 },
			requests: 1,
		});
	});

	it('reports a 429 without Retry-After as rate-limited with no wait of its own: n8n backs off on its curve', async () => {
		expect(await pollFailure({ status: 429, body: { error: 'Too many requests' } })).toEqual({
			message: 'Too many requests',
			failure: { cause: 'rate-limited' },
			requests: 1,
		});
	});

	it('reports a 503 as temporarily unavailable', async () => {
		expect(await pollFailure({ status: 503, body: { error: 'Service unavailable' } })).toEqual({
			message: 'Service unavailable',
			failure: { cause: 'temporarily-unavailable' },
			requests: 1,
		});
	});

	it('shares the read budget of the credential with the Guayaba node', async () => {
		const poller = trigger({ event: 'contactCreated' });
		// the node's read is refused with Retry-After: 1, which holds the key: the poll, on the same
		// key, waits for the hold to end instead of being refused too
		api.injectFaults({
			status: 429,
			body: { error: 'Too many requests' },
			headers: { 'Retry-After': '1' },
		});
		const nodeRun = runNode({
			nodeType: new Guayaba(),
			credentialType: new GuayabaApi(),
			credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
			parameters: { resource: 'contactStatus', operation: 'getAll' },
		});
		await keyHeld(GUAYABA, { apiKey: GUAYABA_KEY, baseUrl: api.url }, 'GET');
		await poller.poll();
		const { error } = await nodeRun;
		const reads = api.received.filter((request) => request.method === 'GET');
		expect([error, reads.map((request) => [request.path, request.status])]).toEqual([
			undefined,
			[['/contacts/statuses', 429], expect.arrayContaining([200]), expect.arrayContaining([200])],
		]);
		const poll = reads.find((request) => request.path === '/contacts')!;
		expect(poll.at - reads[0].at).toBeGreaterThanOrEqual(900);
	});
});
