import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/options';
import { GUAYABA, limitFor } from '../../../shared/vendors';

// the Phone field is shared with Update by Phone (contactPhoneField)
const properties: INodeProperties[] = [contactOptions(limitFor(GUAYABA, 'POST'))];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['fulfill'] } },
	properties,
);
