import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { deliverRequests } from '../shared/transport/deliver';
import { jsonApiRequestDefaults } from '../shared/transport/requestDefaults';
import { GUAYABA } from '../shared/vendors';
import { getCampaigns, getStatuses } from './methods/loadOptions';
import { searchCampaigns, searchContacts } from './methods/listSearch';
import { campaignDescription } from './resources/campaign';
import { contactDescription } from './resources/contact';
import { contactStatusDescription } from './resources/contactStatus';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class Guayaba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Guayaba',
		name: 'guayaba',
		icon: { light: 'file:../../icons/guayaba.svg', dark: 'file:../../icons/guayaba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: NODES_PANEL_DESCRIPTION.guayaba,
		defaults: { name: 'Guayaba' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guayabaApi', required: true }],
		requestDefaults: jsonApiRequestDefaults,
		// every request goes through the transport: the credential's limits, retries, errors
		requestOperations: { pagination: deliverRequests(GUAYABA) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Contact Status', value: 'contactStatus' },
				],
				default: 'contact',
			},
			...campaignDescription,
			...contactDescription,
			...contactStatusDescription,
		],
	};

	methods = {
		loadOptions: { getCampaigns, getStatuses },
		listSearch: { searchCampaigns, searchContacts },
	};
}
