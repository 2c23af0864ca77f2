import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { MAX_TEXT_LENGTH } from '../../helpers/hooks';
import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: `Text to send, up to ${MAX_TEXT_LENGTH} characters, with WhatsApp markup like *bold* and _italic_. WhatsApp delivers free text only within 24 hours of the contact's last message; outside that window, send a template.`,
		routing: { send: { type: 'body', property: 'message' } },
	},
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);
