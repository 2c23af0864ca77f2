import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// tested by the Qyvo node (testedBy), which reads the status code of a read-only request
export class QyvoApi implements ICredentialType {
	name = 'qyvoApi';

	displayName = 'Qyvo API';

	icon: Icon = { light: 'file:../icons/qyvo.svg', dark: 'file:../icons/qyvo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach#qyvo-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'API token from Qyvo, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.qyvo.io/api/v1',
			description: 'Change only to reach a staging or test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	};
}
