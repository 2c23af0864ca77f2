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
	source: string;
	locale: string | null;
	tags: string[];
	metadata: Record<string, unknown>;
	opted_in_at: string | null;
	opted_out_at: string | null;
	last_message_at: string | null;
	total_messages: number;
	created_at: string;
	updated_at: string;
}

export const QYVO_UPDATED_AT = '2026-05-07T08:14:23+00:00';

/** The sandbox's clock: every timestamp it writes, and the 24-hour window, read this time. */
export const QYVO_NOW = '2026-05-07T20:00:00+00:00';

export function seedQyvoContacts(): QyvoContact[] {
	return [
		{
			id: '01J1Y8Z6K3M4N5P6Q7R8S9T0VW',
			phone: '+14155550123',
			name: 'Romain',
			email: 'romain@example.com',
			source: 'shopify',
			locale: 'fr',
			tags: ['vip'],
			metadata: { plan: 'gold', lifetime_value: 100 },
			opted_in_at: '2025-11-02T10:00:00+00:00',
			opted_out_at: null,
			// within 24 hours of QYVO_NOW: Romain can get free text
			last_message_at: '2026-05-07T09:30:00+00:00',
			total_messages: 12,
			created_at: '2025-11-02T10:00:00+00:00',
			updated_at: '2026-01-01T00:00:00+00:00',
		},
		{
			id: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
			phone: '+442079460958',
			name: 'Sam',
			email: null,
			source: 'api',
			locale: null,
			tags: [],
			metadata: {},
			opted_in_at: '2026-02-10T12:00:00+00:00',
			opted_out_at: null,
			// long before QYVO_NOW: only a template reaches Sam
			last_message_at: '2026-04-01T16:45:00+00:00',
			total_messages: 2,
			created_at: '2026-02-10T12:00:00+00:00',
			updated_at: '2026-01-01T00:00:00+00:00',
		},
	];
}

export interface QyvoTemplate {
	id: string;
	name: string;
	category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
	status: 'APPROVED' | 'PENDING' | 'REJECTED';
	languages: string[];
	body: string;
	header_type: string | null;
	header_content: string | null;
	footer: string | null;
	buttons: Array<Record<string, string>>;
	placeholders: string[];
	created_at: string;
}

export function seedQyvoTemplates(): QyvoTemplate[] {
	return [
		{
			id: '01J2TP0RDERC0NF1RMAT10N000',
			name: 'order_confirmation',
			category: 'UTILITY',
			status: 'APPROVED',
			languages: ['en_US', 'fr'],
			body: 'Hi {{1}}, your order {{2}} is confirmed. Total: {{3}}.',
			header_type: 'TEXT',
			header_content: 'Order confirmed',
			footer: 'Reply STOP to opt out',
			buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track' }],
			placeholders: ['1', '2', '3'],
			created_at: '2026-03-01T09:00:00+00:00',
		},
		{
			id: '3f2b8c1e-5d4a-4e7b-9c6d-2a1b0c9d8e7f',
			name: 'welcome',
			category: 'MARKETING',
			status: 'APPROVED',
			languages: ['en_US'],
			body: 'Welcome to our shop!',
			header_type: null,
			header_content: null,
			footer: null,
			buttons: [],
			placeholders: [],
			created_at: '2026-02-01T09:00:00+00:00',
		},
		{
			id: '01J2SPR1NGSA1E000000000000',
			name: 'spring_sale',
			category: 'MARKETING',
			status: 'PENDING',
			languages: ['en_US'],
			body: 'Spring sale: {{1}} off everything!',
			header_type: 'IMAGE',
			header_content: 'https://shop.example.com/spring.png',
			footer: null,
			buttons: [],
			placeholders: ['1'],
			created_at: '2026-04-20T09:00:00+00:00',
		},
	];
}

export interface QyvoTag {
	id: string;
	name: string;
	created_at: string;
}

export function seedQyvoTags(): QyvoTag[] {
	return [
		{ id: '01J2TAG00000000000000V1P00', name: 'vip', created_at: '2025-11-02T10:00:00+00:00' },
		{ id: '01J2TAG0000000000000V1PFR0', name: 'vip-fr', created_at: '2026-01-15T10:00:00+00:00' },
		{ id: '01J2TAG0000000000000SH0P00', name: 'shopify', created_at: '2026-02-01T10:00:00+00:00' },
	];
}

