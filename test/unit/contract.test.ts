import {
	type ICredentialType,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
} from 'n8n-workflow';

import { visibleProperties } from '../helpers/descriptor';
import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';

interface OperationContract {
	resource: string;
	operation: string;
	method: string;
	url: string;
	required: string[];
	other?: string[];
	updateFields: string[];
	options: string[];
}

/** The contract's two shared options, then ours: saved workflows depend on its name too. */
const CONTACT_OPTIONS = ['defaultCountry', 'includeDeliveryDetails', 'requestsPerMinute'];

/** The public interface fixed in the contract: saved workflows depend on every name here. */
const contracts: Array<{
	nodeType: INodeType;
	name: string;
	credential: string;
	operations: OperationContract[];
}> = [
	{
		nodeType: new Qyvo(),
		name: 'qyvo',
		credential: 'qyvoApi',
		operations: [
			{
				resource: 'contact',
				operation: 'update',
				method: 'POST',
				url: '/actions/update-contact',
				required: ['contactId'],
				other: ['lookupBy'],
				updateFields: ['email', 'metadata', 'name', 'tags'],
				options: CONTACT_OPTIONS,
			},
		],
	},
	{
		nodeType: new CallAidan(),
		name: 'callAidan',
		credential: 'callAidanApi',
		operations: [
			{
				resource: 'contact',
				operation: 'update',
				method: 'PATCH',
				url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
				required: ['contactId'],
				updateFields: [
					'businessName',
					'customFields',
					'email',
					'firstName',
					'fullName',
					'isDnd',
					'lastName',
					'leadSource',
					'notes',
					'phoneNumber',
					'tags',
				],
				options: CONTACT_OPTIONS,
			},
		],
	},
	{
		nodeType: new Guayaba(),
		name: 'guayaba',
		credential: 'guayabaApi',
		operations: [
			{
				resource: 'contact',
				operation: 'updateByPhone',
				method: 'POST',
				url: '/contacts/update',
				required: ['phone'],
				updateFields: ['campaignId', 'status'],
				options: CONTACT_OPTIONS,
			},
			{
				resource: 'contact',
				operation: 'updateById',
				method: 'PUT',
				url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim())}}',
				required: ['contactId'],
				// clearCustomVariables is not sent: it allows an empty customVariables
				updateFields: [
					'campaignId',
					'clearCustomVariables',
					'customVariables',
					'name',
					'phoneNumber',
					'status',
					'timezone',
				],
				options: CONTACT_OPTIONS,
			},
			{
				resource: 'contactStatus',
				operation: 'getAll',
				method: 'GET',
				url: '/contacts/statuses',
				required: [],
				updateFields: [],
				options: ['requestsPerMinute'],
			},
		],
	},
];

describe.each(contracts)('$name description', ({ nodeType, name, credential, operations }) => {
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

	it.each(operations)(
		'$resource > $operation has its request and exactly its fields',
		(contract) => {
			const parameters = { resource: contract.resource, operation: contract.operation };
			const visible = visibleProperties(nodeType, parameters);
			const operationProperty = visible.find((property) => property.name === 'operation')!;
			const option = (operationProperty.options as INodePropertyOptions[]).find(
				(candidate) => candidate.value === contract.operation,
			)!;

			expect(option.routing?.request).toEqual({ method: contract.method, url: contract.url });
			expect(option.action).toMatch(/^[A-Z][a-z]/);
			const fieldNames = visible
				.map((property) => property.name)
				.filter((n) => !['resource', 'operation'].includes(n));
			const expectedFields = [...contract.required, ...(contract.other ?? [])];
			if (contract.updateFields.length) expectedFields.push('updateFields');
			if (contract.options.length) expectedFields.push('options');
			expect(fieldNames.sort()).toEqual(expectedFields.sort());
			for (const required of contract.required) {
				expect(visible.find((property) => property.name === required)?.required).toBe(true);
			}
			const collectionNames = (name: string) =>
				((visible.find((property) => property.name === name)?.options ?? []) as INodeProperties[])
					.map((o) => o.name)
					.sort();
			expect(collectionNames('updateFields')).toEqual(contract.updateFields);
			expect(collectionNames('options')).toEqual(contract.options);
		},
	);

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

describe('qyvo lookup', () => {
	it.each([
		['contactId', ['contactId']],
		['phone', ['phone']],
	])('Find Contact By %s shows only that identifier', (lookupBy, shown) => {
		const nodeType = new Qyvo();
		const names = visibleProperties(nodeType, {
			resource: 'contact',
			operation: 'update',
			lookupBy,
		}).map((property) => property.name);
		expect(names.filter((name) => ['contactId', 'phone'].includes(name))).toEqual(shown);
		expect(names).toContain('lookupBy');
	});
});
