import { CALLAIDAN_KEY, FakeCallAidan, seedCallAidanContacts } from '../../sandbox/callAidan';
import {
	APPOINTMENT_CAMPAIGN_IDS,
	CAMPAIGNS,
	FakeGuayaba,
	GUAYABA_KEY,
	seedContacts,
	SPLITTERS,
} from '../../sandbox/guayaba';

const guayaba = new FakeGuayaba();
const callAidan = new FakeCallAidan();
beforeAll(async () => {
	await Promise.all([guayaba.start(), callAidan.start()]);
});
afterAll(async () => {
	await Promise.all([guayaba.stop(), callAidan.stop()]);
});
beforeEach(() => {
	guayaba.reset();
	callAidan.reset();
	guayaba.now = () => new Date('2026-03-01T12:00:00.000Z');
	callAidan.now = () => new Date('2026-03-01T12:00:00.000Z');
});

async function call(
	server: FakeGuayaba | FakeCallAidan,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: unknown }> {
	const headers: Record<string, string> =
		server === guayaba ? { 'X-API-Key': GUAYABA_KEY } : { Authorization: CALLAIDAN_KEY };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const [john, ana, sam, lea] = seedContacts();

describe('Guayaba sandbox: GET /contacts', () => {
	it('lists by createdAt, newest first, 25 a page, with total, page and limit', async () => {
		const { status, body } = await call(guayaba, 'GET', '/contacts');
		expect(status).toBe(200);
		expect(body).toEqual({
			contacts: [sam, ana, john, lea].map((contact) => ({
				id: contact.id,
				name: contact.name,
				phoneNumber: contact.phoneNumber,
				timezone: contact.timezone,
				status: contact.status,
				customVariables: contact.customVariables,
				createdAt: contact.createdAt,
				fulfilledAt: contact.fulfilledAt,
				reAddedAt: contact.reAddedAt,
				campaigns: [
					{
						id: contact.campaignId,
						name: CAMPAIGNS.find((campaign) => campaign.id === contact.campaignId)!.name,
					},
				],
			})),
			pagination: { total: 4, page: 1, limit: 25 },
		});
	});

	it('pages by page number, the last page short', async () => {
		guayaba.addBulkContacts(250);
		const pages = await Promise.all(
			[1, 3, 4].map((page) =>
				call(guayaba, 'GET', `/contacts?page=${page}&limit=100&sortOrder=asc`),
			),
		);
		const bodies = pages.map(
			(page) => page.body as { contacts: Array<{ id: string }>; pagination: unknown },
		);
		expect(bodies.map((body) => [body.contacts.length, body.pagination])).toEqual([
			[100, { total: 254, page: 1, limit: 100 }],
			[54, { total: 254, page: 3, limit: 100 }],
			[0, { total: 254, page: 4, limit: 100 }],
		]);
		// ascending: the oldest seeded contact first, the newest bulk contact last
		expect(bodies[0].contacts[0].id).toBe(lea.id);
		expect(bodies[1].contacts.at(-1)!.id).toBe('00000000-0000-4000-8000-000000000249');
	});

	it('caps the page size when told to, and reports the size it used', async () => {
		guayaba.contactsPageCap = 2;
		const { body } = await call(guayaba, 'GET', '/contacts?limit=100&page=2');
		expect(body).toMatchObject({ pagination: { total: 4, page: 2, limit: 2 } });
		expect((body as { contacts: Array<{ id: string }> }).contacts.map((c) => c.id)).toEqual([
			john.id,
			lea.id,
		]);
	});

	it.each([
		['status=paused', [sam.id]],
		[`campaignId=${CAMPAIGNS[0].id},${CAMPAIGNS[2].id}`, [sam.id, john.id, lea.id]],
		['search=ana', [ana.id]],
		['search=%2B4420&searchBy=phone', [sam.id]],
		['search=4420&searchBy=name', []],
		['search=doe&searchBy=name', [john.id]],
		// never fulfilled or re-added last, in ID order
		['sortBy=fulfilledAt', [lea.id, john.id, ana.id, sam.id]],
		['sortBy=reAddedAt&sortOrder=asc', [john.id, ana.id, sam.id, lea.id]],
		['sortOrder=asc', [lea.id, john.id, ana.id, sam.id]],
	])('filters and sorts: %s', async (query, ids) => {
		const { status, body } = await call(guayaba, 'GET', `/contacts?${query}`);
		expect(status).toBe(200);
		expect((body as { contacts: Array<{ id: string }> }).contacts.map((c) => c.id)).toEqual(ids);
	});

	it.each([
		['page=0', 'page must be a positive integer'],
		['limit=abc', 'limit must be a positive integer'],
		['campaignId=summer', 'Invalid campaignId: summer'],
		['searchBy=email', 'searchBy must be one of: name, phone'],
		['sortBy=name', 'sortBy must be one of: createdAt, fulfilledAt, reAddedAt'],
		['sortOrder=up', 'sortOrder must be one of: asc, desc'],
	])('refuses %s', async (query, message) => {
		expect(await call(guayaba, 'GET', `/contacts?${query}`)).toEqual({
			status: 400,
			body: { error: 'Bad Request', message },
		});
	});

	it('runs beforeContactsPage before answering each page', async () => {
		const pages: number[] = [];
		guayaba.beforeContactsPage = (page) => pages.push(page);
		await call(guayaba, 'GET', '/contacts?page=2');
		await call(guayaba, 'GET', '/contacts');
		expect(pages).toEqual([2, 1]);
	});
});

describe('Guayaba sandbox: POST /contacts, POST /contacts/fulfill, GET /campaigns', () => {
	it('creates a contact in a campaign, its time zone guessed from the phone', async () => {
		const { status, body } = await call(guayaba, 'POST', '/contacts', {
			phoneNumber: '+34612345678',
			campaignId: CAMPAIGNS[1].id,
			name: 'Marta Gil',
			customVariables: { source: 'form', score: 7 },
		});
		expect(status).toBe(201);
		expect(body).toEqual({
			success: true,
			data: {
				id: '7c9e6679-7425-40de-944b-000000000001',
				phoneNumber: '+34612345678',
				name: 'Marta Gil',
				campaignId: CAMPAIGNS[1].id,
				customVariables: { source: 'form', score: 7 },
				timezone: 'Europe/Madrid',
				status: 'active',
				createdAt: '2026-03-01T12:00:00.000Z',
				updatedAt: '2026-03-01T12:00:00.000Z',
			},
		});
		const listed = await call(guayaba, 'GET', '/contacts?search=Marta');
		expect(listed.body).toMatchObject({
			contacts: [{ createdAt: '2026-03-01T12:00:00.000Z', fulfilledAt: null, reAddedAt: null }],
		});
	});

	it.each([
		['+14155550123', 'America/Los_Angeles'],
		['+13125550123', 'America/Chicago'],
		['+19155550123', 'America/Denver'],
		['+16025550123', 'America/Phoenix'],
		['+19075550123', 'America/Anchorage'],
		['+18085550123', 'Pacific/Honolulu'],
		['+12125550123', 'America/New_York'],
		['+16045550123', 'America/Vancouver'],
		['+15145550123', 'America/Toronto'],
		['+17875550123', 'America/Puerto_Rico'],
		['+12195550123', 'America/Chicago'],
		['+18675550123', 'America/Edmonton'],
		['+12465550123', 'America/Barbados'],
		['+14415550123', 'Atlantic/Bermuda'],
		['+18685550123', 'America/Port_of_Spain'],
	])('guesses the time zone of %s from its area code: %s', async (phoneNumber, timezone) => {
		const { status, body } = await call(guayaba, 'POST', '/contacts', {
			phoneNumber,
			campaignId: CAMPAIGNS[0].id,
		});
		expect([status, (body as { data: { timezone: string } }).data.timezone]).toEqual([
			201,
			timezone,
		]);
	});

	it('sends a contact through a splitter to its campaigns in turn, values as strings only', async () => {
		const [splitter] = SPLITTERS;
		const first = await call(guayaba, 'POST', '/contacts', {
			phoneNumber: '+14155550001',
			splitterId: splitter.id,
			customVariables: { budget: '50000' },
		});
		const second = await call(guayaba, 'POST', '/contacts', {
			phoneNumber: '+14155550002',
			splitterId: splitter.id,
		});
		expect(
			[first, second].map(
				(answer) => (answer.body as { data: { campaignId: string } }).data.campaignId,
			),
		).toEqual(splitter.campaignIds);
		expect(
			await call(guayaba, 'POST', '/contacts', {
				phoneNumber: '+14155550003',
				splitterId: splitter.id,
				customVariables: { budget: 50000 },
			}),
		).toEqual({
			status: 400,
			body: { error: 'Bad Request', message: 'customVariables values must all be strings' },
		});
	});

	it('upserts by phone: an active contact is updated, a fulfilled one re-added', async () => {
		const updated = await call(guayaba, 'POST', '/contacts', {
			phoneNumber: ana.phoneNumber,
			campaignId: CAMPAIGNS[3].id,
			name: 'Ana R.',
		});
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({
			data: { id: ana.id, name: 'Ana R.', campaignId: CAMPAIGNS[3].id, status: 'active' },
		});
		const readded = await call(guayaba, 'POST', '/contacts', {
			phoneNumber: lea.phoneNumber,
			campaignId: CAMPAIGNS[0].id,
		});
		expect(readded.body).toMatchObject({ data: { id: lea.id, status: 'active' } });
		expect(guayaba.contacts.find((contact) => contact.id === lea.id)).toMatchObject({
			reAddedAt: '2026-03-01T12:00:00.000Z',
			fulfilledAt: lea.fulfilledAt,
		});
		expect(guayaba.contacts).toHaveLength(4);
	});

	it.each([
		[{ campaignId: CAMPAIGNS[0].id }, 400, 'phoneNumber is required in E.164 format'],
		[{ phoneNumber: '+14155550001' }, 400, 'campaignId or splitterId is required'],
		[{ phoneNumber: '+14155550001', campaignId: 'x' }, 400, 'Invalid campaignId'],
		[
			{ phoneNumber: '+14155550001', campaignId: '00000000-0000-4000-8000-000000000000' },
			404,
			'Campaign not found',
		],
		[
			{ phoneNumber: '+14155550001', splitterId: '00000000-0000-4000-8000-000000000000' },
			404,
			'Splitter not found',
		],
		[
			{ phoneNumber: '+14155550001', campaignId: CAMPAIGNS[0].id, name: 'x'.repeat(256) },
			400,
			'name must be a string of at most 255 characters',
		],
		[
			{ phoneNumber: '+14155550001', campaignId: CAMPAIGNS[0].id, timezone: 'Mars/Olympus' },
			400,
			'Invalid timezone: Mars/Olympus',
		],
		[
			{ phoneNumber: '+14155550001', campaignId: APPOINTMENT_CAMPAIGN_IDS[0] },
			400,
			'customVariables.email is required for campaigns with appointment scheduling',
		],
	])('refuses a create with %j', async (body, status, message) => {
		const answer = await call(guayaba, 'POST', '/contacts', body);
		expect(answer.status).toBe(status);
		expect((answer.body as { message: string }).message).toBe(message);
	});

	it('fulfils by phone: status fulfilled, fulfilledAt recorded, no contact in the answer', async () => {
		expect(await call(guayaba, 'POST', '/contacts/fulfill', { phone: ana.phoneNumber })).toEqual({
			status: 200,
			body: { success: true, message: 'Contact marked as fulfilled successfully' },
		});
		expect(guayaba.contacts.find((contact) => contact.id === ana.id)).toMatchObject({
			status: 'fulfilled',
			fulfilledAt: '2026-03-01T12:00:00.000Z',
		});
		expect(await call(guayaba, 'POST', '/contacts/fulfill', { phone: '+19995550100' })).toEqual({
			status: 404,
			body: { error: 'Not Found', message: 'Contact not found' },
		});
		expect((await call(guayaba, 'POST', '/contacts/fulfill', { phone: '555' })).status).toBe(400);
	});

	it('filters campaigns by status and name, with totalPages and currentPage', async () => {
		const { body } = await call(guayaba, 'GET', '/campaigns?status=paused&search=CAMPAIGN 1');
		expect(body).toEqual({
			data: CAMPAIGNS.filter(
				(campaign) => campaign.status === 'paused' && campaign.name.startsWith('Campaign 1'),
			),
			pagination: { total: 5, totalPages: 1, currentPage: 1, limit: 10 },
		});
		expect((await call(guayaba, 'GET', '/campaigns?status=archived')).status).toBe(400);
	});
});

describe('CallAidan sandbox: POST /contacts/ and GET /contacts/{id}/', () => {
	const [maria] = seedCallAidanContacts();

	it('creates a contact and answers with no body; Get shows it', async () => {
		expect(
			await call(callAidan, 'POST', '/contacts/', {
				full_name: 'jean-luc PICARD',
				phone_number: '+14155550188',
				email: 'JL@Example.com',
				tags: ['lead', 'web'],
				custom_fields: { plan: 'pro', unknown: 'x' },
			}),
		).toEqual({ status: 200, body: undefined });
		const id = '8f14e45f-ceea-4e7a-9d2b-000000000001';
		expect(await call(callAidan, 'GET', `/contacts/${id}/`)).toEqual({
			status: 200,
			body: {
				id,
				name: 'Jean-Luc Picard',
				email: 'jl@example.com',
				phone: '+14155550188',
				business_name: null,
				notes: null,
				tags: ['lead', 'web'],
				lead_source: 'api',
				is_dnd: false,
				profile_picture_url: null,
				last_activity: null,
				created_at: '2026-03-01T12:00:00Z',
				active_chat_agent: null,
				recent_activity: [],
			},
		});
		expect(callAidan.contacts.at(-1)!.custom_fields).toEqual({ plan: 'pro' });
	});

	it('upserts by phone and merges the tags', async () => {
		await call(callAidan, 'POST', '/contacts/', {
			phone_number: maria.phone,
			tags: ['vip', 'lead'],
			is_dnd: 'yes',
		});
		expect(callAidan.contacts).toHaveLength(1);
		expect(callAidan.contacts[0]).toMatchObject({ tags: ['lead', 'vip'], is_dnd: true });
	});

	it('Get shows the three most recent threads and the chat agent', async () => {
		const { body } = await call(callAidan, 'GET', `/contacts/${maria.id}/`);
		const detail = body as {
			recent_activity: Array<{ created_at: string }>;
			active_chat_agent: unknown;
		};
		expect(detail.recent_activity.map((thread) => thread.created_at)).toEqual([
			'2023-11-07T05:31:56Z',
			'2023-11-06T09:12:00Z',
			'2023-11-03T16:20:00Z',
		]);
		expect(detail.active_chat_agent).toEqual({
			id: '4e7d2a9c-1b3f-4c5d-9e8a-7f6b5c4d3e2a',
			name: 'Aidan Chat',
			active: true,
		});
	});

	it.each([
		[{ tags: 'vip', phone_number: '+14155550188' }, { tags: ['Expected a list of items.'] }],
		[{ notes: 'x' }, { non_field_errors: ['A phone_number or an email is required.'] }],
		[{ phone_number: '12' }, { phone_number: ['Enter a valid phone number.'] }],
	])('refuses a create with %j', async (body, errors) => {
		expect(await call(callAidan, 'POST', '/contacts/', body)).toEqual({
			status: 400,
			body: errors,
		});
	});

	it('answers 404 for an unknown contact, and for pn=true on a contact with no phone', async () => {
		expect(
			(await call(callAidan, 'GET', '/contacts/00000000-0000-4000-8000-000000000000/')).status,
		).toBe(404);
		callAidan.contacts[0].phone = null;
		expect((await call(callAidan, 'GET', `/contacts/${maria.id}/?pn=true`)).status).toBe(404);
		expect((await call(callAidan, 'GET', `/contacts/${maria.id}/`)).status).toBe(200);
	});
});
