import type { INodeProperties } from 'n8n-workflow';

import { outputObject } from '../../../shared/answers/outputs';
import { GUAYABA } from '../../../shared/vendors';
import { prepareGetManyCampaigns } from '../../helpers/lists';
import { description as getAllDescription } from './getAll';

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaigns',
				description:
					'List your campaigns, one item each with ID, name and status, to pick where contacts go',
				routing: {
					request: { method: 'GET', url: '/campaigns' },
					send: { preSend: [prepareGetManyCampaigns], paginate: true },
					// each page as one item: the delivery hook reads the campaigns out of it
					output: { postReceive: [outputObject(GUAYABA)] },
				},
			},
		],
		default: 'getAll',
	},
	...getAllDescription,
];
