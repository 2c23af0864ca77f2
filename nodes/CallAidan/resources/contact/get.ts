import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactIdField, contactOptions } from '../../../shared/descriptions/fields';
import { CALLAIDAN_LIMIT } from '../../helpers/limits';

const properties: INodeProperties[] = [
	{
		...contactIdField('3c90c3cc-0d44-4b50-8888-8dd25736052a'),
		description: 'ID of the contact to get',
	},
	contactOptions(CALLAIDAN_LIMIT),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);
