import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputObject } from '../../../shared/answers/outputs';
import { prepareReadById, prepareSessionStart } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as startDescription } from './start';

export const flowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a flow',
				description:
					'Get a flow: its name, status, trigger type, sessions count and publication date',
				routing: {
					request: { method: 'POST', url: '/actions/get-flow' },
					send: {
						preSend: [prepareReadById('flow_id', 'Flow ID', "the flow's ID")],
						paginate: true,
					},
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a flow for a contact',
				description:
					'Start a published flow for a contact found by ID or phone; a flow already running for the contact is left running',
				routing: {
					request: { method: 'POST', url: '/actions/trigger-flow' },
					send: {
						preSend: [prepareSessionStart('flow_id', 'Flow ID', "the flow's ID")],
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
