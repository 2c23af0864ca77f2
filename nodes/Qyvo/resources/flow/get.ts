import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Flow ID',
		name: 'flowId',
		sendAs: 'flow_id',
		description: 'ID of the flow, from its page in Qyvo',
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['get'] } },
	properties,
);
