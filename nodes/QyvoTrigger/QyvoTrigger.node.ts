import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { QYVO_EVENTS, receiveQyvoDelivery } from './helpers/receiveDelivery';
import {
	deliveriesWebhook,
	manualWebhookMethods,
	signingSecretProblem,
	testWebhookSecret,
} from '../shared/webhook';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class QyvoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qyvo Trigger',
		name: 'qyvoTrigger',
		icon: { light: 'file:../../icons/qyvo.svg', dark: 'file:../../icons/qyvo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: NODES_PANEL_DESCRIPTION.qyvo,
		defaults: { name: 'Qyvo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qyvoWebhookApi', required: true, testedBy: 'testQyvoSigningSecret' }],
		webhooks: [deliveriesWebhook('qyvo')],
		properties: [
			{
				displayName:
					'In Qyvo, open <b>Settings > Webhooks > Add webhook</b>, paste the Production URL shown above, tick the same events and save. Copy the signing secret Qyvo then shows (for 90 seconds) into the credential. Every delivery is checked against it: an unsigned, wrongly signed or more than 5 minutes old delivery is refused (401).',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: QYVO_EVENTS,
				default: ['message.received'],
				description:
					'The events that start the workflow. Qyvo sends only the events chosen on its side; any other delivery, and the webhook.test Qyvo sends when you save, is acknowledged without starting it.',
			},
		],
	};

	methods = {
		credentialTest: {
			testQyvoSigningSecret: testWebhookSecret('signingSecret', signingSecretProblem),
		},
	};

	// Qyvo has no API to register webhooks: the user adds the URL in its dashboard
	webhookMethods = manualWebhookMethods('qyvoWebhookApi', 'signingSecret', signingSecretProblem);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveQyvoDelivery.call(this);
	}
}
