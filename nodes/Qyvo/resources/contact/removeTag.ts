import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoContactOptions, tagField } from '../fields';

const properties: INodeProperties[] = [
	tagField('Tag to remove. Removing a tag the contact does not have changes nothing.'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['removeTag'] } },
	properties,
);
