import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions, updateFieldsCollection } from '../../../shared/descriptions/fields';
import { campaignField, statusField } from './fields';
import { GUAYABA_WRITES } from '../../helpers/limits';

// the Phone field is shared with Fulfill (contactPhoneField)
const properties: INodeProperties[] = [
	updateFieldsCollection(
		[campaignField, statusField],
		'Add Status, Campaign, or both: at least one is needed',
	),
	contactOptions(GUAYABA_WRITES),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateByPhone'] } },
	properties,
);
