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
	active_chat_agent: { id: string; name: string; active: boolean } | null;
	/** Every call and chat thread of the contact; Get shows the three most recent. */
	threads: AgentThread[];
}

export interface AgentThread {
	id: string;
	agent_name: string;
	agent_id: string;
	type: string;
	status: string;
	direction: 'inbound' | 'outbound';
	duration: number;
	created_at: string;
}

const VOICE_AGENT = { id: '9b2f4c1e-7a3d-4e5b-8c6f-1d2e3f4a5b6c', name: 'Aidan Outbound' };
const CHAT_AGENT = { id: '4e7d2a9c-1b3f-4c5d-9e8a-7f6b5c4d3e2a', name: 'Aidan Chat' };

function thread(
	index: number,
	fields: Pick<AgentThread, 'type' | 'status' | 'direction' | 'duration' | 'created_at'>,
): AgentThread {
	const agent = fields.type === 'voice' ? VOICE_AGENT : CHAT_AGENT;
	return {
		id: `5d1e8f2a-3b4c-4d6e-8f9a-${String(index).padStart(12, '0')}`,
		agent_name: agent.name,
		agent_id: agent.id,
		...fields,
	};
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
			active_chat_agent: { ...CHAT_AGENT, active: true },
			threads: [
				thread(1, {
					type: 'voice',
					status: 'did-not-answer',
					direction: 'outbound',
					duration: 0,
					created_at: '2023-11-01T15:00:00Z',
				}),
				thread(2, {
					type: 'voice',
					status: 'did-succeed',
					direction: 'outbound',
					duration: 184,
					created_at: '2023-11-03T16:20:00Z',
				}),
				thread(3, {
					type: 'chat',
					status: 'completed',
					direction: 'inbound',
					duration: 0,
					created_at: '2023-11-06T09:12:00Z',
				}),
				thread(4, {
					type: 'voice',
					status: 'did-succeed',
					direction: 'inbound',
					duration: 95,
					created_at: '2023-11-07T05:31:56Z',
				}),
			],
		},
	];
}

const LEAD_SOURCES = ['manual', 'api', 'webhook', 'facebook', 'instagram', 'import'];

/** The company's country, which Create uses to read numbers written without a country code. */
const COMPANY_CALLING_CODE = '+1';

const TRUTHY = ['true', '1', 'yes', 'on'];
const FALSY = ['false', '0', 'no', 'off'];

type FieldErrors = Record<string, string[]>;

/**
 * CallAidan as its docs describe it: the raw company key in Authorization, trailing slashes, Create
 * as an upsert that answers with no body and merges tags, Update replacing them, Get with the three
 * most recent calls and chats, and the documented quirks (empty email stored as null, unknown lead
 * source stored as manual, unknown custom fields dropped). Its error bodies are not documented: this
 * server answers in the `{ "detail": ... }` and `{ field: [messages] }` shapes of the framework the
 * API's trailing slashes suggest.
 */
export class FakeCallAidan extends LoopbackServer {
	contacts = seedCallAidanContacts();

	/** The server's clock, for a new contact's `created_at`; tests may fix it. */
	now: () => Date = () => new Date();

	private createdCount = 0;

	constructor() {
		super((request) => this.route(request));
	}

