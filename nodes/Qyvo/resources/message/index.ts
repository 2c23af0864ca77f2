import type { INodeProperties } from 'n8n-workflow';

import { outputObject } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareSendTemplate, prepareSendText } from '../../helpers/hooks';
import { description as sendTemplateDescription } from './sendTemplate';
import { description as sendTextDescription } from './sendText';

export const messageOperation: INodeProperties = operationSelector(
	'message',
	[
		operation({
			name: 'Send Template',
			value: 'sendTemplate',
			action: 'Send a template message',
			description:
				'Send an approved template, at any time: the way to reach a contact outside the 24-hour window',
			request: { method: 'POST', url: '/actions/send-template-message' },
			rules: prepareSendTemplate,
			output: [outputObject(QYVO)],
		}),
		operation({
			name: 'Send Text',
			value: 'sendText',
			action: 'Send a text message',
			description:
				"Send free text, up to 4,096 characters: only within 24 hours of the contact's last message",
			request: { method: 'POST', url: '/actions/send-text-message' },
			rules: prepareSendText,
			output: [outputObject(QYVO)],
		}),
	],
	'sendTemplate',
);

export const messageFields: INodeProperties[] = [
	...sendTemplateDescription,
	...sendTextDescription,
];
