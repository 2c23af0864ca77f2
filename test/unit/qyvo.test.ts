import { type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { visibleProperties } from '../helpers/descriptor';
import { apiMessage } from '../../nodes/shared/answers/apiMessage';
import { explainQyvoFailure, QYVO } from '../../nodes/shared/vendors';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';

describe('explainQyvoFailure', () => {
	it.each<[string, number, unknown, { message: string; description: string } | undefined]>([
		[
			'missing template variables, named with the placeholders',
			422,
			{
				error: 'Template requires variables that were not provided.',
				expected_placeholders: ['1', '2'],
				missing: ['2'],
			},
			{
				message: 'The template needs variables that were not given: 2',
				description:
					"Add a pair under Variables for each, named 2 (the template's placeholders are 1, 2). Qyvo said: Template requires variables that were not provided.",
			},
		],
		[
			'missing variables without the placeholders, numbers as names',
			422,
			{ error: 'Template requires variables that were not provided.', missing: [1, 3] },
			{
				message: 'The template needs variables that were not given: 1, 3',
				description:
					'Add a pair under Variables for each, named 1, 3. Qyvo said: Template requires variables that were not provided.',
			},
		],
		[
			'Meta error 131047 in the text',
			422,
			{ error: 'Meta rejected the message (#131047)' },
			{
				message: 'WhatsApp refused the text: the 24-hour window is closed, send a template instead',
				description:
					"WhatsApp accepts free text only within 24 hours of the contact's last message (Meta error 131047). Outside that window, use Message > Send Template with an approved template. Qyvo said: Meta rejected the message (#131047)",
			},
		],
		[
			'Meta error 131047 as a number field only',
			422,
			{ error: 'Message failed', code: 131047 },
			{
				message: 'WhatsApp refused the text: the 24-hour window is closed, send a template instead',
				description:
					"WhatsApp accepts free text only within 24 hours of the contact's last message (Meta error 131047). Outside that window, use Message > Send Template with an approved template. Qyvo said: Message failed",
			},
		],
		['an empty missing list', 422, { error: 'Bad', missing: [] }, undefined],
		['another Meta code', 422, { error: 'Meta error 1310470' }, undefined],
		[
			'a 404: the API words, and where to look',
			404,
			{ error: 'Template not found' },
			{
				message: 'Template not found',
				description:
					'Check the ID, phone or email: Qyvo answers 404 for what does not exist, a sequence or flow not published, or a record of another workspace.',
			},
		],
		['a 404 without words keeps the generic hint', 404, '<html>', undefined],
		['a success that mentions the code', 200, { note: 131047 }, undefined],
	])('%s', (_case, statusCode, body, expected) => {
		expect(explainQyvoFailure(statusCode, body, apiMessage(body))).toEqual(expected);
	});
});

const nodeType = new Qyvo();
const { description } = nodeType;

describe('Qyvo description', () => {
	it('has a resource for each part of the API', () => {
		const resource = description.properties.find((property) => property.name === 'resource')!;
		expect((resource.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'contact',
			'flow',
			'message',
			'sequence',
			'tag',
			'template',
		]);
		expect((description.requestOperations?.pagination as { vendor?: unknown }).vendor).toBe(QYVO);
		expect(Object.keys(nodeType.methods?.listSearch ?? {})).toEqual([
			'searchApprovedTemplates',
			'searchContacts',
			'searchFlows',
			'searchSequences',
			'searchTemplates',
		]);
	});

	it('Get Many fields follow the convention: limit 50 applied to the answer, not sent', () => {
		for (const [resource, operation] of [
			['contact', 'search'],
			['template', 'getAll'],
			['tag', 'getAll'],
		]) {
			const visible = visibleProperties(nodeType, { resource, operation });
			const returnAll = visible.find((property) => property.name === 'returnAll')!;
			const limit = visible.find((property) => property.name === 'limit')!;
			expect([returnAll.default, returnAll.routing]).toEqual([false, undefined]);
			expect([limit.default, limit.typeOptions, limit.routing]).toEqual([
				50,
				{ minValue: 1 },
				{ output: { maxResults: '={{$value}}' } },
			]);
		}
	});

	it('the filters are the contract names, sent under the API keys', () => {
		const filters = (resource: string, operation: string) =>
			(
				visibleProperties(nodeType, { resource, operation }).find(
					(property) => property.name === 'filters',
				)!.options as INodeProperties[]
			).map((property) => [property.name, property.routing?.send?.property]);
		expect(filters('contact', 'search')).toEqual([
			['email', 'email'],
			['query', 'query'],
			['tag', 'tag'],
		]);
		expect(filters('template', 'getAll')).toEqual([['status', 'status']]);
		expect(filters('tag', 'getAll')).toEqual([['name', 'name']]);
	});

	it('Create sends its additional fields under the API keys', () => {
		const additional = visibleProperties(nodeType, {
			resource: 'contact',
			operation: 'create',
		}).find((property) => property.name === 'additionalFields')!.options as INodeProperties[];
		expect(additional.map((property) => [property.name, property.routing?.send?.property])).toEqual(
			[
				['email', 'email'],
				['metadata', 'metadata'],
				['name', 'name'],
				['tags', 'tags'],
			],
		);
	});

	it('Send Template takes its template from the approved-templates picker, or by ID', () => {
		const templateId = visibleProperties(nodeType, {
			resource: 'message',
			operation: 'sendTemplate',
		}).find((property) => property.name === 'templateId')!;
		expect([templateId.type, templateId.required]).toEqual(['resourceLocator', true]);
		expect(
			templateId.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod]),
		).toEqual([
			['list', 'searchApprovedTemplates'],
			['id', undefined],
		]);
	});

	it('describes every field it shows', () => {
		const undescribed = description.properties
			.filter((property) => !['resource', 'operation', 'options'].includes(property.name))
			.filter((property) => !property.description)
			.map((property) => property.name);
		expect(undescribed).toEqual([]);
	});
});
