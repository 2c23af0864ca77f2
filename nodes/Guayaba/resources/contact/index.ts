import type { INodeProperties } from 'n8n-workflow';

import { outputContact, throwOnApiError } from '../../../shared/apiResponse';
import { prepareUpdateById, prepareUpdateByPhone } from '../../helpers/hooks';
import { description as updateByIdDescription } from './updateById';
import { description as updateByPhoneDescription } from './updateByPhone';

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Update by ID',
				value: 'updateById',
				action: 'Update a contact by ID',
				description: 'Change any field of a contact found by its ID',
				routing: {
					request: {
						method: 'PUT',
						url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim())}}',
					},
					send: { preSend: [prepareUpdateById], paginate: true },
					output: {
						postReceive: [throwOnApiError('Guayaba'), outputContact('Guayaba', 'contact')],
					},
				},
			},
			{
				name: 'Update by Phone',
				value: 'updateByPhone',
				action: 'Update a contact by phone number',
				description: 'Change the status or campaign of a contact found by its phone number',
				routing: {
					request: { method: 'POST', url: '/contacts/update' },
					send: { preSend: [prepareUpdateByPhone], paginate: true },
					output: {
						postReceive: [throwOnApiError('Guayaba'), outputContact('Guayaba', 'contact')],
					},
				},
			},
		],
		default: 'updateByPhone',
	},
	...updateByIdDescription,
	...updateByPhoneDescription,
];
