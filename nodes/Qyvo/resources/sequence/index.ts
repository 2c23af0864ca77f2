import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputObject } from '../../../shared/answers/outputs';
import { prepareReadById, prepareSessionStart } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as startDescription } from './start';

export const sequenceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sequence'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a sequence',
				description: 'Get a sequence: its name, status, sessions count and publication date',
				routing: {
					request: { method: 'POST', url: '/actions/get-sequence' },
					send: {
						preSend: [prepareReadById('sequence_id', 'Sequence ID', "the sequence's ID")],
						paginate: true,
					},
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a sequence for a contact',
				description:
					'Start a published sequence for a contact found by ID or phone; a sequence already running for the contact is left running',
				routing: {
					request: { method: 'POST', url: '/actions/trigger-sequence' },
					send: {
						preSend: [prepareSessionStart('sequence_id', 'Sequence ID', "the sequence's ID")],
						paginate: true,
					},
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
		],
		default: 'start',
	},
	...getDescription,
	...startDescription,
];
