import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { keyBudgetFields } from '../nodes/shared/descriptions/credentialFields';
import { keyTest } from '../nodes/shared/descriptions/keyTest';
import { QYVO } from '../nodes/shared/vendors';

export class QyvoApi implements ICredentialType {
	name = 'qyvoApi';

	displayName = 'Qyvo API';

	icon: Icon = { light: 'file:../icons/qyvo.svg', dark: 'file:../icons/qyvo.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/qyvo.md#qyvo-credential';

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
		...keyBudgetFields(QYVO),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	};

	// the user and tenant the token belongs to
	test: ICredentialTestRequest = keyTest({
		service: 'Qyvo',
		secret: 'API token',
		secretSource: 'your Qyvo account',
		method: 'GET',
		path: '/me',
	});
}
