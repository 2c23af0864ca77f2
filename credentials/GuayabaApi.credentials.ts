import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class GuayabaApi implements ICredentialType {
	name = 'guayabaApi';

	displayName = 'Guayaba API';

	icon: Icon = { light: 'file:../icons/guayaba.svg', dark: 'file:../icons/guayaba.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach#guayaba-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'gua_...',
			description: 'API key from the Guayaba dashboard, sent as the X-API-Key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.guayaba.ai',
			description: 'Change only to reach a staging or test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/contacts/statuses',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The API key was refused: check it in the Guayaba dashboard',
				},
			},
		],
	};
}
