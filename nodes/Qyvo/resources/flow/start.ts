import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { contactLookupFields, contextField, idField, qyvoContactOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Flow ID',
		name: 'flowId',
		sendAs: 'flow_id',
		description: 'ID of the flow to start, from its page in Qyvo. It must be published.',
	}),
	...contactLookupFields(
		['contactId', 'phone'],
		'to start it for. A phone number Qyvo does not know yet creates the contact, opted in',
	),
	contextField('flow'),
	qyvoContactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['start'] } },
	properties,
);
