import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/descriptions/groups';
import { qyvoReadOptions, returnAllFields } from '../fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersCollection(
		[
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
		'Without filters, every template of the account',
	),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getAll'] } },
	properties,
);
