import type { INodeProperties } from 'n8n-workflow';

import { CALLAIDAN } from '../../../shared/vendors';

import { outputContact } from '../../../shared/answers/outputs';
import { outputContactAsSent, prepareContactCreate } from '../../helpers/create';
import { prepareContactGet } from '../../helpers/get';
import { prepareContactUpdate } from '../../helpers/hooks';
import { description as createDescription } from './create';
import { description as getDescription } from './get';
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
				name: 'Create',
				value: 'create',
				action: 'Create or update a contact',
				description:
					'Add a contact, or update the one CallAidan already has: its tags are added to the ones it has. Outputs the contact as sent, since CallAidan answers with no body.',
				routing: {
					request: { method: 'POST', url: '/contacts/' },
					send: { preSend: [prepareContactCreate], paginate: true },
					output: { postReceive: [outputContactAsSent] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description:
					'Read a contact by its ID, with its tags, do-not-disturb flag and its three most recent calls and chats',
				routing: {
					request: {
						method: 'GET',
						url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
					},
					send: { preSend: [prepareContactGet], paginate: true },
					output: { postReceive: [outputContact(CALLAIDAN)] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description:
					'Change the fields of a contact found by its ID. Tags sent replace all its tags (unlike Create, which adds them).',
				routing: {
					request: {
						method: 'PATCH',
						url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
					},
					send: { preSend: [prepareContactUpdate], paginate: true },
					output: { postReceive: [outputContact(CALLAIDAN)] },
				},
			},
		],
		default: 'update',
	},
	...createDescription,
	...getDescription,
	...updateDescription,
];