export interface QyvoSession {
	id: string;
	status: 'started' | 'already_running';
	contact_id: string;
}

export interface QyvoSequence {
	id: string;
	name: string;
	status: 'draft' | 'published';
	sessions_count: number;
	published_at: string | null;
	created_at: string;
	/** Not in the API's answer: the contacts it runs for. */
	runningFor: string[];
}

export interface QyvoFlow extends QyvoSequence {
	trigger_type: string;
}

export function seedQyvoSequences(): QyvoSequence[] {
	return [
		{
			id: '01J2SEQWE1C0ME000000000000',
			name: 'Welcome series',
			status: 'published',
			sessions_count: 41,
			published_at: '2026-03-01T09:00:00+00:00',
			created_at: '2026-02-20T09:00:00+00:00',
			runningFor: ['01J1Y8Z6K3M4N5P6Q7R8S9T0VW'],
		},
		{
			id: '01J2SEQDRAFT00000000000000',
			name: 'Win-back (draft)',
			status: 'draft',
			sessions_count: 0,
			published_at: null,
			created_at: '2026-04-02T09:00:00+00:00',
			runningFor: [],
		},
	];
}

export function seedQyvoFlows(): QyvoFlow[] {
	return [
		{
			id: '01J2F10WREV1EW00000000000A',
			name: 'Review request',
			status: 'published',
			trigger_type: 'manual',
			sessions_count: 7,
			published_at: '2026-03-05T09:00:00+00:00',
			created_at: '2026-03-04T09:00:00+00:00',
			runningFor: [],
		},
		{
			id: '01J2F10WDRAFT0000000000000',
			name: 'Quiz (draft)',
			status: 'draft',
			trigger_type: 'keyword',
			sessions_count: 0,
			published_at: null,
			created_at: '2026-04-04T09:00:00+00:00',
			runningFor: [],
		},
	];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;

type Body = Record<string, unknown>;

/** A Laravel validation failure, as Qyvo answers it. */
function invalid(field: string, message: string): Answer {
	return { status: 422, body: { message, errors: { [field]: [message] } } };
}

function notFound(error: string): Answer {
	return { status: 404, body: { error } };
}

/** A deterministic ID for what the sandbox creates: the nth one. */
function createdId(prefix: string, n: number): string {
	return `${prefix}${String(n).padStart(26 - prefix.length, '0')}`;
}

/**
 * Qyvo as its docs describe it: Bearer token, `POST /actions/<name>` under /api/v1, errors
 * `{ error }`, validation errors `{ message, errors }`, 401 `{ message: "Unauthenticated." }`; tags
 * as CSV, metadata merged one level deep, `""` clearing name or email; lists as flat arrays;
 * free text only within 24 hours of the contact's last message (Meta error 131047 otherwise);
 * templates with placeholders; sequences and flows started once per contact, and listed for
 * dropdowns.
 */
export class FakeQyvo extends LoopbackServer {
	contacts = seedQyvoContacts();

	templates = seedQyvoTemplates();

	tags = seedQyvoTags();

	sequences = seedQyvoSequences();

	flows = seedQyvoFlows();

	/** Messages sent, in order. */
	sent: Body[] = [];

	private created = 0;

	private readonly actions: Record<string, (body: Body) => Answer> = {
		'create-contact': (body) => this.createContact(body),
		'get-contact': (body) => this.getContact(body),
		'update-contact': (body) => this.find(body, (contact) => this.update(contact, body)),
		'search-contacts': (body) => this.search(body),
		'add-tag': (body) => this.changeTag(body, 'add'),
		'remove-tag': (body) => this.changeTag(body, 'remove'),
		'send-text-message': (body) => this.sendText(body),
		'send-template-message': (body) => this.sendTemplate(body),
		'list-templates': (body) => this.listTemplates(body),
		'get-template': (body) => this.getTemplate(body),
		'list-tags': (body) => this.listTags(body),
		'trigger-sequence': (body) => this.startSession(body, 'sequence'),
		'get-sequence': (body) => this.getSession(body, 'sequence'),
		'trigger-flow': (body) => this.startSession(body, 'flow'),
		'get-flow': (body) => this.getSession(body, 'flow'),
	};

	constructor() {
		super((request) => this.route(request));
	}

	reset(): void {
		super.reset();
		this.contacts = seedQyvoContacts();
		this.templates = seedQyvoTemplates();
		this.tags = seedQyvoTags();
		this.sequences = seedQyvoSequences();
		this.flows = seedQyvoFlows();
		this.sent = [];
		this.created = 0;
	}

	protected rateLimitedBody(): unknown {
		return { error: 'Too Many Attempts.' };
	}

	private route(request: ReceivedRequest): Answer {
		if (request.headers.authorization !== `Bearer ${QYVO_TOKEN}`) {
			return { status: 401, body: { message: 'Unauthenticated.' } };
		}
		if (request.method === 'GET' && request.path === `${QYVO_BASE_PATH}/me`) {
			return { status: 200, body: QYVO_USER };
		}
		// the dropdown lists Qyvo's own n8n node reads (its docs name no page for them): `[{ id, label }]`
		const dropdown = {
			[`${QYVO_BASE_PATH}/dropdowns/sequences`]: this.sequences,
			[`${QYVO_BASE_PATH}/dropdowns/flows`]: this.flows,
		}[request.path];
		if (request.method === 'GET' && dropdown) {
			return { status: 200, body: dropdown.map(({ id, name }) => ({ id, label: name })) };
		}
		const body = (request.body ?? {}) as Body;
		const prefix = `${QYVO_BASE_PATH}/actions/`;
		const action = request.path.startsWith(prefix)
			? this.actions[request.path.slice(prefix.length)]
			: undefined;
		if (request.method === 'POST' && action) return action(body);
		return { status: 404, body: { error: 'Not found' } };
	}

	private nextId(prefix: string): string {
		this.created++;
		return createdId(prefix, this.created);
	}

	private find(body: Body, then: (contact: QyvoContact) => Answer): Answer {
		if (body.contact_id === undefined && body.phone === undefined) {
			return invalid('contact_id', 'The contact id field is required when phone is not present.');
		}
		const contact = this.contacts.find((candidate) =>
			body.contact_id !== undefined
				? candidate.id === body.contact_id
				: candidate.phone === body.phone,
		);
		return contact ? then(contact) : notFound('Contact not found');
	}

	/** The contact with this phone, created (opted in now) when there is none. */
	private upsertByPhone(phone: string): QyvoContact {
		const existing = this.contacts.find((contact) => contact.phone === phone);
		if (existing) return existing;
		const contact: QyvoContact = {
			id: this.nextId('01J3C0NTACT'),
			phone,
			name: null,
			email: null,
			source: 'api',
			locale: null,
			tags: [],
			metadata: {},
			opted_in_at: QYVO_NOW,
			opted_out_at: null,
			last_message_at: null,
			total_messages: 0,
			created_at: QYVO_NOW,
			updated_at: QYVO_NOW,
		};
		this.contacts.push(contact);
		return contact;
	}

	private checkFields(body: Body): Answer | undefined {
		if (body.name !== undefined && body.name !== null && typeof body.name !== 'string') {
			return invalid('name', 'The name must be a string.');
		}
		if (body.tags !== undefined && typeof body.tags !== 'string') {
			return invalid('tags', 'The tags must be a string.');
		}
		if (
			body.metadata !== undefined &&
			(typeof body.metadata !== 'object' || body.metadata === null || Array.isArray(body.metadata))
		) {
			return invalid('metadata', 'The metadata must be an array.');
		}
		if (body.email !== undefined && body.email !== '' && !EMAIL.test(String(body.email))) {
			return invalid('email', 'The email must be a valid email address.');
		}
		return undefined;
	}

	private addTagNames(names: string[]): void {
		for (const name of names) {
			if (!this.tags.some((tag) => tag.name === name)) {
				this.tags.push({ id: this.nextId('01J3TAG'), name, created_at: QYVO_NOW });
			}
		}
	}

	private write(contact: QyvoContact, body: Body): void {
		if (body.name !== undefined) contact.name = body.name === '' ? null : String(body.name);
		if (body.email !== undefined) contact.email = body.email === '' ? null : String(body.email);
		if (typeof body.tags === 'string') {
			contact.tags = body.tags
				.split(',')
				.map((tag) => tag.trim())
				.filter(Boolean);
			this.addTagNames(contact.tags);
		}
		if (body.metadata !== undefined) Object.assign(contact.metadata, body.metadata);
	}

	private createContact(body: Body): Answer {
		if (typeof body.phone !== 'string' || body.phone === '') {
			return invalid('phone', 'The phone field is required.');
		}
		if (!E164.test(body.phone)) return invalid('phone', 'The phone format is invalid.');
		const refused = this.checkFields(body);
		if (refused) return refused;
		const contact = this.upsertByPhone(body.phone);
		this.write(contact, body);
		contact.updated_at = QYVO_NOW;
		return { status: 201, body: contactView(contact) };
	}

	private getContact(body: Body): Answer {
		const given = ['contact_id', 'phone', 'email'].filter((key) => body[key] !== undefined);
		if (given.length === 0) {
			return invalid(
				'contact_id',
				'The contact id field is required when none of phone / email are present.',
			);
		}
		const contact = this.contacts.find(
			(candidate) =>
				(body.contact_id === undefined || candidate.id === body.contact_id) &&
				(body.phone === undefined || candidate.phone === body.phone) &&
				(body.email === undefined || candidate.email === body.email),
		);
		return contact ? { status: 200, body: contactView(contact) } : notFound('Contact not found');
	}

	private update(contact: QyvoContact, body: Body): Answer {
		const refused = this.checkFields(body);
		if (refused) return refused;
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
		this.write(contact, body);
		contact.updated_at = QYVO_UPDATED_AT;
		return { status: 200, body: qyvoView(contact) };
	}

	private search(body: Body): Answer {
		const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
		const found = this.contacts
			.filter(
				(contact) =>
					(query === '' ||
						[contact.name, contact.phone, contact.email].some((value) =>
							(value ?? '').toLowerCase().includes(query),
						)) &&
					(!body.tag || contact.tags.includes(String(body.tag))) &&
					(!body.email || contact.email === body.email),
			)
			.sort((a, b) => (b.last_message_at ?? '').localeCompare(a.last_message_at ?? ''))
			.slice(0, 50)
			.map((contact) => ({
				id: contact.id,
				phone: contact.phone,
				name: contact.name,
				email: contact.email,
				source: contact.source,
				tags: contact.tags,
				last_message_at: contact.last_message_at,
				created_at: contact.created_at,
			}));
		return { status: 200, body: found };
	}

	private changeTag(body: Body, change: 'add' | 'remove'): Answer {
		if (typeof body.tag !== 'string' || body.tag.trim() === '') {
			return invalid('tag', 'The tag field is required.');
		}
		const tag = body.tag.trim();
		return this.find(body, (contact) => {
			if (change === 'add') {
				if (!contact.tags.includes(tag)) contact.tags.push(tag);
				this.addTagNames([tag]);
			} else {
				contact.tags = contact.tags.filter((name) => name !== tag);
			}
			const key = change === 'add' ? 'tag_added' : 'tag_removed';
			return {
				status: 200,
				body: { id: contact.id, phone: contact.phone, [key]: tag, tags: contact.tags },
			};
		});
	}

	private deliver(contact: QyvoContact, message: Body): Answer {
		const id = this.nextId('01J3MSG');
		this.sent.push({ id, contact_id: contact.id, ...message });
		contact.total_messages++;
		return {
			status: 200,
			body: {
				id,
				status: 'sent',
				whatsapp_message_id: `wamid.${id}`,
				contact_id: contact.id,
			},
		};
	}

	private sendText(body: Body): Answer {
		if (typeof body.phone !== 'string' || body.phone === '') {
			return invalid('phone', 'The phone field is required.');
		}
		if (typeof body.message !== 'string' || body.message === '') {
			return invalid('message', 'The message field is required.');
		}
		if ([...body.message].length > 4096) {
			return invalid('message', 'The message may not be greater than 4096 characters.');
		}
		const contact = this.upsertByPhone(body.phone);
		const last = contact.last_message_at ? Date.parse(contact.last_message_at) : undefined;
		if (last === undefined || Date.parse(QYVO_NOW) - last > DAY_MS) {
			return {
				status: 422,
				body: {
					error:
						'WhatsApp rejected the message: (#131047) Re-engagement message. More than 24 hours have passed since the customer last replied.',
					meta_error_code: 131047,
				},
			};
		}
		return this.deliver(contact, { type: 'text', message: body.message });
	}

	private sendTemplate(body: Body): Answer {
		if (typeof body.phone !== 'string' || body.phone === '') {
			return invalid('phone', 'The phone field is required.');
		}
		if (typeof body.template_id !== 'string' || body.template_id === '') {
			return invalid('template_id', 'The template id field is required.');
		}
		const template = this.templates.find((candidate) => candidate.id === body.template_id);
		if (!template) return notFound('Template not found');
		if (template.status !== 'APPROVED') {
			return { status: 422, body: { error: 'Template is not approved by Meta.' } };
		}
		if (body.language !== undefined && !template.languages.includes(String(body.language))) {
			return {
				status: 422,
				body: { error: `Template has no approved translation in ${String(body.language)}.` },
			};
		}
		const variables = (body.variables ?? {}) as Body;
		for (const [name, value] of Object.entries(variables)) {
			if (typeof value !== 'string') {
				return invalid(`variables.${name}`, `The variables.${name} must be a string.`);
			}
		}
		const missing = template.placeholders.filter((name) => variables[name] === undefined);
		if (missing.length > 0) {
			return {
				status: 422,
				body: {
					error: 'Template requires variables that were not provided.',
					expected_placeholders: template.placeholders,
					missing,
				},
			};
		}
		const contact = this.upsertByPhone(body.phone);
		return this.deliver(contact, {
			type: 'template',
			template: template.name,
			language: body.language ?? template.languages[0],
			variables,
		});
	}

	private listTemplates(body: Body): Answer {
		const listed = this.templates
			.filter((template) => !body.status || template.status === body.status)
			.map(({ id, name, category, status, languages, created_at }) => ({
				id,
				name,
				category,
				status,
				languages,
				created_at,
			}));
		return { status: 200, body: listed };
	}

	private getTemplate(body: Body): Answer {
		if (body.template_id === undefined) {
			return invalid('template_id', 'The template id field is required.');
		}
		const template = this.templates.find((candidate) => candidate.id === body.template_id);
		return template ? { status: 200, body: template } : notFound('Template not found');
	}

	private listTags(body: Body): Answer {
		const name = typeof body.name === 'string' ? body.name.toLowerCase() : '';
		return {
			status: 200,
			body: this.tags.filter((tag) => tag.name.toLowerCase().includes(name)),
		};
	}

	private sessions(kind: 'sequence' | 'flow'): QyvoSequence[] {
		return kind === 'sequence' ? this.sequences : this.flows;
	}

	private startSession(body: Body, kind: 'sequence' | 'flow'): Answer {
		const key = `${kind}_id`;
		if (body[key] === undefined) return invalid(key, `The ${kind} id field is required.`);
		const found = this.sessions(kind).find(
			(candidate) => candidate.id === body[key] && candidate.status === 'published',
		);
		const what = kind === 'sequence' ? 'Sequence' : 'Flow';
		if (!found) return notFound(`${what} not found or not published`);
		if (body.context !== undefined && (typeof body.context !== 'object' || body.context === null)) {
			return invalid('context', 'The context must be an array.');
		}
		const contactAnswer = (contact: QyvoContact): Answer => {
			if (found.runningFor.includes(contact.id)) {
				return {
					status: 200,
					body: { status: 'already_running', [key]: found.id, contact_id: contact.id },
				};
			}
			found.runningFor.push(contact.id);
			found.sessions_count++;
			return {
				status: 201,
				body: {
					id: this.nextId('01J3SESS10N'),
					status: 'started',
					[key]: found.id,
					contact_id: contact.id,
				},
			};
		};
		if (body.contact_id === undefined && typeof body.phone === 'string') {
			return contactAnswer(this.upsertByPhone(body.phone));
		}
		return this.find(body, contactAnswer);
	}

	private getSession(body: Body, kind: 'sequence' | 'flow'): Answer {
		const key = `${kind}_id`;
		if (body[key] === undefined) return invalid(key, `The ${kind} id field is required.`);
		const found = this.sessions(kind).find((candidate) => candidate.id === body[key]);
		if (!found) return notFound(kind === 'sequence' ? 'Sequence not found' : 'Flow not found');
		const visible: Record<string, unknown> = { ...found };
		delete visible.runningFor;
		return { status: 200, body: visible };
	}
}

/** A contact as get-contact and create-contact return it. */
export function contactView(contact: QyvoContact): Record<string, unknown> {
	const visible: Record<string, unknown> = { ...contact };
	delete visible.updated_at;
	return visible;
}

/** A contact as update-contact returns it. */
export function qyvoView(contact: QyvoContact): Record<string, unknown> {
	const { id, phone, name, email, tags, updated_at } = contact;
	return { id, phone, name, email, tags, updated_at };
}
