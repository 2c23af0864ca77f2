import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { readOptions } from '../../../shared/descriptions/options';
import {
	choicesFilter,
	filtersCollection,
	returnAllAndLimit,
} from '../../../shared/descriptions/groups';
import { GUAYABA, limitFor } from '../../../shared/vendors';
import { CAMPAIGN_STATUS } from '../../helpers/lists';
import { searchFilter } from '../contact/fields';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	filtersCollection([
		searchFilter({
			placeholder: 'e.g. summer',
			description: 'Text to find in the campaign name, in any case',
		}),
		choicesFilter(CAMPAIGN_STATUS, {
			default: 'active',
			description: 'Only campaigns with this status',
		}),
	]),
	readOptions(limitFor(GUAYABA, 'GET')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);
