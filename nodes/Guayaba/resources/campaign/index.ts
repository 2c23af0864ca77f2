import type { INodeProperties } from 'n8n-workflow';

import { outputObject } from '../../../shared/answers/outputs';
import { GUAYABA } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareGetManyCampaigns } from '../../helpers/lists';
import { description as getAllDescription } from './getAll';

export const campaignDescription: INodeProperties[] = [
	operationSelector(
		'campaign',
		[
			operation({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaigns',
				description:
					'List your campaigns, one item each with ID, name and status, to pick where contacts go',
				request: { method: 'GET', url: '/campaigns' },
				rules: prepareGetManyCampaigns,
				// each page as one item: the delivery hook reads the campaigns out of it
				output: [outputObject(GUAYABA)],
			}),
		],
		'getAll',
	),
	...getAllDescription,
];
