import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactOptions } from '../../../shared/descriptions';
import { GUAYABA_WRITES } from '../../shared/limits';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155552671',
		description:
			'Phone number of the contact to mark fulfilled. Sent in E.164 form; numbers without a leading + need Default Country under Options.',
		routing: { send: { type: 'body', property: 'phone' } },
	},
	contactOptions(GUAYABA_WRITES),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['fulfill'] } },
	properties,
);
