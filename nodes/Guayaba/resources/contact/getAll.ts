import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/options';
import {
	filtersCollection,
	returnAllAndLimit,
	sendAsQuery,
} from '../../../shared/descriptions/groups';
import { GUAYABA, limitFor } from '../../../shared/vendors';
import { campaignsFilter, statusFilter } from './fields';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			...campaignsFilter('Only contacts in one of these campaigns'),
			routing: sendAsQuery('campaignId'),
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: 'e.g. Ana or +14155552671',
			description:
				'Text to find in the contact name or phone number. With Search By set to Phone, it is read as a phone number and sent in E.164 form.',
			routing: sendAsQuery('search'),
		},
		{
			displayName: 'Search By',
			name: 'searchBy',
			type: 'options',
			options: [
				{ name: 'Name', value: 'name' },
				{ name: 'Phone', value: 'phone' },
			],
			default: 'phone',
			description: 'Whether Search matches names or phone numbers only (without it, both)',
			routing: sendAsQuery('searchBy'),
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{ name: 'Created At', value: 'createdAt' },
				{ name: 'Fulfilled At', value: 'fulfilledAt' },
				{ name: 'Re-Added At', value: 'reAddedAt' },
			],
			default: 'createdAt',
			description: 'Date the contacts are sorted by (Guayaba sorts by creation date by default)',
			routing: sendAsQuery('sortBy'),
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'desc',
			description: 'Whether the oldest or the newest come first (newest by default)',
			routing: sendAsQuery('sortOrder'),
		},
		{
			...statusFilter("Only contacts with this status, from your account's statuses"),
			routing: sendAsQuery('status'),
		},
	]),
	contactOptions(limitFor(GUAYABA, 'GET')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);
