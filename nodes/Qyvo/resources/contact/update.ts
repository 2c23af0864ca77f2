import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { emailField, nameValueCollection, tagsField } from '../../../shared/descriptions/fields';
import { updateFieldsCollection } from '../../../shared/descriptions/groups';
import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	updateFieldsCollection([
		emailField('email'),
		nameValueCollection({
			displayName: 'Metadata',
			name: 'metadata',
			pair: 'Metadata',
			sendAs: 'metadata',
			description:
				'Data to store on the contact. Qyvo merges it one level deep: names listed here are set, other names are kept.',
		}),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Contact name. Leave empty to clear the name.',
			routing: { send: { type: 'body', property: 'name' } },
		},
		tagsField({
			sendAs: 'tags',
			description:
				'Comma-separated tags, or an array from an expression. They replace the whole tag list of the contact; leave empty to remove every tag.',
		}),
	]),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);
