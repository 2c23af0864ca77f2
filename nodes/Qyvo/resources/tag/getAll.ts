import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoReadOptions, returnAllFields } from '../../shared/fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without filters, every tag of the account',
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip',
				description: 'Only tags whose name holds this text',
				routing: { send: { type: 'body', property: 'name' } },
			},
		],
	},
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getAll'] } },
	properties,
);
