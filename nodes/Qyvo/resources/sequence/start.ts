import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, qyvoContactOptions, sequenceOrFlowField } from '../fields';

const properties: INodeProperties[] = [
	sequenceOrFlowField('sequence', 'start'),
	contextField('sequence'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['start'] } },
	properties,
);
