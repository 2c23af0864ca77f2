import type { INodeProperties } from 'n8n-workflow';

import { GUAYABA, limitFor } from '../../../shared/vendors';

import { outputEachElement } from '../../../shared/answers/outputs';
import { readOptions } from '../../../shared/descriptions/options';
import { operation, operationSelector } from '../../../shared/descriptions/operations';

export const contactStatusDescription: INodeProperties[] = [
	operationSelector(
		'contactStatus',
		[
			operation({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contact statuses',
				description:
					'List the contact statuses of your team, one item per status, with whether each is terminal',
				request: { method: 'GET', url: '/contacts/statuses' },
				output: [outputEachElement(GUAYABA, 'statuses')],
			}),
		],
		'getAll',
	),
	{
		...readOptions(limitFor(GUAYABA, 'GET')),
		displayOptions: { show: { resource: ['contactStatus'], operation: ['getAll'] } },
	},
];
