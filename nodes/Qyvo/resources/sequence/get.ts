import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { qyvoReadOptions, sequenceOrFlowField } from '../fields';

const properties: INodeProperties[] = [sequenceOrFlowField('sequence', 'read'), qyvoReadOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['get'] } },
	properties,
);
