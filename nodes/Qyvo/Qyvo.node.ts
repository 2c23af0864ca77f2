import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { deliverRequests } from '../shared/transport/deliver';
import { getTemplates } from './methods/loadOptions';
import { jsonApiRequestDefaults } from '../shared/transport/requestDefaults';
import { QYVO } from '../shared/vendors';
import { contactDescription } from './resources/contact';
import { flowDescription } from './resources/flow';
import { messageDescription } from './resources/message';
import { sequenceDescription } from './resources/sequence';
import { tagDescription } from './resources/tag';
import { templateDescription } from './resources/template';

export class Qyvo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qyvo',
		name: 'qyvo',
		icon: { light: 'file:../../icons/qyvo.svg', dark: 'file:../../icons/qyvo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'WhatsApp marketing with Qyvo: contacts and tags, text and template messages, sequences and flows',
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
			...contactDescription,
			...flowDescription,
			...messageDescription,
			...sequenceDescription,
			...tagDescription,
			...templateDescription,
		],
	};

	methods = { loadOptions: { getTemplates } };
}
