import type { INodeProperties } from 'n8n-workflow';

import { GUAYABA, limitFor } from '../../../shared/vendors';

import { outputEachElement } from '../../../shared/answers/outputs';
import { readOptions } from '../../../shared/descriptions/options';

export const contactStatusDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contactStatus'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contact statuses',
				description:
					'List the contact statuses of your team, one item per status, with whether each is terminal',
				routing: {
					request: { method: 'GET', url: '/contacts/statuses' },
					send: { paginate: true },
					output: {
						postReceive: [outputEachElement(GUAYABA, 'statuses')],
					},
				},
			},
		],
		default: 'getAll',
	},
	{
		...readOptions(limitFor(GUAYABA, 'GET')),
		displayOptions: { show: { resource: ['contactStatus'], operation: ['getAll'] } },
	},
];
