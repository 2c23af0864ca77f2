import {
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
} from 'n8n-workflow';

import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { CALLAIDAN, GUAYABA, QYVO, type Vendor } from '../../nodes/shared/vendors';
import { visibleProperties } from '../helpers/descriptor';

/**
 * Every operation of the three nodes, as the editor shows it: its request, that it goes through
 * the transport, and exactly the fields it shows (in their order), which are required, what each
 * routed field is sent as, and what each collection offers. The names are the contract's.
 */

/** The `options` of an operation that sends a phone number or finds a contact. */
const OPTIONS = ['defaultCountry', 'includeDeliveryDetails', 'requestsPerMinute'];
/** The `options` of an operation that only reads. */
const READ_OPTIONS = ['requestsPerMinute'];

const NODES: Record<string, { nodeType: INodeType; vendor: Vendor }> = {
	guayaba: { nodeType: new Guayaba(), vendor: GUAYABA },
	callAidan: { nodeType: new CallAidan(), vendor: CALLAIDAN },
	qyvo: { nodeType: new Qyvo(), vendor: QYVO },
};

interface OperationDescriptor {
	node: string;
	parameters: INodeParameters & { resource: string; operation: string };
	request: [string, string];
	fields: string[];
	required: string[];
	/** Each routed field shown: `body:key` or `query:key`. */
	sends: Record<string, string>;
	/** Each collection shown: the names of its fields, sorted. */
	collections: Record<string, string[]>;
}

