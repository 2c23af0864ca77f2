import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { nameValueCollection } from '../../../shared/descriptions/fields';
import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		required: true,
		default: '',
		description:
			'Approved template to send. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'body', property: 'template_id' } },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		description:
			"Translation of the template to send, like en_US or pt_BR. Leave empty to use any of the template's approved translations.",
		routing: { send: { type: 'body', property: 'language' } },
	},
	nameValueCollection({
		displayName: 'Variables',
		name: 'variables',
		pair: 'Variable',
		sendAs: 'variables',
		description:
			'Values for the placeholders of the template, named as they are in it: 1 for {{1}}, 2 for {{2}}. Each value is sent as text.',
	}),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);
