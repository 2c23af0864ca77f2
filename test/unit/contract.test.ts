import { type ICredentialType, type INodeType } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';

/** The public interface fixed in the contract: saved workflows depend on every name here. */
const contracts: Array<{
	nodeType: INodeType;
	name: string;
	credential: string;
}> = [
	{
		nodeType: new Qyvo(),
		name: 'qyvo',
		credential: 'qyvoApi',
	},
	{
		nodeType: new CallAidan(),
		name: 'callAidan',
		credential: 'callAidanApi',
	},
	{
		nodeType: new Guayaba(),
		name: 'guayaba',
		credential: 'guayabaApi',
	},
];

describe.each(contracts)('$name description', ({ nodeType, name, credential }) => {
	const { description } = nodeType;

	it('has the contract names, is usable as a tool, and has light and dark icons', () => {
		expect(description.name).toBe(name);
		expect(description.usableAsTool).toBe(true);
		// the credential's own test request tests it (n8n's scanner refuses a function test's helper)
		expect(description.credentials).toEqual([{ name: credential, required: true }]);
		expect(nodeType.methods?.credentialTest).toBeUndefined();
		expect(description.icon).toEqual({
			light: `file:../../icons/${name.toLowerCase()}.svg`,
			dark: `file:../../icons/${name.toLowerCase()}.dark.svg`,
		});
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.requestDefaults).toMatchObject({
			ignoreHttpStatusErrors: true,
			json: true,
			disableFollowRedirect: true,
		});
	});

	it('describes every field it shows', () => {
		const undescribed = description.properties
			.filter((property) => !['resource', 'operation', 'options'].includes(property.name))
			.filter((property) => !property.description)
			.map((property) => property.name);
		expect(undescribed).toEqual([]);
	});
});

describe('credentials', () => {
	it.each<{
		type: ICredentialType;
		name: string;
		secret: string;
		baseUrl: string;
		header: Record<string, string>;
		test: [string, string];
		/** The key's budgets, added to the contract's fields: name and default per minute. */
		budgets: Array<[string, number]>;
	}>([
		{
			type: new QyvoApi(),
			name: 'qyvoApi',
			secret: 'apiToken',
			baseUrl: 'https://www.qyvo.io/api/v1',
			header: { Authorization: '=Bearer {{$credentials.apiToken}}' },
			test: ['GET', '/me'],
			budgets: [['requestsPerMinute', 120]],
		},
		{
			type: new CallAidanApi(),
			name: 'callAidanApi',
			secret: 'apiKey',
			baseUrl: 'https://api.callaidan.com',
			header: { Authorization: '={{$credentials.apiKey}}' },
			test: ['GET', '/contacts/00000000-0000-0000-0000-000000000000/'],
			budgets: [['requestsPerMinute', 60]],
		},
		{
			type: new GuayabaApi(),
			name: 'guayabaApi',
			secret: 'apiKey',
			baseUrl: 'https://api.guayaba.ai',
			header: { 'X-API-Key': '={{$credentials.apiKey}}' },
			test: ['GET', '/contacts/statuses'],
			budgets: [
				['readsPerMinute', 100],
				['writesPerMinute', 30],
			],
		},
	])(
		'$name has the contract fields, the key budgets, header and a test request',
		({ type, name, secret, baseUrl, header, test, budgets }) => {
			expect(type.name).toBe(name);
			expect(type.properties.map((property) => property.name)).toEqual([
				secret,
				'baseUrl',
				...budgets.map(([field]) => field),
			]);
			expect(type.properties.slice(2).map((property) => [property.name, property.default])).toEqual(
				budgets,
			);
			expect(type.properties[0].typeOptions).toEqual({ password: true });
			expect(type.properties[1].default).toBe(baseUrl);
			expect(type.authenticate).toEqual({ type: 'generic', properties: { headers: header } });
			// what it answers is tested in test/integration/credentialTests.test.ts
			expect([type.test?.request.method, type.test?.request.url]).toEqual(test);
			expect(type.test?.request.baseURL).toBe('={{$credentials.baseUrl.replace(/\\/+$/, "")}}');
			expect(type.test?.request.disableFollowRedirect).toBe(true);
		},
	);
});
