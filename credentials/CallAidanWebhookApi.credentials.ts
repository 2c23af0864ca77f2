import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { webhookTokenNotices } from '../nodes/shared/descriptions/webhookToken';

// nothing to send or test against an API: the CallAidan Trigger accepts only calls whose URL carries it
export class CallAidanWebhookApi implements ICredentialType {
	name = 'callAidanWebhookApi';

	displayName = 'CallAidan Webhook API';

	icon: Icon = { light: 'file:../icons/callaidan.svg', dark: 'file:../icons/callaidan.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/triggers.md#callaidan-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random string you choose (for example from a password manager). CallAidan signs nothing, so the webhook URL you paste into the voice agent carries it as ?token=; calls without it are refused.',
		},
		...webhookTokenNotices('token'),
	];
}
