import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { readOptions } from '../../../shared/descriptions/options';
import {
	filtersCollection,
	returnAllAndLimit,
	sendAsQuery,
} from '../../../shared/descriptions/groups';
import { GUAYABA, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: 'e.g. summer',
			description: 'Text to find in the campaign name, in any case',
			routing: sendAsQuery('search'),
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active' },
				{ name: 'Paused', value: 'paused' },
			],
			default: 'active',
			description: 'Only campaigns with this status',
			routing: sendAsQuery('status'),
		},
	]),
	readOptions(limitFor(GUAYABA, 'GET')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);
