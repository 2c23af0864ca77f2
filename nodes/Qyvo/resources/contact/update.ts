import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	contactIdField,
	contactOptions,
	emailField,
	nameValueCollection,
	updateFieldsCollection,
	tagsField,
} from '../../../shared/descriptions';
import { QYVO_LIMIT } from '../../helpers/limits';

const properties: INodeProperties[] = [
	{
		displayName: 'Find Contact By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'Contact ID', value: 'contactId' },
			{ name: 'Phone', value: 'phone' },
		],
		default: 'contactId',
		description: 'How to find the contact to update: only the chosen identifier is sent',
	},
	{
		...contactIdField('01J1Y8Z6K3M4N5P6Q7R8S9T0VW'),
		displayOptions: { show: { lookupBy: ['contactId'] } },
		routing: { send: { type: 'body', property: 'contact_id' } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155550123',
		description:
			'Phone number of the contact to update, sent in E.164 form. Numbers without a leading + need Default Country under Options.',
		displayOptions: { show: { lookupBy: ['phone'] } },
		routing: { send: { type: 'body', property: 'phone' } },
	},
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
	contactOptions(QYVO_LIMIT),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);
