import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Flow ID',
		name: 'flowId',
		sendAs: 'flow_id',
		description: 'ID of the flow to start, from its page in Qyvo. It must be published.',
	}),
	contextField('flow'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['start'] } },
	properties,
);
