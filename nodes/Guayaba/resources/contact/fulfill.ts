import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/fields';
import { GUAYABA_WRITES } from '../../helpers/limits';

// the Phone field is shared with Update by Phone (contactPhoneField)
const properties: INodeProperties[] = [contactOptions(GUAYABA_WRITES)];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['fulfill'] } },
	properties,
);
