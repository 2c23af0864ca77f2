import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { nameValueCollection } from '../../../shared/descriptions/fields';
import { idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Template',
		name: 'templateId',
		what: 'template',
		searchListMethod: 'searchApprovedTemplates',
		sendAs: 'template_id',
		description:
			"Approved template to send: pick it from the list (only approved ones are listed), or give Qyvo's ID of it",
	}),
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
