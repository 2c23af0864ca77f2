import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { nameValuePairsToObject, parseTags, tagsToCsv } from '../../shared/input/collections';
import { InputError } from '../../shared/input/refusal';
import { checkBody } from '../../shared/transport/checkInput';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { asText, quote } from '../../shared/input/values';
import {
	assertAnyField,
	assertEmail,
	assertEmailOrEmpty,
	assertRequiredText,
	assertText,
	assertUuidOrUlid,
} from '../../shared/input/rules';

/** Qyvo's limit on a contact's metadata, as JSON. */
export const MAX_METADATA_BYTES = 64 * 1024;

/** WhatsApp's longest text message. */
export const MAX_TEXT_LENGTH = 4096;

const TEMPLATE_STATUSES = ['APPROVED', 'PENDING', 'REJECTED'];

// WhatsApp template languages: en, en_US, pt_BR, zh_Hant_HK
const LANGUAGE = /^[a-z]{2,3}([_-][A-Za-z0-9]{2,4}){0,2}$/;

function qyvoId(value: unknown, field: string, what: string): string {
	return assertUuidOrUlid(assertRequiredText(value, field), field, what);
}

/** The identifier of the contact, as the chosen lookup put it in the body: exactly one. */
function checkLookup(context: IExecuteSingleFunctions, body: IDataObject, keys: string[]): void {
	const given = keys.filter((key) => key in body);
	if (given.length !== 1) {
		throw new InputError(
			`Find Contact By ${quote(context.getNodeParameter('lookupBy', ''))} is not one of the choices`,
			'Choose how to find the contact from the list.',
		);
	}
	const [key] = given;
	if (key === 'contact_id') {
		body.contact_id = qyvoId(body.contact_id, 'Contact ID', "the contact's ID");
	}
	if (key === 'phone') body.phone = toE164(body.phone, 'Phone', defaultCountry(context));
	if (key === 'email') body.email = assertEmail(body.email, 'Email');
}

/** Optional text filters: an empty one is left out, as it would filter nothing. */
function dropEmpty(body: IDataObject, keys: string[]): void {
	for (const key of keys) {
		if (key in body && asText(body[key]).trim() === '') delete body[key];
	}
}

/** Name/value pairs whose values Qyvo requires as strings (template placeholders). */
function stringPairs(pairs: unknown, field: string): IDataObject {
	const object = nameValuePairsToObject(pairs, field);
	for (const [name, value] of Object.entries(object)) {
		if (!['string', 'number', 'boolean'].includes(typeof value)) {
			throw new InputError(
				`${field} ${quote(name)} must be text, not ${quote(value)}`,
				`Each value under ${field} is sent as text: use a string, a number or a boolean.`,
			);
		}
		object[name] = String(value);
	}
	return object;
}

function metadataObject(pairs: unknown): IDataObject {
	const metadata = nameValuePairsToObject(pairs, 'Metadata');
	const bytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
	if (bytes > MAX_METADATA_BYTES) {
		throw new InputError(
			`Metadata is ${Math.ceil(bytes / 1024)} KB as JSON; Qyvo keeps at most 64 KB`,
			'Store less under Metadata, or keep large data elsewhere and store a link to it.',
		);
	}
	return metadata;
}

function checkMaxCharacters(value: string, field: string, max: number): void {
	// counted as Qyvo's server counts them: characters, not UTF-16 units (an emoji is one)
	const length = [...value].length;
	if (length > max) {
		throw new InputError(
			`${field} is ${length} characters long; the most is ${max}`,
			`Shorten ${field} to ${max} characters or fewer, or send it as two messages.`,
		);
	}
}

export const prepareContactUpdate = checkBody(function contactUpdate(context, body) {
	checkLookup(context, body, ['contact_id', 'phone']);
	assertAnyField(
		body,
		{ name: 'Name', email: 'Email', tags: 'Tags', metadata: 'Metadata' },
		'Update',
	);
	if ('name' in body) body.name = assertText(body.name, 'Name');
	if ('email' in body) body.email = assertEmailOrEmpty(body.email, 'Email');
	if ('tags' in body) body.tags = tagsToCsv(parseTags(body.tags, 'Tags'), 'Tags');
	if ('metadata' in body) body.metadata = metadataObject(body.metadata);
});

