import type { INodeProperties } from 'n8n-workflow';

import { nameValueCollection, sendAsBody, tagsField } from '../../../shared/descriptions/fields';
import { LEAD_SOURCES } from '../../helpers/hooks';

const LEAD_SOURCE_NAMES: Record<string, string> = {
	api: 'API',
	facebook: 'Facebook',
	import: 'Import',
	instagram: 'Instagram',
	manual: 'Manual',
	webhook: 'Webhook',
};

export const businessNameField: INodeProperties = {
	displayName: 'Business Name',
	name: 'businessName',
	type: 'string',
	default: '',
	description: 'Name of the business the contact belongs to',
	routing: sendAsBody('business_name'),
};

export const customFieldsField: INodeProperties = nameValueCollection({
	displayName: 'Custom Fields',
	name: 'customFields',
	pair: 'Custom Field',
	sendAs: 'custom_fields',
	description:
		"Values of your company's custom fields, by field name. CallAidan silently drops names that are not custom fields of your company, so check the spelling.",
});

export const doNotDisturbField: INodeProperties = {
	displayName: 'Do Not Disturb',
	name: 'isDnd',
	type: 'boolean',
	default: false,
	description: 'Whether CallAidan must stop contacting this person',
	routing: sendAsBody('is_dnd'),
};

export const fullNameField: INodeProperties = {
	displayName: 'Full Name',
	name: 'fullName',
	type: 'string',
	default: '',
	description:
		'Full name, which CallAidan splits into first and last name. Use it instead of First Name and Last Name.',
	routing: sendAsBody('full_name'),
};

export const leadSourceField: INodeProperties = {
	displayName: 'Lead Source',
	name: 'leadSource',
	type: 'options',
	options: LEAD_SOURCES.map((value) => ({ name: LEAD_SOURCE_NAMES[value], value })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	default: 'api',
	description: 'Where the contact came from',
	routing: sendAsBody('lead_source'),
};

export const notesField: INodeProperties = {
	displayName: 'Notes',
	name: 'notes',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Free-text notes about the contact',
	routing: sendAsBody('notes'),
};

export function contactTagsField(description: string): INodeProperties {
	return tagsField({ sendAs: 'tags', description });
}
