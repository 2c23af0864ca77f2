import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { deliverRequests } from '../shared/transport/deliver';
import { jsonApiRequestDefaults } from '../shared/transport/requestDefaults';
import { QYVO } from '../shared/vendors';
import {
	searchApprovedTemplates,
	searchContacts,
	searchFlows,
	searchSequences,
	searchTemplates,
} from './methods/listSearch';
import { contactFields, contactOperation } from './resources/contact';
import { contactLookupFields, recipientPhoneField } from './resources/fields';
import { flowFields, flowOperation } from './resources/flow';
import { messageFields, messageOperation } from './resources/message';
import { sequenceFields, sequenceOperation } from './resources/sequence';
import { tagFields, tagOperation } from './resources/tag';
import { templateFields, templateOperation } from './resources/template';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class Qyvo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qyvo',
		name: 'qyvo',
		icon: { light: 'file:../../icons/qyvo.svg', dark: 'file:../../icons/qyvo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: NODES_PANEL_DESCRIPTION.qyvo,
		defaults: { name: 'Qyvo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qyvoApi', required: true }],
		requestDefaults: jsonApiRequestDefaults,
		// every request goes through the transport: the credential's limits, retries, errors
		requestOperations: { pagination: deliverRequests(QYVO) },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Flow', value: 'flow' },
					{ name: 'Message', value: 'message' },
					{ name: 'Sequence', value: 'sequence' },
					{ name: 'Tag', value: 'tag' },
					{ name: 'Template', value: 'template' },
				],
				default: 'contact',
			},
			contactOperation,
			flowOperation,
			messageOperation,
			sequenceOperation,
			tagOperation,
			templateOperation,
			// the fields several operations share come first, once each (see resources/fields.ts)
			...contactLookupFields,
			recipientPhoneField,
			...contactFields,
			...flowFields,
			...messageFields,
			...sequenceFields,
			...tagFields,
			...templateFields,
		],
	};

	methods = {
		listSearch: {
			searchApprovedTemplates,
			searchContacts,
			searchFlows,
			searchSequences,
			searchTemplates,
		},
	};
}
