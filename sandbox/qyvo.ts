/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up tokens for the loopback test server */
import type { Answer, ReceivedRequest } from './server';
import { LoopbackServer } from './server';

export const QYVO_TOKEN = 'qyvo_tok_5e4d3c2b1a-test-token-never-shown';

/** `GET /me`: the user the token belongs to, and their workspace */
export const QYVO_USER = {
	id: 1,
	email: 'owner@example.com',
	name: 'Sandbox Owner',
	tenant: { id: '9b2f6a1e-4c3d-4e5f-8a7b-0c1d2e3f4a5b', name: 'Sandbox Workspace' },
};

/** The path of Qyvo's base URL, so that the tests prove the base path is kept. */
export const QYVO_BASE_PATH = '/api/v1';

export interface QyvoContact {
	id: string;
	phone: string;
	name: string | null;
	email: string | null;
	tags: string[];
	metadata: Record<string, unknown>;
	updated_at: string;
}

export const QYVO_UPDATED_AT = '2026-05-07T08:14:23+00:00';

export function seedQyvoContacts(): QyvoContact[] {
	return [
		{
			id: '01J1Y8Z6K3M4N5P6Q7R8S9T0VW',
			phone: '+14155550123',
			name: 'Romain',
			email: 'romain@example.com',
			tags: ['vip'],
			metadata: { plan: 'gold', lifetime_value: 100 },
			updated_at: '2026-01-01T00:00:00+00:00',
		},
		{
			id: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
			phone: '+442079460958',
			name: 'Sam',
			email: null,
			tags: [],
			metadata: {},
			updated_at: '2026-01-01T00:00:00+00:00',
		},
	];
}

/**
 * Qyvo as its docs describe it: Bearer token, `POST /actions/<name>` under /api/v1, errors
 * `{ error }` and validation errors `{ message, errors }`, tags as CSV replacing the list, metadata
 * merged one level deep, `""` clearing name or email.
 */
export class FakeQyvo extends LoopbackServer {
	contacts = seedQyvoContacts();

	constructor() {
		super((request) => this.route(request));
	}

	reset(): void {
		super.reset();
		this.contacts = seedQyvoContacts();
	}

	protected rateLimitedBody(): unknown {
		return { error: 'Too Many Attempts.' };
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers.authorization !== `Bearer ${QYVO_TOKEN}`) {
			return { status: 401, body: { error: 'Unauthenticated.' } };
		}
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (request.method === 'GET' && request.path === `${QYVO_BASE_PATH}/me`) {
			return { status: 200, body: QYVO_USER };
		}
		if (request.method === 'POST' && request.path === `${QYVO_BASE_PATH}/actions/get-contact`) {
			return this.find(body, (contact) => ({ status: 200, body: contact }));
		}
		if (request.method === 'POST' && request.path === `${QYVO_BASE_PATH}/actions/update-contact`) {
			return this.find(body, (contact) => this.update(contact, body));
		}
		return { status: 404, body: { error: 'Not found' } };
	}

	private find(body: Record<string, unknown>, then: (contact: QyvoContact) => Answer): Answer {
		if (body.contact_id === undefined && body.phone === undefined) {
			return {
				status: 422,
				body: {
					message: 'The contact id field is required when phone is not present.',
					errors: { contact_id: ['The contact id field is required when phone is not present.'] },
				},
			};
		}
		const contact = this.contacts.find((candidate) =>
			body.contact_id !== undefined
				? candidate.id === body.contact_id
				: candidate.phone === body.phone,
		);
		return contact ? then(contact) : { status: 404, body: { error: 'Contact not found' } };
	}

	private update(contact: QyvoContact, body: Record<string, unknown>): Answer {
		if (body.tags !== undefined && typeof body.tags !== 'string') {
			return {
				status: 422,
				body: {
					message: 'The tags must be a string.',
					errors: { tags: ['The tags must be a string.'] },
				},
			};
		}
		const emailOwner = this.contacts.find(
			(other) => other !== contact && other.email === body.email,
		);
		if (body.email !== undefined && body.email !== '' && emailOwner) {
			return {
				status: 422,
				body: {
					message: 'The given data was invalid.',
					errors: { email: ['The email has already been taken.'] },
				},
			};
		}
		if (body.name !== undefined) contact.name = body.name === '' ? null : String(body.name);
		if (body.email !== undefined) contact.email = body.email === '' ? null : String(body.email);
		if (typeof body.tags === 'string') contact.tags = body.tags.split(',').filter(Boolean);
		if (body.metadata !== undefined) Object.assign(contact.metadata, body.metadata);
		contact.updated_at = QYVO_UPDATED_AT;
		return { status: 200, body: qyvoView(contact) };
	}
}

/** A contact as update-contact returns it: metadata is kept but not echoed. */
export function qyvoView(contact: QyvoContact): Record<string, unknown> {
	const visible: Record<string, unknown> = { ...contact };
	delete visible.metadata;
	return visible;
}
