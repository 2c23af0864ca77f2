import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Flow',
		name: 'flowId',
		what: 'flow',
		searchListMethod: 'searchFlows',
		sendAs: 'flow_id',
		description: 'Flow to read: pick it from the list, or give its ID, from its page in Qyvo',
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['get'] } },
	properties,
);
