import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CALL_STATUSES, receiveCallAidanCall } from './helpers/receiveCall';
import {
	deliveriesWebhook,
	manualWebhookMethods,
	testWebhookSecret,
	webhookTokenProblem,
} from '../shared/webhook';
import { NODES_PANEL_DESCRIPTION } from '../shared/descriptions/nodesPanel';

export class CallAidanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CallAidan Trigger',
		name: 'callAidanTrigger',
		icon: { light: 'file:../../icons/callaidan.svg', dark: 'file:../../icons/callaidan.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Call completed',
		description: NODES_PANEL_DESCRIPTION.callAidan,
		defaults: { name: 'CallAidan Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'callAidanWebhookApi', required: true, testedBy: 'testCallAidanWebhookToken' },
		],
		webhooks: [deliveriesWebhook('callaidan')],
		properties: [
			{
				displayName:
					"In CallAidan, open <b>Voice Agents</b>, edit the agent and set its <b>Webhook URL</b> to the Production URL shown above followed by <code>?token=</code> and the token in the credential, for example <code>https://n8n.example.com/webhook/…/callaidan?token=YOUR-TOKEN</code>. n8n never shows a credential's secret in the editor, so the token is added by hand. Calls without the right token are refused (401).",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description:
					'Calls that do not pass are acknowledged without starting the workflow. Without filters, every completed call starts it.',
				options: [
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: CALL_STATUSES,
						default: [],
						description: 'Start only for calls that ended with one of these outcomes',
					},
					{
						displayName: 'Minimum Score',
						name: 'minimumScore',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100 },
						default: 0,
						description:
							'Start only for calls whose quality score (0–100) is at least this. 0 lets every call through.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			testCallAidanWebhookToken: testWebhookSecret('token', webhookTokenProblem),
		},
	};

	// CallAidan has no API to register webhooks: the user sets the agent's Webhook URL by hand
	webhookMethods = manualWebhookMethods('callAidanWebhookApi', 'token', webhookTokenProblem);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallAidanCall.call(this);
	}
}
