/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up keys for the loopback test server */
import { northAmericanTimeZone } from './areaCodes';
import type { Answer, ReceivedRequest } from './server';
import { LoopbackServer } from './server';

export const GUAYABA_KEY = 'gua_a1b2c3d4_test-key-never-shown';

export const STATUSES = [
	{
		id: 'a1b2c3d4-0000-0000-0000-000000000001',
		name: 'active',
		label: 'Active',
		description: null,
		color: '#10B981',
		isTerminal: false,
		isSystem: true,
		excludeFromStats: false,
		displayOrder: 0,
	},
	{
		id: 'a1b2c3d4-0000-0000-0000-000000000003',
		name: 'paused',
		label: 'Paused',
		description: null,
		color: '#F59E0B',
		isTerminal: true,
		isSystem: false,
		excludeFromStats: false,
		displayOrder: 3,
	},
	{
		id: 'a1b2c3d4-0000-0000-0000-000000000002',
		name: 'fulfilled',
		label: 'Fulfilled',
		description: null,
		color: '#6366F1',
		isTerminal: true,
		isSystem: true,
		excludeFromStats: false,
		displayOrder: 2,
	},
	{
		id: 'a1b2c3d4-0000-0000-0000-000000000004',
		name: 'DNC',
		label: 'Do Not Call',
		description: null,
		color: '#EF4444',
		isTerminal: true,
		isSystem: true,
		excludeFromStats: false,
		displayOrder: 4,
	},
];

/** 23 campaigns, so that the loader has to read three pages of 10. */
export const CAMPAIGNS = Array.from({ length: 23 }, (_, index) => ({
	id: `d290f1ee-6c54-4b01-90e6-${String(index).padStart(12, '0')}`,
	name: `Campaign ${String(index + 1).padStart(2, '0')}`,
	status: index % 2 === 0 ? 'active' : 'paused',
}));

/** Campaigns with appointment scheduling on: a contact created in one needs `customVariables.email`. */
export const APPOINTMENT_CAMPAIGN_IDS = [CAMPAIGNS[4].id];

/**
 * Splitters, which only the dashboard manages: each sends the contacts it receives to its campaigns
 * in turn (the real ones split by percentage, time or results).
 */
export const SPLITTERS = [
	{
		id: '7f3c9a2e-5b1d-4e8f-9a6c-2d4b8e1f0a35',
		campaignIds: [CAMPAIGNS[2].id, CAMPAIGNS[6].id],
	},
];

export interface Contact {
	id: string;
	phoneNumber: string;
	name: string | null;
	status: string;
	campaignId: string;
	timezone: string;
	customVariables: Record<string, unknown>;
	createdAt: string;
	fulfilledAt: string | null;
	reAddedAt: string | null;
	updatedAt: string;
}

export function seedContacts(): Contact[] {
	return [
		{
			id: '550e8400-e29b-41d4-a716-446655440000',
			phoneNumber: '+11234567890',
			name: 'John Doe',
			status: 'active',
			campaignId: CAMPAIGNS[0].id,
			timezone: 'America/New_York',
			customVariables: { email: 'john@example.com' },
			createdAt: '2025-11-03T14:05:00.000Z',
			fulfilledAt: null,
			reAddedAt: '2025-12-20T09:30:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
		},
		{
			id: '550e8400-e29b-41d4-a716-446655440001',
			phoneNumber: '+14155552671',
			name: 'Ana Ruiz',
			status: 'active',
			campaignId: CAMPAIGNS[1].id,
			timezone: 'America/Los_Angeles',
			customVariables: {},
			createdAt: '2025-12-01T10:00:00.000Z',
			fulfilledAt: null,
			reAddedAt: null,
			updatedAt: '2026-01-01T00:00:00.000Z',
		},
		{
			id: '550e8400-e29b-41d4-a716-446655440002',
			phoneNumber: '+442079460958',
			name: 'Sam Lee',
			status: 'paused',
			campaignId: CAMPAIGNS[2].id,
			timezone: 'Europe/London',
			customVariables: {},
			createdAt: '2025-12-15T16:45:00.000Z',
			fulfilledAt: null,
			reAddedAt: null,
			updatedAt: '2026-01-01T00:00:00.000Z',
		},
		{
			id: '550e8400-e29b-41d4-a716-446655440003',
			phoneNumber: '+33612345678',
			name: 'Léa Martin',
			status: 'fulfilled',
			campaignId: CAMPAIGNS[0].id,
			timezone: 'Europe/Paris',
			customVariables: { email: 'lea@example.com', plan: 'pro' },
			createdAt: '2025-10-20T08:00:00.000Z',
			fulfilledAt: '2025-11-28T17:20:00.000Z',
			reAddedAt: null,
			updatedAt: '2026-01-01T00:00:00.000Z',
		},
	];
}

