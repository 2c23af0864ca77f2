import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [qyvoContactOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);
