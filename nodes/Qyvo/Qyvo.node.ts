import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { deliverQyvoRequest } from './helpers/limits';
import { jsonApiRequestDefaults } from '../shared/requestDefaults';
import { contactDescription } from './resources/contact';

export class Qyvo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qyvo',
		name: 'qyvo',
		icon: { light: 'file:../../icons/qyvo.svg', dark: 'file:../../icons/qyvo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Update contacts of Qyvo AI phone outreach: name, email, tags and metadata',
		defaults: { name: 'Qyvo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qyvoApi', required: true }],
		requestDefaults: jsonApiRequestDefaults,
		// every request goes through the credential's rate limit and the retry rules
		requestOperations: { pagination: deliverQyvoRequest },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			...contactDescription,
		],
	};
}