export const prepareContactCreate = checkBody(function contactCreate(context, body) {
	body.phone = toE164(body.phone, 'Phone', defaultCountry(context));
	if ('name' in body) body.name = assertText(body.name, 'Name');
	// a new contact has no email to clear: an empty one is left out
	if ('email' in body) body.email = assertEmailOrEmpty(body.email, 'Email');
	if ('tags' in body) body.tags = tagsToCsv(parseTags(body.tags, 'Tags'), 'Tags');
	if ('metadata' in body) body.metadata = metadataObject(body.metadata);
	dropEmpty(body, ['email', 'tags']);
});

export const prepareContactGet = checkBody(function contactGet(context, body) {
	checkLookup(context, body, ['contact_id', 'phone', 'email']);
});

export const prepareContactSearch = checkBody(function contactSearch(_context, body) {
	if ('query' in body) body.query = assertText(body.query, 'Query').trim();
	if ('tag' in body) body.tag = assertText(body.tag, 'Tag').trim();
	dropEmpty(body, ['query', 'tag', 'email']);
	if ('email' in body) body.email = assertEmail(body.email, 'Email');
});

export const prepareTagChange = checkBody(function tagChange(context, body) {
	checkLookup(context, body, ['contact_id', 'phone']);
	body.tag = assertRequiredText(body.tag, 'Tag');
});

export const prepareSendText = checkBody(function sendText(context, body) {
	body.phone = toE164(body.phone, 'Phone', defaultCountry(context));
	assertRequiredText(body.message, 'Message');
	body.message = assertText(body.message, 'Message');
	checkMaxCharacters(body.message, 'Message', MAX_TEXT_LENGTH);
});

export const prepareSendTemplate = checkBody(function sendTemplate(context, body) {
	body.phone = toE164(body.phone, 'Phone', defaultCountry(context));
	body.template_id = qyvoId(body.template_id, 'Template', "the template's ID");
	if ('language' in body) {
		body.language = assertText(body.language, 'Language').trim();
		if (body.language === '') delete body.language;
		else if (!LANGUAGE.test(body.language)) {
			throw new InputError(
				`Language ${quote(body.language)} is not a WhatsApp language code`,
				'Write it as WhatsApp does, like en, en_US or pt_BR, or leave it empty to use any approved translation.',
			);
		}
	}
	if ('variables' in body) {
		body.variables = stringPairs(body.variables, 'Variables');
		if (Object.keys(body.variables).length === 0) delete body.variables;
	}
});

export const prepareTemplateGetAll = checkBody(function templateGetAll(_context, body) {
	dropEmpty(body, ['status']);
	if (!('status' in body)) return;
	const status = assertText(body.status, 'Status').trim().toUpperCase();
	if (!TEMPLATE_STATUSES.includes(status)) {
		throw new InputError(
			`Status ${quote(body.status)} is not a template status`,
			`Use one of ${TEMPLATE_STATUSES.join(', ')}.`,
		);
	}
	body.status = status;
});

export const prepareTagGetAll = checkBody(function tagGetAll(_context, body) {
	if ('name' in body) body.name = assertText(body.name, 'Name').trim();
	dropEmpty(body, ['name']);
});

/** Checks the one ID a read by ID sends, like `template_id`. */
export function prepareReadById(key: string, field: string, what: string) {
	return checkBody(function readById(_context, body) {
		body[key] = qyvoId(body[key], field, what);
	});
}

/** Starting a sequence or flow: its ID, the contact by ID or phone, and the context object. */
export function prepareSessionStart(key: string, field: string, what: string) {
	return checkBody(function sessionStart(context, body) {
		body[key] = qyvoId(body[key], field, what);
		checkLookup(context, body, ['contact_id', 'phone']);
		if ('context' in body) {
			body.context = nameValuePairsToObject(body.context, 'Context');
			if (Object.keys(body.context).length === 0) delete body.context;
		}
	});
}
