import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contextField, idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Sequence ID',
		name: 'sequenceId',
		sendAs: 'sequence_id',
		description: 'ID of the sequence to start, from its page in Qyvo. It must be published.',
	}),
	contextField('sequence'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['start'] } },
	properties,
);
