import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Sequence ID',
		name: 'sequenceId',
		sendAs: 'sequence_id',
		description: 'ID of the sequence, from its page in Qyvo',
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sequence'], operation: ['get'] } },
	properties,
);
