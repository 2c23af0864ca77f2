import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/options';
import {
	choicesFilter,
	filtersCollection,
	returnAllAndLimit,
	sendAsQuery,
} from '../../../shared/descriptions/groups';
import { GUAYABA, limitFor } from '../../../shared/vendors';
import { SEARCH_BY, SORT_BY, SORT_ORDER } from '../../helpers/lists';
import { campaignsFilter, searchFilter, statusFilter } from './fields';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		{
			...campaignsFilter('Only contacts in one of these campaigns'),
			routing: sendAsQuery('campaignId'),
		},
		searchFilter({
			placeholder: 'e.g. Ana or +14155552671',
			description:
				'Text to find in the contact name or phone number. With Search By set to Phone, it is read as a phone number and sent in E.164 form.',
		}),
		choicesFilter(SEARCH_BY, {
			default: 'phone',
			description: 'Whether Search matches names or phone numbers only (without it, both)',
		}),
		choicesFilter(SORT_BY, {
			default: 'createdAt',
			description: 'Date the contacts are sorted by (Guayaba sorts by creation date by default)',
		}),
		choicesFilter(SORT_ORDER, {
			default: 'desc',
			description: 'Whether the oldest or the newest come first (newest by default)',
		}),
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
