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
				description: 'Change the fields of a contact found by its ID',
				routing: {
					request: {
						method: 'PATCH',
						url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
					},
					send: { preSend: [prepareContactUpdate], paginate: true },
					output: { postReceive: [throwOnApiError('CallAidan'), outputContact('CallAidan')] },
				},
			},
		],
		default: 'update',
	},
	...updateDescription,
];
