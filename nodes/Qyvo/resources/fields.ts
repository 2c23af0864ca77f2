import type { INodeProperties } from 'n8n-workflow';

import { nameValueCollection, phoneField, sendAsBody } from '../../shared/descriptions/fields';
import { idPicker, UUID_OR_ULID_FORM } from '../../shared/descriptions/picker';
import { returnAllAndLimit } from '../../shared/descriptions/groups';
import { contactOptions, readOptions } from '../../shared/descriptions/options';
import { limitFor, QYVO } from '../../shared/vendors';

const BY_ID_OR_PHONE: Array<[string, string]> = [
	['Contact ID', 'contactId'],
	['Phone', 'phone'],
];

/** The operations that act on one contact found by ID or phone (Get, by email too). */
const FIND_A_CONTACT = {
	resource: ['contact', 'sequence', 'flow'],
	operation: ['get', 'update', 'addTag', 'removeTag', 'start'],
};

/**
 * How the operations that act on one contact find it, and the identifier chosen: only it is
 * shown, so only it reaches the body. Each identifier is one property for all those operations:
 * n8n evaluates a parameter's expression for every property of its name, for every item, shown
 * or not (and twice over in n8n 2.x).
 */
export const contactLookupFields: INodeProperties[] = [
	lookupByField([...BY_ID_OR_PHONE, ['Email', 'email']], {
		resource: ['contact'],
		operation: ['get'],
	}),
	lookupByField(BY_ID_OR_PHONE, {
		resource: ['contact', 'sequence', 'flow'],
		operation: ['update', 'addTag', 'removeTag', 'start'],
	}),
	{
		...idField({
			displayName: 'Contact',
			name: 'contactId',
			what: 'contact',
			searchListMethod: 'searchContacts',
			sendAs: 'contact_id',
			description:
				"The contact: pick it from the list (Qyvo searches name, phone and email, and lists the 50 most recently active), or give Qyvo's ID of it",
		}),
		displayOptions: { show: { ...FIND_A_CONTACT, lookupBy: ['contactId'] } },
	},
	{
		...phoneField({
			name: 'phone',
			what: 'Phone number of the contact',
			note: 'To start a sequence or flow, a number Qyvo does not know yet creates the contact, opted in.',
			required: true,
			sendAs: 'phone',
		}),
		displayOptions: { show: { ...FIND_A_CONTACT, lookupBy: ['phone'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'Email address of the contact',
		displayOptions: { show: { resource: ['contact'], operation: ['get'], lookupBy: ['email'] } },
		routing: sendAsBody('email'),
	},
];

/** The tag Add Tag and Remove Tag send. */
export function tagField(description: string): INodeProperties {
	return {
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. vip',
		description,
		routing: sendAsBody('tag'),
	};
}

/** Find Contact By, with the identifiers an operation takes, shown where `show` says. */
function lookupByField(
	identifiers: Array<[string, string]>,
	show: Record<string, string[]>,
): INodeProperties {
	return {
		displayName: 'Find Contact By',
		name: 'lookupBy',
		type: 'options',
		options: identifiers.map(([name, value]) => ({ name, value })),
		default: 'contactId',
		description: 'How to find the contact: only the chosen identifier is sent',
		displayOptions: { show },
	};
}

/** The WhatsApp number a contact is created with or a message sent to: one property for the three. */
export const recipientPhoneField: INodeProperties = {
	...phoneField({
		name: 'phone',
		what: 'WhatsApp number of the contact',
		note: 'Create updates the contact that has it, or creates one; sending to a number Qyvo does not know creates the contact.',
		required: true,
		sendAs: 'phone',
	}),
	displayOptions: {
		show: { resource: ['contact', 'message'], operation: ['create', 'sendText', 'sendTemplate'] },
	},
};

/** A required Qyvo ID, picked from Qyvo's list or given by ID (a UUID, or 26 characters as the docs' examples show). */
export function idField(field: {
	displayName: string;
	name: string;
	what: string;
	searchListMethod: string;
	sendAs: string;
	description: string;
}): INodeProperties {
	return idPicker({ ...field, id: UUID_OR_ULID_FORM, required: true });
}

const SEQUENCE_OR_FLOW = {
	sequence: {
		displayName: 'Sequence',
		name: 'sequenceId',
		searchListMethod: 'searchSequences',
		sendAs: 'sequence_id',
	},
	flow: { displayName: 'Flow', name: 'flowId', searchListMethod: 'searchFlows', sendAs: 'flow_id' },
};

/** The sequence or flow an operation reads or starts: picked from Qyvo's list, or given by ID. */
export function sequenceOrFlowField(
	what: 'sequence' | 'flow',
	purpose: 'read' | 'start',
): INodeProperties {
	const field = SEQUENCE_OR_FLOW[what];
	const sentences = [
		`${field.displayName} to ${purpose}: pick it from the list, or give its ID, from its page in Qyvo`,
		purpose === 'start' ? 'It must be published.' : undefined,
	];
	return idField({ ...field, what, description: sentences.filter(Boolean).join('. ') });
}

/** Context for a sequence or flow, as name/value pairs sent as one object. */
export function contextField(what: string): INodeProperties {
	return nameValueCollection({
		displayName: 'Context',
		name: 'context',
		pair: 'Context Value',
		sendAs: 'context',
		description: `Data the ${what} can use, as {{context.name}} in its messages and conditions`,
	});
}

/**
 * `returnAll` and `limit`. Qyvo's lists take no paging, so the limit is applied to the answer,
 * not sent.
 */
export const returnAllFields: INodeProperties[] = returnAllAndLimit().map((field) =>
	field.name === 'limit' ? { ...field, routing: { output: { maxResults: '={{$value}}' } } } : field,
);

/** The `options` of an operation that sends a phone number or finds a contact. */
export const qyvoContactOptions = contactOptions(limitFor(QYVO, 'POST'));

/** The `options` of an operation that only reads. */
export const qyvoReadOptions = readOptions(limitFor(QYVO, 'POST'));
