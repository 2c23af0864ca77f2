import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { getCampaigns, getStatuses } from './methods/loadOptions';
import { deliverGuayabaRequest } from './shared/limits';
import { jsonApiRequestDefaults } from '../shared/requestDefaults';
import { contactDescription } from './resources/contact';
import { contactStatusDescription } from './resources/contactStatus';

export class Guayaba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Guayaba',
		name: 'guayaba',
		icon: { light: 'file:../../icons/guayaba.svg', dark: 'file:../../icons/guayaba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Update contacts of Guayaba AI phone outreach: status, campaign, name and data',
		defaults: { name: 'Guayaba' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guayabaApi', required: true }],
		requestDefaults: jsonApiRequestDefaults,
		// every request goes through the credential's rate limit and the retry rules
		requestOperations: { pagination: deliverGuayabaRequest },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Contact Status', value: 'contactStatus' },
				],
				default: 'contact',
			},
			...contactDescription,
			...contactStatusDescription,
		],
	};

	methods = { loadOptions: { getCampaigns, getStatuses } };
}
