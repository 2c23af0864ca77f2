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
		description:
			'Tag to add. It is created if it does not exist; adding a tag the contact has changes nothing.',
		routing: { send: { type: 'body', property: 'tag' } },
	},
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['addTag'] } },
	properties,
);
