import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { idField, qyvoReadOptions } from '../fields';

const properties: INodeProperties[] = [
	idField({
		displayName: 'Template',
		name: 'templateId',
		what: 'template',
		searchListMethod: 'searchTemplates',
		sendAs: 'template_id',
		description:
			"Template to read: pick it from the list (any review status), or give Qyvo's ID of it (not its name at Meta)",
	}),
	qyvoReadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	properties,
);
