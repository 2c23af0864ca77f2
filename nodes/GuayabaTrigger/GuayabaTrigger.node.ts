import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { getCampaigns, getStatuses } from '../Guayaba/methods/loadOptions';
import { campaignsFilter, statusFilter } from '../Guayaba/resources/contact/fields';
import { filtersCollection } from '../shared/descriptions/groups';
import { CONTACT_EVENTS, pollContacts } from './helpers/pollContacts';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class GuayabaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Guayaba Trigger',
		name: 'guayabaTrigger',
		icon: { light: 'file:../../icons/guayaba.svg', dark: 'file:../../icons/guayaba.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: NODES_PANEL_DESCRIPTION.guayaba,
		defaults: { name: 'Guayaba Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guayabaApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: CONTACT_EVENTS.map(({ name, value, description }) => ({
					name,
					value,
					description,
				})),
				default: 'contactCreated',
				description:
					"Guayaba sends no webhooks: each poll lists the contacts by this event's time and emits those new since the last poll, oldest first. The first poll after activation only notes where to start.",
			},
			filtersCollection(
				[
					campaignsFilter('Only contacts in these campaigns'),
					statusFilter('Only contacts in this status now'),
				],
				'Only contacts that meet these conditions start the workflow',
			),
		],
	};

	methods = { loadOptions: { getCampaigns, getStatuses } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollContacts.call(this);
	}
}
