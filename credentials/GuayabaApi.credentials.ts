import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { keyBudgetFields } from '../nodes/shared/descriptions/credentialFields';
import { keyTest } from '../nodes/shared/descriptions/keyTest';
import { GUAYABA } from '../nodes/shared/vendors';

export class GuayabaApi implements ICredentialType {
	name = 'guayabaApi';

	displayName = 'Guayaba API';

	icon: Icon = { light: 'file:../icons/guayaba.svg', dark: 'file:../icons/guayaba.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/guayaba.md#guayaba-credential';

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
		...keyBudgetFields(GUAYABA),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = keyTest({
		service: 'Guayaba',
		secret: 'API key',
		secretSource: 'the Guayaba dashboard',
		method: 'GET',
		path: '/contacts/statuses',
	});
}
