import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/descriptions/groups';
import { qyvoContactOptions, returnAllFields } from '../fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersCollection(
		[
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the contact with exactly this email address',
				routing: { send: { type: 'body', property: 'email' } },
			},
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. romain',
				description: 'Text found anywhere in the name, phone or email, in any case',
				routing: { send: { type: 'body', property: 'query' } },
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip',
				description: 'Only contacts with exactly this tag',
				routing: { send: { type: 'body', property: 'tag' } },
			},
		],
		'Filters combined with AND. Qyvo answers with at most 50 contacts, the most recently active first: without filters, the 50 most recently active.',
	),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['search'] } },
	properties,
);
