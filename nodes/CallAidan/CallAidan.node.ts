import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { deliverRequests } from '../shared/transport/deliver';
import { jsonApiRequestDefaults } from '../shared/transport/requestDefaults';
import { CALLAIDAN } from '../shared/vendors';
import { contactDescription } from './resources/contact';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class CallAidan implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CallAidan',
		name: 'callAidan',
		icon: { light: 'file:../../icons/callaidan.svg', dark: 'file:../../icons/callaidan.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: NODES_PANEL_DESCRIPTION.callAidan,
		defaults: { name: 'CallAidan' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'callAidanApi', required: true }],
		requestDefaults: jsonApiRequestDefaults,
		// every request goes through the transport: the credential's limits, retries, errors
		requestOperations: { pagination: deliverRequests(CALLAIDAN) },
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
