/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up keys for the loopback test server */
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

export interface Contact {
	id: string;
	phoneNumber: string;
	name: string;
	status: string;
	campaignId: string;
	timezone: string;
	customVariables: Record<string, unknown>;
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
			updatedAt: '2026-01-01T00:00:00.000Z',
		},
	];
}

export const UPDATED_AT = '2026-04-22T15:30:00.000Z';

const E164 = /^\+[1-9]\d{6,14}$/;

function error(status: number, errorName: string, message: string): Answer {
	return { status, body: { error: errorName, message } };
}

/** Guayaba as its docs describe it: X-API-Key auth, JSON errors `{ error, message }`. */
export class FakeGuayaba extends LoopbackServer {
	contacts: Contact[] = seedContacts();

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
	}

	/** Adds `count` contacts with the phones +13125550000, +13125550001, ... and returns the phones. */
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
				timezone: 'America/New_York',
				customVariables: {},
				updatedAt: '2026-01-01T00:00:00.000Z',
			});
		}
		return phones;
	}

	protected rateLimitedBody(retryAfter: number): unknown {
		return { error: 'Too Many Requests', message: 'Rate limit exceeded', retryAfter };
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers['x-api-key'] !== GUAYABA_KEY) {
			return error(401, 'Unauthorized', 'Invalid or missing API key');
		}
		const byId = /^\/contacts\/([^/]+)$/.exec(request.path);
		if (request.method === 'GET' && request.path === '/contacts/statuses') {
			return { status: 200, body: STATUSES };
		}
		if (request.method === 'GET' && request.path === '/campaigns') return this.campaigns(request);
		if (request.method === 'POST' && request.path === '/contacts/update') {
			return this.updateByPhone(request.body as Record<string, unknown>);
		}
		if (request.method === 'PUT' && byId && byId[1] !== 'update' && byId[1] !== 'statuses') {
			return this.updateById(decodeURIComponent(byId[1]), request.body as Record<string, unknown>);
		}
		return error(404, 'Not Found', `Cannot ${request.method} ${request.path}`);
	}

	private campaigns(request: ReceivedRequest): Answer {
		const page = Number(request.query.page ?? 1);
		const limit = Number(request.query.limit ?? 10);
		// a server that caps the page size below what the client asks for
		const size = Math.min(limit, 10);
		const data = CAMPAIGNS.slice((page - 1) * size, page * size);
		return {
			status: 200,
			body: {
				data,
				pagination: {
					total: CAMPAIGNS.length,
					totalPages: Math.ceil(CAMPAIGNS.length / size),
					currentPage: page,
					limit: size,
				},
			},
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