	reset(): void {
		super.reset();
		this.contacts = seedCallAidanContacts();
		this.now = () => new Date();
		this.createdCount = 0;
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers.authorization !== CALLAIDAN_KEY) {
			return { status: 401, body: { detail: 'Invalid API key.' } };
		}
		if (request.path === '/contacts/') {
			if (request.method !== 'POST') return notAllowed(request.method);
			return this.create(request.body);
		}
		const match = /^\/contacts\/([^/]+)\/$/.exec(request.path);
		const contact =
			match && this.contacts.find((candidate) => candidate.id === decodeURIComponent(match[1]));
		if (!match) return { status: 404, body: { detail: 'Not found.' } };
		if (!contact) return { status: 404, body: { detail: 'Not found.' } };
		if (request.method === 'GET') {
			// `pn=true` asks for a 404 when the contact has no phone
			if (request.query.pn === 'true' && !contact.phone) {
				return { status: 404, body: { detail: 'Not found.' } };
			}
			return { status: 200, body: callAidanDetailView(contact) };
		}
		if (request.method !== 'PATCH') return notAllowed(request.method);
		return this.update(contact, request.body as Record<string, unknown>);
	}

	/** Creates the contact, or updates the one with that phone number (or email): no body back. */
	private create(body: unknown): Answer {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return {
				status: 400,
				body: { non_field_errors: ['Invalid data. Expected a dictionary.'] },
			};
		}
		const fields = body as Record<string, unknown>;
		const errors: FieldErrors = {};
		const phone =
			fields.phone_number === undefined ? undefined : normalizePhone(fields.phone_number);
		if (phone === null) errors.phone_number = ['Enter a valid phone number.'];
		const email =
			fields.email === undefined || fields.email === ''
				? undefined
				: String(fields.email).toLowerCase();
		if (phone === undefined && !email) {
			errors.non_field_errors = ['A phone_number or an email is required.'];
		}
		if (fields.tags !== undefined && !isTextList(fields.tags)) {
			errors.tags = ['Expected a list of items.'];
		}
		const isDnd = fields.is_dnd === undefined ? undefined : readBoolean(fields.is_dnd);
		if (isDnd === null) errors.is_dnd = ['Must be a valid boolean.'];
		if (fields.custom_fields !== undefined && !isPlainObject(fields.custom_fields)) {
			errors.custom_fields = ['Expected a dictionary of items.'];
		}
		if (Object.keys(errors).length > 0) return { status: 400, body: errors };

		let contact = this.contacts.find(
			(candidate) =>
				(phone && candidate.phone === phone) || (!phone && email && candidate.email === email),
		);
		if (!contact) {
			contact = {
				id: `8f14e45f-ceea-4e7a-9d2b-${String(++this.createdCount).padStart(12, '0')}`,
				name: null,
				first_name: null,
				last_name: null,
				email: null,
				phone: null,
				business_name: null,
				notes: null,
				tags: [],
				lead_source: 'api',
				is_dnd: false,
				custom_fields: {},
				profile_picture_url: null,
				last_activity: null,
				created_at: this.now()
					.toISOString()
					.replace(/\.\d{3}Z$/, 'Z'),
				active_chat_agent: null,
				threads: [],
			};
			this.contacts.push(contact);
		}
		if (typeof fields.full_name === 'string') setFullName(contact, titleCase(fields.full_name));
		if (email !== undefined) contact.email = email;
		if (phone) contact.phone = phone;
		if (fields.business_name !== undefined) contact.business_name = String(fields.business_name);
		if (fields.notes !== undefined) contact.notes = String(fields.notes);
		if (fields.tags !== undefined) {
			// Create merges the tags into the contact's; Update replaces them
			contact.tags = [...new Set([...contact.tags, ...(fields.tags as string[])])];
		}
		if (isDnd !== undefined && isDnd !== null) contact.is_dnd = isDnd;
		if (fields.lead_source !== undefined) contact.lead_source = leadSource(fields.lead_source);
		if (fields.custom_fields !== undefined) {
			setCustomFields(contact, fields.custom_fields as Record<string, unknown>);
		}
		return { status: 200 };
	}

	private update(contact: CallAidanContact, body: Record<string, unknown>): Answer {
		if (
			body.tags !== undefined &&
			(!Array.isArray(body.tags) || body.tags.some((tag) => typeof tag !== 'string'))
		) {
			return { status: 400, body: { tags: ['Expected a list of items.'] } };
		}
		if (typeof body.full_name === 'string') setFullName(contact, body.full_name);
		if (typeof body.first_name === 'string') contact.first_name = body.first_name;
		if (typeof body.last_name === 'string') contact.last_name = body.last_name;
		contact.name = [contact.first_name, contact.last_name].filter(Boolean).join(' ') || null;
		if (body.email !== undefined) contact.email = body.email === '' ? null : String(body.email);
		if (body.phone_number !== undefined) contact.phone = String(body.phone_number);
		if (body.business_name !== undefined) contact.business_name = String(body.business_name);
		if (body.notes !== undefined) contact.notes = String(body.notes);
		if (body.tags !== undefined) contact.tags = body.tags as string[];
		if (body.is_dnd !== undefined) contact.is_dnd = Boolean(body.is_dnd);
		if (body.lead_source !== undefined) contact.lead_source = leadSource(body.lead_source);
		if (body.custom_fields !== undefined) {
			setCustomFields(contact, body.custom_fields as Record<string, unknown>);
		}
		return { status: 200, body: callAidanView(contact) };
	}
}

function notAllowed(method: string): Answer {
	return { status: 405, body: { detail: `Method "${method}" not allowed.` } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTextList(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/** What Create makes of a phone number: digits, with the company's code when none is given. */
function normalizePhone(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const digits = value.replace(/[\s().-]/g, '');
	const phone = digits.startsWith('+') ? digits : `${COMPANY_CALLING_CODE}${digits}`;
	return /^\+[1-9]\d{6,14}$/.test(phone) ? phone : null;
}

function readBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	const text = String(value).toLowerCase();
	if (TRUTHY.includes(text)) return true;
	if (FALSY.includes(text)) return false;
	return null;
}

function titleCase(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(
			/(^|[\s'-])(\p{L})/gu,
			(_, before: string, letter: string) => before + letter.toUpperCase(),
		);
}

function setFullName(contact: CallAidanContact, fullName: string): void {
	const [first, ...rest] = fullName.trim().split(/\s+/);
	contact.first_name = first ?? '';
	contact.last_name = rest.join(' ');
	contact.name = [contact.first_name, contact.last_name].filter(Boolean).join(' ') || null;
}

function leadSource(value: unknown): string {
	return LEAD_SOURCES.includes(String(value)) ? String(value) : 'manual';
}

function setCustomFields(contact: CallAidanContact, fields: Record<string, unknown>): void {
	for (const [name, value] of Object.entries(fields)) {
		if (CUSTOM_FIELD_NAMES.includes(name)) contact.custom_fields[name] = value;
	}
}

/**
 * A contact as Update returns it: without the name parts and custom fields it keeps inside, and
 * without the chat agent and recent activity that only Get shows.
 */
export function callAidanView(contact: CallAidanContact): Record<string, unknown> {
	const visible: Record<string, unknown> = { ...contact };
	for (const hidden of [
		'first_name',
		'last_name',
		'custom_fields',
		'active_chat_agent',
		'threads',
	]) {
		delete visible[hidden];
	}
	return visible;
}

/** A contact as Get returns it: with its chat agent and its three most recent threads. */
export function callAidanDetailView(contact: CallAidanContact): Record<string, unknown> {
	const recent = [...contact.threads]
		.sort((a, b) => b.created_at.localeCompare(a.created_at))
		.slice(0, 3);
	return {
		...callAidanView(contact),
		active_chat_agent: contact.active_chat_agent,
		recent_activity: recent,
	};
}
