import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoContactOptions, tagField } from '../fields';

const properties: INodeProperties[] = [
	tagField(
		'Tag to add. It is created if it does not exist; adding a tag the contact has changes nothing.',
	),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['addTag'] } },
	properties,
);
