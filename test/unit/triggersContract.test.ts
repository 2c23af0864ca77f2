import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { CallAidanWebhookApi } from '../../credentials/CallAidanWebhookApi.credentials';
import { QyvoWebhookApi } from '../../credentials/QyvoWebhookApi.credentials';
import { CallAidanTrigger } from '../../nodes/CallAidanTrigger/CallAidanTrigger.node';
import { GuayabaTrigger } from '../../nodes/GuayabaTrigger/GuayabaTrigger.node';
import { QyvoTrigger } from '../../nodes/QyvoTrigger/QyvoTrigger.node';

const property = (nodeType: INodeType, name: string) =>
	nodeType.description.properties.find((candidate) => candidate.name === name) as INodeProperties;

const optionValues = (found: INodeProperties) =>
	(found.options as INodePropertyOptions[]).map((option) => option.value);

describe('trigger descriptions (contract: "Trigger nodes, added")', () => {
	it.each([
		[new QyvoTrigger(), 'qyvoTrigger', 'qyvoWebhookApi', 'qyvo'],
		[new CallAidanTrigger(), 'callAidanTrigger', 'callAidanWebhookApi', 'callaidan'],
	])(
		'%#: %s is a POST webhook answered on receipt, with its credential',
		(nodeType, name, credential, path) => {
			const { description } = nodeType;
			expect(description.name).toBe(name);
			expect(description.group).toEqual(['trigger']);
			expect(description.inputs).toEqual([]);
			expect(description.credentials?.map((entry) => [entry.name, entry.required])).toEqual([
				[credential, true],
			]);
			expect(description.webhooks).toEqual([
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path },
			]);
			expect(Object.keys(nodeType.webhookMethods?.default ?? {}).sort()).toEqual([
				'checkExists',
				'create',
				'delete',
			]);
		},
	);

	it('qyvoTrigger has the events multi-select with the five message events', () => {
		const events = property(new QyvoTrigger(), 'events');
		expect(events.type).toBe('multiOptions');
		expect(optionValues(events)).toEqual([
			'message.received',
			'message.status.sent',
			'message.status.delivered',
			'message.status.read',
			'message.status.failed',
		]);
	});

	it('guayabaTrigger polls, with the three events', () => {
		const nodeType = new GuayabaTrigger();
		expect(nodeType.description.name).toBe('guayabaTrigger');
		expect(nodeType.description.polling).toBe(true);
		expect(nodeType.description.credentials?.map((entry) => entry.name)).toEqual(['guayabaApi']);
		expect(optionValues(property(nodeType, 'event'))).toEqual([
			'contactCreated',
			'contactFulfilled',
			'contactReAdded',
		]);
		expect(typeof nodeType.poll).toBe('function');
	});

	it.each([
		[new QyvoWebhookApi(), 'qyvoWebhookApi', 'signingSecret'],
		[new CallAidanWebhookApi(), 'callAidanWebhookApi', 'token'],
	])('%#: the %s credential holds %s as a password', (credential, name, field) => {
		expect(credential.name).toBe(name);
		// notices only say why a value cannot be used
		expect(
			credential.properties
				.filter((entry) => entry.type !== 'notice')
				.map((entry) => [entry.name, entry.type, entry.typeOptions]),
		).toEqual([[field, 'string', { password: true }]]);
	});
});
