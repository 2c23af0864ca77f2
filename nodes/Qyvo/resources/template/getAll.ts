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
		description: 'Without filters, every template of the account',
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: 'APPROVED',
				description:
					"Only templates in this state of Meta's review: only approved ones can be sent",
				routing: { send: { type: 'body', property: 'status' } },
			},
		],
	},
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getAll'] } },
	properties,
);
