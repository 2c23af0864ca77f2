import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions/options';
import { CALLAIDAN, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [contactOptions(limitFor(CALLAIDAN, 'GET'))];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);
