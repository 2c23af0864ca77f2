import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/fields';
import {
	filtersCollection,
	returnAllAndLimit,
	sendAsQuery,
} from '../../../shared/descriptions/groups';
import { GUAYABA_READS } from '../../helpers/limits';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			displayName: 'Campaign Names or IDs',
			name: 'campaignIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCampaigns' },
			default: [],
			description:
				'Only contacts in one of these campaigns. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
			displayName: 'Status Name or ID',
			name: 'status',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStatuses' },
			default: '',
			description:
				'Only contacts with this status, from your account\'s statuses. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: sendAsQuery('status'),
		},
	]),
	contactOptions(GUAYABA_READS),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);
