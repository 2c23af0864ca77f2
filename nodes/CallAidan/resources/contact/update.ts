import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	contactIdField,
	contactOptions,
	emailField,
	nameValueCollection,
	phoneNumberField,
	updateFieldsCollection,
	tagsField,
} from '../../../shared/descriptions';
import { LEAD_SOURCES } from '../../helpers/hooks';
import { CALLAIDAN_LIMIT } from '../../helpers/limits';

function sendAs(property: string) {
	return { send: { type: 'body' as const, property } };
}

const LEAD_SOURCE_NAMES: Record<string, string> = {
	api: 'API',
	facebook: 'Facebook',
	import: 'Import',
	instagram: 'Instagram',
	manual: 'Manual',
	webhook: 'Webhook',
};

const properties: INodeProperties[] = [
	contactIdField('3c90c3cc-0d44-4b50-8888-8dd25736052a'),
	updateFieldsCollection([
		{
			displayName: 'Business Name',
			name: 'businessName',
			type: 'string',
			default: '',
			description: 'Name of the business the contact belongs to',
			routing: sendAs('business_name'),
		},
		nameValueCollection({
			displayName: 'Custom Fields',
			name: 'customFields',
			pair: 'Custom Field',
			sendAs: 'custom_fields',
			description:
				"Values of your company's custom fields, by field name. CallAidan silently drops names that are not custom fields of your company, so check the spelling.",
		}),
		{
			displayName: 'Do Not Disturb',
			name: 'isDnd',
			type: 'boolean',
			default: true,
			description: 'Whether CallAidan must stop contacting this person',
			routing: sendAs('is_dnd'),
		},
		emailField('email'),
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: 'First name. Use First and Last Name, or Full Name, not both.',
			routing: sendAs('first_name'),
		},
		{
			displayName: 'Full Name',
			name: 'fullName',
			type: 'string',
			default: '',
			description:
				'Full name, which CallAidan splits into first and last name. Use it instead of First Name and Last Name.',
			routing: sendAs('full_name'),
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: 'Last name. Use First and Last Name, or Full Name, not both.',
			routing: sendAs('last_name'),
		},
		{
			displayName: 'Lead Source',
			name: 'leadSource',
			type: 'options',
			options: LEAD_SOURCES.map((value) => ({ name: LEAD_SOURCE_NAMES[value], value })).sort(
				(a, b) => a.name.localeCompare(b.name),
			),
			default: 'api',
			description: 'Where the contact came from',
			routing: sendAs('lead_source'),
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Free-text notes about the contact',
			routing: sendAs('notes'),
		},
		phoneNumberField({
			sendAs: 'phone_number',
			description:
				'Phone number, sent in E.164 form (CallAidan stores numbers exactly as received). Numbers without a leading + need Default Country under Options.',
		}),
		tagsField({
			sendAs: 'tags',
			description:
				'Comma-separated tags, or an array from an expression. They replace all the tags of the contact; leave empty to remove every tag.',
		}),
	]),
	contactOptions(CALLAIDAN_LIMIT),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);
