import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/descriptions/groups';
import { qyvoReadOptions, returnAllFields } from '../fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersCollection(
		[
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
		'Without filters, every tag of the account',
	),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getAll'] } },
	properties,
);
