import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/descriptions/groups';
import { contactOptions } from '../../../shared/descriptions/options';
import { campaignField, statusField } from './fields';
import { GUAYABA, limitFor } from '../../../shared/vendors';

// the Phone field is shared with Fulfill (contactPhoneField)
const properties: INodeProperties[] = [
	updateFieldsCollection(
		[campaignField, statusField],
		'Add Status, Campaign, or both: at least one is needed',
	),
	contactOptions(limitFor(GUAYABA, 'POST')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateByPhone'] } },
	properties,
);