const OPERATIONS: OperationDescriptor[] = [
	{
		node: 'guayaba',
		parameters: { resource: 'campaign', operation: 'getAll' },
		request: ['GET', '/campaigns'],
		fields: ['returnAll', 'limit', 'filters', 'options'],
		required: [],
		sends: {},
		collections: { filters: ['search', 'status'], options: READ_OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'create' },
		request: ['POST', '/contacts'],
		fields: ['phoneNumber', 'enrollIn', 'campaignId', 'additionalFields', 'options'],
		required: ['phoneNumber', 'campaignId'],
		sends: { phoneNumber: 'body:phoneNumber', campaignId: 'body:campaignId' },
		collections: { additionalFields: ['customVariables', 'name', 'timezone'], options: OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'fulfill' },
		request: ['POST', '/contacts/fulfill'],
		fields: ['phone', 'options'],
		required: ['phone'],
		sends: {},
		collections: { options: OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'getAll' },
		request: ['GET', '/contacts'],
		fields: ['returnAll', 'limit', 'filters', 'options'],
		required: [],
		sends: {},
		collections: {
			filters: ['campaignIds', 'search', 'searchBy', 'sortBy', 'sortOrder', 'status'],
			options: OPTIONS,
		},
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'updateById' },
		request: ['PUT', '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim())}}'],
		fields: ['contactId', 'updateFields', 'options'],
		required: ['contactId'],
		sends: {},
		collections: {
			updateFields: [
				'campaignId',
				'clearCustomVariables',
				'customVariables',
				'name',
				'phoneNumber',
				'status',
				'timezone',
			],
			options: OPTIONS,
		},
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'updateByPhone' },
		request: ['POST', '/contacts/update'],
		fields: ['phone', 'updateFields', 'options'],
		required: ['phone'],
		sends: {},
		collections: { updateFields: ['campaignId', 'status'], options: OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contactStatus', operation: 'getAll' },
		request: ['GET', '/contacts/statuses'],
		fields: ['options'],
		required: [],
		sends: {},
		collections: { options: READ_OPTIONS },
	},
	{
		node: 'callAidan',
		parameters: { resource: 'contact', operation: 'create' },
		request: ['POST', '/contacts/'],
		fields: ['phoneNumber', 'additionalFields', 'options'],
		required: ['phoneNumber'],
		sends: { phoneNumber: 'body:phone_number' },
		collections: {
			additionalFields: [
				'businessName',
				'customFields',
				'email',
				'fullName',
				'isDnd',
				'leadSource',
				'notes',
				'tags',
			],
			options: OPTIONS,
		},
	},
	{
		node: 'callAidan',
		parameters: { resource: 'contact', operation: 'get' },
		request: [
			'GET',
			'={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
		],
		fields: ['contactId', 'options'],
		required: ['contactId'],
		sends: {},
		collections: { options: OPTIONS },
	},
	{
		node: 'callAidan',
		parameters: { resource: 'contact', operation: 'update' },
		request: [
			'PATCH',
			'={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
		],
		fields: ['contactId', 'updateFields', 'options'],
		required: ['contactId'],
		sends: {},
		collections: {
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
			options: OPTIONS,
		},
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'addTag' },
		request: ['POST', '/actions/add-tag'],
		fields: ['lookupBy', 'contactId', 'tag', 'options'],
		required: ['contactId', 'tag'],
		sends: { contactId: 'body:contact_id', tag: 'body:tag' },
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'create' },
		request: ['POST', '/actions/create-contact'],
		fields: ['phone', 'additionalFields', 'options'],
		required: ['phone'],
		sends: { phone: 'body:phone' },
		collections: { additionalFields: ['email', 'metadata', 'name', 'tags'], options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'get' },
		request: ['POST', '/actions/get-contact'],
		fields: ['lookupBy', 'contactId', 'options'],
		required: ['contactId'],
		sends: { contactId: 'body:contact_id' },
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'removeTag' },
		request: ['POST', '/actions/remove-tag'],
		fields: ['lookupBy', 'contactId', 'tag', 'options'],
		required: ['contactId', 'tag'],
		sends: { contactId: 'body:contact_id', tag: 'body:tag' },
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'search' },
		request: ['POST', '/actions/search-contacts'],
		fields: ['returnAll', 'limit', 'filters', 'options'],
		required: [],
		sends: {},
		collections: { filters: ['email', 'query', 'tag'], options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'update' },
		request: ['POST', '/actions/update-contact'],
		fields: ['lookupBy', 'contactId', 'updateFields', 'options'],
		required: ['contactId'],
		sends: { contactId: 'body:contact_id' },
		collections: { updateFields: ['email', 'metadata', 'name', 'tags'], options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'flow', operation: 'get' },
		request: ['POST', '/actions/get-flow'],
		fields: ['flowId', 'options'],
		required: ['flowId'],
		sends: { flowId: 'body:flow_id' },
		collections: { options: READ_OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'flow', operation: 'start' },
		request: ['POST', '/actions/trigger-flow'],
		fields: ['lookupBy', 'contactId', 'flowId', 'context', 'options'],
		required: ['contactId', 'flowId'],
		sends: { contactId: 'body:contact_id', flowId: 'body:flow_id', context: 'body:context' },
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'message', operation: 'sendTemplate' },
		request: ['POST', '/actions/send-template-message'],
		fields: ['phone', 'templateId', 'language', 'variables', 'options'],
		required: ['phone', 'templateId'],
		sends: {
			phone: 'body:phone',
			templateId: 'body:template_id',
			language: 'body:language',
			variables: 'body:variables',
		},
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'message', operation: 'sendText' },
		request: ['POST', '/actions/send-text-message'],
		fields: ['phone', 'message', 'options'],
		required: ['phone', 'message'],
		sends: { phone: 'body:phone', message: 'body:message' },
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'sequence', operation: 'get' },
		request: ['POST', '/actions/get-sequence'],
		fields: ['sequenceId', 'options'],
		required: ['sequenceId'],
		sends: { sequenceId: 'body:sequence_id' },
		collections: { options: READ_OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'sequence', operation: 'start' },
		request: ['POST', '/actions/trigger-sequence'],
		fields: ['lookupBy', 'contactId', 'sequenceId', 'context', 'options'],
		required: ['contactId', 'sequenceId'],
		sends: {
			contactId: 'body:contact_id',
			sequenceId: 'body:sequence_id',
			context: 'body:context',
		},
		collections: { options: OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'tag', operation: 'getAll' },
		request: ['POST', '/actions/list-tags'],
		fields: ['returnAll', 'limit', 'filters', 'options'],
		required: [],
		sends: {},
		collections: { filters: ['name'], options: READ_OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'template', operation: 'get' },
		request: ['POST', '/actions/get-template'],
		fields: ['templateId', 'options'],
		required: ['templateId'],
		sends: { templateId: 'body:template_id' },
		collections: { options: READ_OPTIONS },
	},
	{
		node: 'qyvo',
		parameters: { resource: 'template', operation: 'getAll' },
		request: ['POST', '/actions/list-templates'],
		fields: ['returnAll', 'limit', 'filters', 'options'],
		required: [],
		sends: {},
		collections: { filters: ['status'], options: READ_OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'create', enrollIn: 'splitter' },
		request: ['POST', '/contacts'],
		fields: ['phoneNumber', 'enrollIn', 'splitterId', 'additionalFields', 'options'],
		required: ['phoneNumber', 'splitterId'],
		sends: { phoneNumber: 'body:phoneNumber', splitterId: 'body:splitterId' },
		collections: { additionalFields: ['customVariables', 'name', 'timezone'], options: OPTIONS },
	},
	{
		node: 'guayaba',
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
		request: ['GET', '/contacts'],
		fields: ['returnAll', 'filters', 'options'],
		required: [],
		sends: {},
		collections: {
			filters: ['campaignIds', 'search', 'searchBy', 'sortBy', 'sortOrder', 'status'],
			options: OPTIONS,
		},
	},
	...(['addTag', 'removeTag'] as const).map((operation) => ({
		node: 'qyvo',
		parameters: { resource: 'contact', operation, lookupBy: 'phone' },
		request: ['POST', `/actions/${operation === 'addTag' ? 'add-tag' : 'remove-tag'}`] as [
			string,
			string,
		],
		fields: ['lookupBy', 'phone', 'tag', 'options'],
		required: ['phone', 'tag'],
		sends: { phone: 'body:phone', tag: 'body:tag' },
		collections: { options: OPTIONS },
	})),
	...(['phone', 'email'] as const).map((lookupBy) => ({
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'get', lookupBy },
		request: ['POST', '/actions/get-contact'] as [string, string],
		fields: ['lookupBy', lookupBy, 'options'],
		required: [lookupBy],
		sends: { [lookupBy]: `body:${lookupBy}` },
		collections: { options: OPTIONS },
	})),
	{
		node: 'qyvo',
		parameters: { resource: 'contact', operation: 'update', lookupBy: 'phone' },
		request: ['POST', '/actions/update-contact'],
		fields: ['lookupBy', 'phone', 'updateFields', 'options'],
		required: ['phone'],
		sends: { phone: 'body:phone' },
		collections: { updateFields: ['email', 'metadata', 'name', 'tags'], options: OPTIONS },
	},
	...(['sequence', 'flow'] as const).map((resource) => ({
		node: 'qyvo',
		parameters: { resource, operation: 'start', lookupBy: 'phone' },
		request: ['POST', `/actions/trigger-${resource}`] as [string, string],
		fields: ['lookupBy', 'phone', `${resource}Id`, 'context', 'options'],
		required: ['phone', `${resource}Id`],
		sends: {
			phone: 'body:phone',
			[`${resource}Id`]: `body:${resource}_id`,
			context: 'body:context',
		},
		collections: { options: OPTIONS },
	})),
];

