import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// nothing to send or test against an API: the Qyvo Trigger checks each delivery's signature with it
export class QyvoWebhookApi implements ICredentialType {
	name = 'qyvoWebhookApi';

	displayName = 'Qyvo Webhook API';

	icon: Icon = { light: 'file:../icons/qyvo.svg', dark: 'file:../icons/qyvo.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/triggers.md#qyvo-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The signing secret Qyvo shows once (for 90 seconds) when you add the webhook in Settings > Webhooks. Each delivery is checked against it.',
		},
	];
}
