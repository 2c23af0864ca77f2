import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, qyvoContactOptions, sequenceOrFlowField } from '../fields';

const properties: INodeProperties[] = [
	sequenceOrFlowField('flow', 'start'),
	contextField('flow'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['start'] } },
	properties,
);