function operationOption(
	nodeType: INodeType,
	{ resource, operation }: OperationDescriptor['parameters'],
) {
	const selector = nodeType.description.properties.find(
		(property) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	)!;
	return (selector.options as INodePropertyOptions[]).find((option) => option.value === operation);
}

describe.each(OPERATIONS)(
	'$node $parameters',
	({ node, parameters, request, fields, required, sends, collections }) => {
		const { nodeType, vendor } = NODES[node];
		const option = operationOption(nodeType, parameters)!;
		const shown = visibleProperties(nodeType, parameters).filter(
			(property) => !['resource', 'operation'].includes(property.name),
		);

		it('sends its request through the transport, with an action and a description', () => {
			expect([option.routing?.request?.method, option.routing?.request?.url]).toEqual(request);
			// paginate hands the request to the node's delivery hook: limits, retries, errors
			expect(option.routing?.send?.paginate).toBe(true);
			const { pagination } = nodeType.description.requestOperations ?? {};
			expect((pagination as unknown as { vendor?: Vendor }).vendor).toBe(vendor);
			expect(option.routing?.output?.postReceive?.length).toBeGreaterThan(0);
			expect(option.action).toMatch(/^[A-Z][a-z]+ [a-z]/);
			expect(option.description!.length).toBeGreaterThan(40);
		});

		it('shows exactly its fields, the required ones marked, each sent as its API names it', () => {
			expect(shown.map((property) => property.name)).toEqual(fields);
			expect(
				shown.filter((property) => property.required).map((property) => property.name),
			).toEqual(required);
			expect(
				Object.fromEntries(
					shown
						.filter((property) => property.routing?.send?.property)
						.map((property) => [
							property.name,
							`${property.routing!.send!.type}:${property.routing!.send!.property}`,
						]),
				),
			).toEqual(sends);
			expect(
				Object.fromEntries(
					shown
						.filter((property) => property.type === 'collection')
						.map((property) => [
							property.name,
							(property.options as INodeProperties[]).map((field) => field.name).sort(),
						]),
				),
			).toEqual(collections);
			// every field says what it is; the Options collection's fields each do
			const undescribed = shown
				.flatMap((property) =>
					property.name === 'options' ? (property.options as INodeProperties[]) : [property],
				)
				.filter((property) => !property.description)
				.map((property) => property.name);
			expect(undescribed).toEqual([]);
		});
	},
);

