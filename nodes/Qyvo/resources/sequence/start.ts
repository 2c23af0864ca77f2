import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Sequence',
		name: 'sequenceId',
		what: 'sequence',
		searchListMethod: 'searchSequences',
		sendAs: 'sequence_id',
		description:
			'Sequence to start: pick it from the list, or give its ID, from its page in Qyvo. It must be published.',
	}),
	contextField('sequence'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['start'] } },
	properties,
);
