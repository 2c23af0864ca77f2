import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Sequence',
		name: 'sequenceId',
		what: 'sequence',
		searchListMethod: 'searchSequences',
		sendAs: 'sequence_id',
		description: 'Sequence to read: pick it from the list, or give its ID, from its page in Qyvo',
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['get'] } },
	properties,
);
