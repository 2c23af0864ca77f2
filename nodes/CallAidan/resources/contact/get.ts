import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactIdField } from '../../../shared/descriptions/fields';
import { contactOptions } from '../../../shared/descriptions/options';
import { CALLAIDAN, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [
	{
		...contactIdField('3c90c3cc-0d44-4b50-8888-8dd25736052a'),
		description: 'ID of the contact to get',
	},
	contactOptions(limitFor(CALLAIDAN, 'GET')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);
