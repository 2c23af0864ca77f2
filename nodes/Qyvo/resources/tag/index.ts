import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputEachElement } from '../../../shared/answers/outputs';
import { prepareTagGetAll } from '../../helpers/hooks';
import { description as getAllDescription } from './getAll';

export const tagDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tags',
				description: 'List the tags of the account, one item per tag',
				routing: {
					request: { method: 'POST', url: '/actions/list-tags' },
					send: { preSend: [prepareTagGetAll], paginate: true },
					output: { postReceive: [outputEachElement(QYVO, 'tags')] },
				},
			},
		],
		default: 'getAll',
	},
	...getAllDescription,
];
