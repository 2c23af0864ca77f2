import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. vip',
		description: 'Tag to remove. Removing a tag the contact does not have changes nothing.',
		routing: { send: { type: 'body', property: 'tag' } },
	},
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['removeTag'] } },
	properties,
);
