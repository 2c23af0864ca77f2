import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// tested by the CallAidan node (testedBy), which reads the status code of a read-only request
export class CallAidanApi implements ICredentialType {
	name = 'callAidanApi';

	displayName = 'CallAidan API';

	icon: Icon = { light: 'file:../icons/callaidan.svg', dark: 'file:../icons/callaidan.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach#callaidan-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Company API key from CallAidan, sent as the Authorization header as it is',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.callaidan.com',
			description: 'Change only to reach a staging or test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};
}
