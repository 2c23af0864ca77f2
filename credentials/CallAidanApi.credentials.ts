import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { keyBudgetFields } from '../nodes/shared/descriptions/credentialFields';
import { keyTest } from '../nodes/shared/descriptions/keyTest';
import { CALLAIDAN } from '../nodes/shared/vendors';

export class CallAidanApi implements ICredentialType {
	name = 'callAidanApi';

	displayName = 'CallAidan API';

	icon: Icon = { light: 'file:../icons/callaidan.svg', dark: 'file:../icons/callaidan.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/callaidan.md#callaidan-credential';

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
		...keyBudgetFields(CALLAIDAN),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};

	// CallAidan documents no read that answers 2xx without an existing record: no contact has the
	// nil UUID, so a good key gets 404 in the { "detail": ... } shape of the API's framework
	test: ICredentialTestRequest = keyTest({
		service: 'CallAidan',
		secret: 'API key',
		secretSource: 'your CallAidan account',
		method: 'GET',
		path: '/contacts/00000000-0000-0000-0000-000000000000/',
		acceptedErrorStatus: 404,
		acceptedErrorField: 'detail',
	});
}
