import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactLookupFields, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	...contactLookupFields(['contactId', 'phone', 'email'], 'to get'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);
