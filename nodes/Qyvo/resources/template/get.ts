import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Template ID',
		name: 'templateId',
		sendAs: 'template_id',
		description: "Qyvo's ID of the template (not its name at Meta)",
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	properties,
);
