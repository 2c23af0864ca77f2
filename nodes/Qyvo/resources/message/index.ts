import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputObject } from '../../../shared/answers/outputs';
import { prepareSendTemplate, prepareSendText } from '../../helpers/hooks';
import { description as sendTemplateDescription } from './sendTemplate';
import { description as sendTextDescription } from './sendText';

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Template',
				value: 'sendTemplate',
				action: 'Send a template message',
				description:
					'Send an approved template, at any time: the way to reach a contact outside the 24-hour window',
				routing: {
					request: { method: 'POST', url: '/actions/send-template-message' },
					send: { preSend: [prepareSendTemplate], paginate: true },
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description:
					"Send free text, up to 4,096 characters: only within 24 hours of the contact's last message",
				routing: {
					request: { method: 'POST', url: '/actions/send-text-message' },
					send: { preSend: [prepareSendText], paginate: true },
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
		],
		default: 'sendTemplate',
	},
	...sendTemplateDescription,
	...sendTextDescription,
];
