/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up keys for the loopback test server */
import type { Answer, ReceivedRequest } from './server';
import { LoopbackServer } from './server';

export const CALLAIDAN_KEY = 'ca_live_9f8e7d6c5b4a-test-key-never-shown';

/** The company's custom fields: CallAidan drops any other name. */
export const CUSTOM_FIELD_NAMES = ['plan', 'lifetime_value'];

export interface CallAidanContact {
	id: string;
	name: string | null;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	phone: string | null;
	business_name: string | null;
	notes: string | null;
	tags: string[];
	lead_source: string;
	is_dnd: boolean;
	custom_fields: Record<string, unknown>;
	profile_picture_url: string | null;
	last_activity: string | null;
	created_at: string;
}

export function seedCallAidanContacts(): CallAidanContact[] {
	return [
		{
			id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
			name: 'Maria Lopez',
			first_name: 'Maria',
			last_name: 'Lopez',
			email: 'maria@example.com',
			phone: '+14155550123',
			business_name: 'Lopez Dental',
			notes: null,
			tags: ['lead'],
			lead_source: 'webhook',
			is_dnd: false,
			custom_fields: {},
			profile_picture_url: null,
			last_activity: '2023-11-07T05:31:56Z',
			created_at: '2023-11-07T05:31:56Z',
		},
	];
}

const LEAD_SOURCES = ['manual', 'api', 'webhook', 'facebook', 'instagram', 'import'];

/**
 * CallAidan as its docs describe it: the raw company key in Authorization, PATCH with a trailing
 * slash, and the documented quirks (empty email stored as null, unknown lead source stored as
 * manual, unknown custom fields dropped). Its error bodies are not documented: this server answers
 * in the `{ "detail": ... }` shape of the framework the API's trailing slashes suggest.
 */
export class FakeCallAidan extends LoopbackServer {
	contacts = seedCallAidanContacts();

	constructor() {
		super((request) => this.route(request));
	}

	reset(): void {
		super.reset();
		this.contacts = seedCallAidanContacts();
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers.authorization !== CALLAIDAN_KEY) {
			return { status: 401, body: { detail: 'Invalid API key.' } };
		}
		const match = /^\/contacts\/([^/]+)\/$/.exec(request.path);
		const contact =
			match && this.contacts.find((candidate) => candidate.id === decodeURIComponent(match[1]));
		if (!match) return { status: 404, body: { detail: 'Not found.' } };
		if (!contact) return { status: 404, body: { detail: 'Not found.' } };
		if (request.method === 'GET') return { status: 200, body: this.view(contact) };
		if (request.method !== 'PATCH')
			return { status: 405, body: { detail: `Method "${request.method}" not allowed.` } };
		return this.update(contact, request.body as Record<string, unknown>);
	}

	private update(contact: CallAidanContact, body: Record<string, unknown>): Answer {
		if (
			body.tags !== undefined &&
			(!Array.isArray(body.tags) || body.tags.some((tag) => typeof tag !== 'string'))
		) {
			return { status: 400, body: { tags: ['Expected a list of items.'] } };
		}
		if (typeof body.full_name === 'string') {
			const [first, ...rest] = body.full_name.trim().split(/\s+/);
			contact.first_name = first ?? '';
			contact.last_name = rest.join(' ');
		}
		if (typeof body.first_name === 'string') contact.first_name = body.first_name;
		if (typeof body.last_name === 'string') contact.last_name = body.last_name;
		contact.name = [contact.first_name, contact.last_name].filter(Boolean).join(' ') || null;
		if (body.email !== undefined) contact.email = body.email === '' ? null : String(body.email);
		if (body.phone_number !== undefined) contact.phone = String(body.phone_number);
		if (body.business_name !== undefined) contact.business_name = String(body.business_name);
		if (body.notes !== undefined) contact.notes = String(body.notes);
		if (body.tags !== undefined) contact.tags = body.tags as string[];
		if (body.is_dnd !== undefined) contact.is_dnd = Boolean(body.is_dnd);
		if (body.lead_source !== undefined) {
			contact.lead_source = LEAD_SOURCES.includes(String(body.lead_source))
				? String(body.lead_source)
				: 'manual';
		}
		if (body.custom_fields !== undefined) {
			for (const [name, value] of Object.entries(body.custom_fields as Record<string, unknown>)) {
				if (CUSTOM_FIELD_NAMES.includes(name)) contact.custom_fields[name] = value;
			}
		}
		return { status: 200, body: this.view(contact) };
	}

	private view(contact: CallAidanContact) {
		return callAidanView(contact);
	}
}

/** A contact as the API returns it: without the name parts and custom fields it keeps inside. */
export function callAidanView(contact: CallAidanContact): Record<string, unknown> {
	const visible: Record<string, unknown> = { ...contact };
	for (const hidden of ['first_name', 'last_name', 'custom_fields']) delete visible[hidden];
	return visible;
}