export const UPDATED_AT = '2026-04-22T15:30:00.000Z';

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTACT_SORT_KEYS = ['createdAt', 'fulfilledAt', 'reAddedAt'] as const;
type ContactSortKey = (typeof CONTACT_SORT_KEYS)[number];

/**
 * The time zone Guayaba guesses from a phone number when none is sent: from its area code in
 * North America, from its country code elsewhere.
 */
function guessedTimeZone(phone: string): string {
	if (phone.startsWith('+1')) return northAmericanTimeZone(phone);
	return TIME_ZONES_BY_PREFIX.find(([prefix]) => phone.startsWith(prefix))?.[1] ?? 'UTC';
}

const TIME_ZONES_BY_PREFIX: Array<[string, string]> = [
	['+33', 'Europe/Paris'],
	['+34', 'Europe/Madrid'],
	['+44', 'Europe/London'],
	['+49', 'Europe/Berlin'],
];

function error(status: number, errorName: string, message: string): Answer {
	return { status, body: { error: errorName, message } };
}

function badRequest(message: string): Answer {
	return error(400, 'Bad Request', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A page number or size from the query: a whole number from 1, or the default when absent. */
function positiveInteger(value: string | undefined, fallback: number): number | undefined {
	if (value === undefined) return fallback;
	return /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

/** A contact as the contacts list shows it: its campaigns as `{ id, name }`, no `updatedAt`. */
export function listedContact(contact: Contact): Record<string, unknown> {
	const campaign = CAMPAIGNS.find((candidate) => candidate.id === contact.campaignId);
	return {
		id: contact.id,
		name: contact.name,
		phoneNumber: contact.phoneNumber,
		timezone: contact.timezone,
		status: contact.status,
		customVariables: contact.customVariables,
		createdAt: contact.createdAt,
		fulfilledAt: contact.fulfilledAt,
		reAddedAt: contact.reAddedAt,
		campaigns: campaign ? [{ id: campaign.id, name: campaign.name }] : [],
	};
}

/** A contact as Create answers it, under `data`. */
export function createdContact(contact: Contact): Record<string, unknown> {
	return {
		id: contact.id,
		phoneNumber: contact.phoneNumber,
		name: contact.name,
		campaignId: contact.campaignId,
		customVariables: contact.customVariables,
		timezone: contact.timezone,
		status: contact.status,
		createdAt: contact.createdAt,
		updatedAt: contact.updatedAt,
	};
}

/**
 * Guayaba as its docs describe it: X-API-Key auth, JSON errors `{ error, message }`, the contacts
 * list paged by page number (`{ contacts, pagination: { total, page, limit } }`) and the campaigns
 * list with other pagination keys (`{ data, pagination: { total, totalPages, currentPage, limit } }`).
 */
export class FakeGuayaba extends LoopbackServer {
	contacts: Contact[] = seedContacts();

	/** The server's clock, for `createdAt`, `fulfilledAt` and `reAddedAt`; tests may fix it. */
	now: () => Date = () => new Date();

	/** The most contacts a page holds whatever `limit` asks; none by default, as documented. */
	contactsPageCap?: number;

	/** Called before each contacts page is answered, to change the list while a client pages. */
	beforeContactsPage?: (page: number) => void;

	private createdCount = 0;

	private splitterTurns = 0;

	constructor() {
		super((request) => this.route(request));
		this.vendorControls.set('POST /__sandbox/bulk-contacts', (request) => {
			const { count } = request.body as { count: number };
			return { status: 200, body: { phones: this.addBulkContacts(count) } };
		});
	}

	reset(): void {
		super.reset();
		this.contacts = seedContacts();
		this.now = () => new Date();
		this.contactsPageCap = undefined;
		this.beforeContactsPage = undefined;
		this.createdCount = 0;
		this.splitterTurns = 0;
	}

	/**
	 * Adds `count` contacts with the phones +13125550000, +13125550001, ..., created a second
	 * apart from 2026-02-01, and returns the phones.
	 */
	addBulkContacts(count: number): string[] {
		const phones = Array.from(
			{ length: count },
			(_, index) => `+1312555${String(index).padStart(4, '0')}`,
		);
		for (const [index, phone] of phones.entries()) {
			this.contacts.push({
				id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
				phoneNumber: phone,
				name: `Bulk ${index}`,
				status: 'active',
				campaignId: CAMPAIGNS[0].id,
				timezone: northAmericanTimeZone(phone),
				customVariables: {},
				createdAt: new Date(Date.UTC(2026, 1, 1) + index * 1000).toISOString(),
				fulfilledAt: null,
				reAddedAt: null,
				updatedAt: '2026-01-01T00:00:00.000Z',
			});
		}
		return phones;
	}

	protected rateLimitedBody(retryAfter: number | undefined): unknown {
		return { error: 'Too Many Requests', message: 'Rate limit exceeded', retryAfter };
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers['x-api-key'] !== GUAYABA_KEY) {
			return error(401, 'Unauthorized', 'Invalid or missing API key');
		}
		const byId = /^\/contacts\/([^/]+)$/.exec(request.path);
		const body = request.body as Record<string, unknown> | undefined;
		if (request.method === 'GET' && request.path === '/contacts/statuses') {
			return { status: 200, body: STATUSES };
		}
		if (request.method === 'GET' && request.path === '/campaigns') return this.campaigns(request);
		if (request.method === 'GET' && request.path === '/contacts') return this.listContacts(request);
		if (request.method === 'POST' && request.path === '/contacts') return this.createContact(body);
		if (request.method === 'POST' && request.path === '/contacts/fulfill')
			return this.fulfill(body);
		if (request.method === 'POST' && request.path === '/contacts/update') {
			return this.updateByPhone(body);
		}
		if (request.method === 'PUT' && byId && !['update', 'statuses', 'fulfill'].includes(byId[1])) {
			return this.updateById(decodeURIComponent(byId[1]), body);
		}
		return error(404, 'Not Found', `Cannot ${request.method} ${request.path}`);
	}

	private campaigns(request: ReceivedRequest): Answer {
		const page = positiveInteger(request.query.page, 1);
		const limit = positiveInteger(request.query.limit, 10);
		if (page === undefined) return badRequest('page must be a positive integer');
		if (limit === undefined) return badRequest('limit must be a positive integer');
		const { status, search } = request.query;
		if (status !== undefined && status !== 'active' && status !== 'paused') {
			return badRequest('status must be one of: active, paused');
		}
		const matching = CAMPAIGNS.filter(
			(campaign) =>
				(status === undefined || campaign.status === status) &&
				(search === undefined || campaign.name.toLowerCase().includes(search.toLowerCase())),
		);
		// a server that caps the page size below what the client asks for
		const size = Math.min(limit, 10);
		const data = matching.slice((page - 1) * size, page * size);
		return {
			status: 200,
			body: {
				data,
				pagination: {
					total: matching.length,
					totalPages: Math.ceil(matching.length / size),
					currentPage: page,
					limit: size,
				},
			},
		};
	}

	private listContacts(request: ReceivedRequest): Answer {
		const { query } = request;
		const page = positiveInteger(query.page, 1);
		const limit = positiveInteger(query.limit, 25);
		if (page === undefined) return badRequest('page must be a positive integer');
		if (limit === undefined) return badRequest('limit must be a positive integer');
		const campaignIds = query.campaignId?.split(',').map((id) => id.trim());
		if (campaignIds?.some((id) => !UUID.test(id))) {
			return badRequest(`Invalid campaignId: ${query.campaignId}`);
		}
		const searchBy = query.searchBy;
		if (searchBy !== undefined && searchBy !== 'name' && searchBy !== 'phone') {
			return badRequest('searchBy must be one of: name, phone');
		}
		const sortBy = (query.sortBy ?? 'createdAt') as ContactSortKey;
		if (!CONTACT_SORT_KEYS.includes(sortBy)) {
			return badRequest(`sortBy must be one of: ${CONTACT_SORT_KEYS.join(', ')}`);
		}
		const sortOrder = query.sortOrder ?? 'desc';
		if (sortOrder !== 'asc' && sortOrder !== 'desc') {
			return badRequest('sortOrder must be one of: asc, desc');
		}
		this.beforeContactsPage?.(page);

		const search = query.search?.trim().toLowerCase();
		const matchesSearch = (contact: Contact) => {
			if (!search) return true;
			const byName = (contact.name ?? '').toLowerCase().includes(search);
			const byPhone = contact.phoneNumber.includes(search);
			return searchBy === 'name' ? byName : searchBy === 'phone' ? byPhone : byName || byPhone;
		};
		const direction = sortOrder === 'asc' ? 1 : -1;
		const matching = this.contacts
			.filter(
				(contact) =>
					(query.status === undefined || contact.status === query.status) &&
					(campaignIds === undefined || campaignIds.includes(contact.campaignId)) &&
					matchesSearch(contact),
			)
			.sort((a, b) => {
				const [first, second] = [a[sortBy], b[sortBy]];
				// contacts never fulfilled or re-added come last, whichever the order
				if (first !== second && (first === null || second === null)) return first === null ? 1 : -1;
				if (first !== second) return (first! < second! ? -1 : 1) * direction;
				return a.id.localeCompare(b.id);
			});
		const size = Math.min(limit, this.contactsPageCap ?? limit);
		return {
			status: 200,
			body: {
				contacts: matching.slice((page - 1) * size, page * size).map(listedContact),
				pagination: { total: matching.length, page, limit: size },
			},
		};
	}

	private createContact(body: Record<string, unknown> | undefined): Answer {
		if (!body || typeof body.phoneNumber !== 'string' || !E164.test(body.phoneNumber)) {
			return badRequest('phoneNumber is required in E.164 format');
		}
		// when both are sent, the campaign wins and the splitter is ignored
		const bySplitter = body.campaignId === undefined && body.splitterId !== undefined;
		let campaignId: string;
		if (bySplitter) {
			if (typeof body.splitterId !== 'string' || !UUID.test(body.splitterId)) {
				return badRequest('Invalid splitterId');
			}
			const splitter = SPLITTERS.find((candidate) => candidate.id === body.splitterId);
			if (!splitter) return error(404, 'Not Found', 'Splitter not found');
			campaignId = splitter.campaignIds[this.splitterTurns++ % splitter.campaignIds.length];
		} else {
			if (body.campaignId === undefined) {
				return badRequest('campaignId or splitterId is required');
			}
			if (typeof body.campaignId !== 'string' || !UUID.test(body.campaignId)) {
				return badRequest('Invalid campaignId');
			}
			if (!CAMPAIGNS.some((campaign) => campaign.id === body.campaignId)) {
				return error(404, 'Not Found', 'Campaign not found');
			}
			campaignId = body.campaignId;
		}
		if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 255)) {
			return badRequest('name must be a string of at most 255 characters');
		}
		if (body.timezone !== undefined && !isTimeZone(body.timezone)) {
			return badRequest(`Invalid timezone: ${String(body.timezone)}`);
		}
		const customVariables = body.customVariables ?? {};
		if (!isObject(customVariables)) return badRequest('customVariables must be an object');
		if (bySplitter && Object.values(customVariables).some((value) => typeof value !== 'string')) {
			return badRequest('customVariables values must all be strings');
		}
		if (APPOINTMENT_CAMPAIGN_IDS.includes(campaignId) && !customVariables.email) {
			return badRequest(
				'customVariables.email is required for campaigns with appointment scheduling',
			);
		}

		const now = this.now().toISOString();
		const existing = this.contacts.find((contact) => contact.phoneNumber === body.phoneNumber);
		if (existing) {
			// an active contact is updated; any other is re-added to outreach
			if (existing.status !== 'active') {
				existing.status = 'active';
				existing.reAddedAt = now;
			}
			if (typeof body.name === 'string') existing.name = body.name;
			if (typeof body.timezone === 'string') existing.timezone = body.timezone;
			if (body.customVariables !== undefined) existing.customVariables = customVariables;
			existing.campaignId = campaignId;
			existing.updatedAt = now;
			return { status: 200, body: { success: true, data: createdContact(existing) } };
		}
		const contact: Contact = {
			id: `7c9e6679-7425-40de-944b-${String(++this.createdCount).padStart(12, '0')}`,
			phoneNumber: body.phoneNumber,
			name: typeof body.name === 'string' ? body.name : null,
			status: 'active',
			campaignId,
			timezone:
				typeof body.timezone === 'string' ? body.timezone : guessedTimeZone(body.phoneNumber),
			customVariables,
			createdAt: now,
			fulfilledAt: null,
			reAddedAt: null,
			updatedAt: now,
		};
		this.contacts.push(contact);
		return { status: 201, body: { success: true, data: createdContact(contact) } };
	}

	private fulfill(body: Record<string, unknown> | undefined): Answer {
		if (!body || typeof body.phone !== 'string' || !E164.test(body.phone)) {
			return badRequest('phone is required in E.164 format');
		}
		const contact = this.contacts.find((candidate) => candidate.phoneNumber === body.phone);
		if (!contact) return error(404, 'Not Found', 'Contact not found');
		const now = this.now().toISOString();
		contact.status = 'fulfilled';
		contact.fulfilledAt = now;
		contact.updatedAt = now;
		return {
			status: 200,
			body: { success: true, message: 'Contact marked as fulfilled successfully' },
		};
	}

	private checkStatusAndCampaign(body: Record<string, unknown>): Answer | undefined {
		if (body.status !== undefined && !STATUSES.some((status) => status.name === body.status)) {
			return error(400, 'Bad Request', `Invalid status: ${String(body.status)}`);
		}
		if (
			body.campaignId !== undefined &&
			!CAMPAIGNS.some((campaign) => campaign.id === body.campaignId)
		) {
			return error(404, 'Not Found', 'Campaign not found');
		}
		return undefined;
	}
	private updateByPhone(body: Record<string, unknown> | undefined): Answer {
		if (!body || typeof body.phone !== 'string' || !E164.test(body.phone)) {
			return error(400, 'Bad Request', 'phone is required in E.164 format');
		}
		if (body.status === undefined && body.campaignId === undefined) {
			return error(400, 'Bad Request', 'At least one of status or campaignId must be provided');
		}
		const refused = this.checkStatusAndCampaign(body);
		if (refused) return refused;
		const contact = this.contacts.find((candidate) => candidate.phoneNumber === body.phone);
		if (!contact) return error(404, 'Not Found', 'Contact not found');
		if (typeof body.status === 'string') contact.status = body.status;
		if (typeof body.campaignId === 'string') contact.campaignId = body.campaignId;
		contact.updatedAt = UPDATED_AT;
		return {
			status: 200,
			body: { success: true, message: 'Contact updated successfully', contact },
		};
	}

	private updateById(id: string, body: Record<string, unknown> | undefined): Answer {
		if (!body || Object.keys(body).length === 0) {
			return error(400, 'Bad Request', 'At least one field must be provided');
		}
		const contact = this.contacts.find((candidate) => candidate.id === id);
		if (!contact) return error(404, 'Not Found', 'Contact not found');
		const refused = this.checkStatusAndCampaign(body);
		if (refused) return refused;
		if (body.phoneNumber !== undefined) {
			if (typeof body.phoneNumber !== 'string' || !E164.test(body.phoneNumber)) {
				return error(400, 'Bad Request', 'Invalid phone number');
			}
			if (
				this.contacts.some((other) => other.id !== id && other.phoneNumber === body.phoneNumber)
			) {
				return error(400, 'Bad Request', 'Phone number already exists in your team');
			}
		}
		if (typeof body.name === 'string' && body.name.length > 255) {
			return error(400, 'Bad Request', 'name must be at most 255 characters');
		}
		Object.assign(contact, body, { updatedAt: UPDATED_AT });
		return {
			status: 200,
			body: { success: true, message: 'Contact updated successfully', contact },
		};
	}
}

function isTimeZone(zone: unknown): boolean {
	if (typeof zone !== 'string' || zone === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
