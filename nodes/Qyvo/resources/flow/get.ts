import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoReadOptions, sequenceOrFlowField } from '../fields';

const properties: INodeProperties[] = [sequenceOrFlowField('flow', 'read'), qyvoReadOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['get'] } },
	properties,
);