it('covers every operation of the three nodes', () => {
	const described = new Set(
		OPERATIONS.map(
			({ node, parameters }) => `${node} ${parameters.resource} ${parameters.operation}`,
		),
	);
	const all = Object.entries(NODES).flatMap(([node, { nodeType }]) =>
		nodeType.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((selector) =>
				(selector.displayOptions!.show!.resource as string[]).flatMap((resource) =>
					(selector.options as INodePropertyOptions[]).map(
						(option) => `${node} ${resource} ${String(option.value)}`,
					),
				),
			),
	);
	expect(all).toHaveLength(25);
	expect(all.filter((operation) => !described.has(operation))).toEqual([]);
});

describe('the ID pickers', () => {
	/** Every field the vendor can list, where it shows: a resource locator, From List and By ID. */
	const PICKERS: Array<[string, INodeParameters, string, string]> = [
		['guayaba', { resource: 'contact', operation: 'create' }, 'campaignId', 'searchCampaigns'],
		['guayaba', { resource: 'contact', operation: 'updateById' }, 'contactId', 'searchContacts'],
		[
			'guayaba',
			{ resource: 'contact', operation: 'updateById' },
			'updateFields.campaignId',
			'searchCampaigns',
		],
		[
			'guayaba',
			{ resource: 'contact', operation: 'updateByPhone' },
			'updateFields.campaignId',
			'searchCampaigns',
		],
		...(['get', 'update', 'addTag', 'removeTag'] as const).map(
			(operation): [string, INodeParameters, string, string] => [
				'qyvo',
				{ resource: 'contact', operation, lookupBy: 'contactId' },
				'contactId',
				'searchContacts',
			],
		),
		...(['sequence', 'flow'] as const).flatMap((resource) =>
			(['get', 'start'] as const).map((operation): [string, INodeParameters, string, string] => [
				'qyvo',
				{ resource, operation, lookupBy: 'contactId' },
				`${resource}Id`,
				resource === 'sequence' ? 'searchSequences' : 'searchFlows',
			]),
		),
		...(['sequence', 'flow'] as const).map(
			(resource): [string, INodeParameters, string, string] => [
				'qyvo',
				{ resource, operation: 'start', lookupBy: 'contactId' },
				'contactId',
				'searchContacts',
			],
		),
		[
			'qyvo',
			{ resource: 'message', operation: 'sendTemplate' },
			'templateId',
			'searchApprovedTemplates',
		],
		['qyvo', { resource: 'template', operation: 'get' }, 'templateId', 'searchTemplates'],
	];

	it.each(PICKERS)(
		'%s %j: %s is picked From List (%s) or By ID',
		(node, parameters, path, method) => {
			const { nodeType } = NODES[node];
			const [name, field] = path.split('.').reverse();
			const shown = visibleProperties(nodeType, parameters);
			const property = field
				? (shown.find((candidate) => candidate.name === field)!.options as INodeProperties[]).find(
						(candidate) => candidate.name === name,
					)!
				: shown.find((candidate) => candidate.name === name)!;
			expect(property.type).toBe('resourceLocator');
			expect(property.default).toEqual({ mode: 'list', value: '' });
			expect(property.modes?.map((mode) => [mode.name, mode.type])).toEqual([
				['list', 'list'],
				['id', 'string'],
			]);
			const [list, byId] = property.modes!;
			expect(list.typeOptions).toEqual({ searchListMethod: method, searchable: true });
			expect(nodeType.methods?.listSearch?.[method]).toBeInstanceOf(Function);
			expect(byId.validation?.[0]).toMatchObject({ type: 'regex' });
		},
	);

	it('CallAidan lists no contacts, so its Contact ID stays a typed ID', () => {
		const contactId = visibleProperties(NODES.callAidan.nodeType, {
			resource: 'contact',
			operation: 'get',
		}).find((property) => property.name === 'contactId')!;
		expect(contactId.type).toBe('string');
	});
});
