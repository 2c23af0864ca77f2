import type { INodeProperties } from 'n8n-workflow';

import { outputContact, throwOnApiError } from '../../../shared/apiResponse';
import { prepareContactUpdate } from '../../helpers/hooks';
import { description as updateDescription } from './update';

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change the name, email, tags or metadata of a contact found by ID or phone',
				routing: {
					request: { method: 'POST', url: '/actions/update-contact' },
					send: { preSend: [prepareContactUpdate], paginate: true },
					output: { postReceive: [throwOnApiError('Qyvo'), outputContact('Qyvo')] },
				},
			},
		],
		default: 'update',
	},
	...updateDescription,
];
