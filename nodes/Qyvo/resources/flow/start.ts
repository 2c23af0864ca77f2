import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Flow',
		name: 'flowId',
		what: 'flow',
		searchListMethod: 'searchFlows',
		sendAs: 'flow_id',
		description:
			'Flow to start: pick it from the list, or give its ID, from its page in Qyvo. It must be published.',
	}),
	contextField('flow'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['start'] } },
	properties,
);
