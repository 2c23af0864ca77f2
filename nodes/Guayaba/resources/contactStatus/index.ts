import type { INodeProperties } from 'n8n-workflow';

import { outputEachElement, throwOnApiError } from '../../../shared/answers/apiErrors';
import { optionsCollection, requestsPerMinuteOption } from '../../../shared/descriptions/fields';
import { GUAYABA_READS } from '../../helpers/limits';

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
						postReceive: [throwOnApiError('Guayaba'), outputEachElement('Guayaba', 'statuses')],
					},
				},
			},
		],
		default: 'getAll',
	},
	{
		...optionsCollection([requestsPerMinuteOption(GUAYABA_READS)]),
		displayOptions: { show: { resource: ['contactStatus'], operation: ['getAll'] } },
	},
];
