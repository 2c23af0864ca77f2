import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { nameValueCollection, tagsField } from '../../../shared/descriptions/fields';
import { additionalFieldsCollection } from '../../../shared/descriptions/groups';
import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	additionalFieldsCollection(
		[
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email address of the contact',
				routing: { send: { type: 'body', property: 'email' } },
			},
			nameValueCollection({
				displayName: 'Metadata',
				name: 'metadata',
				pair: 'Metadata',
				sendAs: 'metadata',
				description: 'Data to store on the contact (up to about 64 KB), as name/value pairs',
			}),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Contact name',
				routing: { send: { type: 'body', property: 'name' } },
			},
			tagsField({
				sendAs: 'tags',
				description:
					'Comma-separated tags, or an array from an expression. Tags that do not exist yet are created.',
			}),
		],
		'Fields to set: only the fields added here are sent',
	),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);
