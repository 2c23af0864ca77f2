import {
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { visibleProperties } from '../helpers/descriptor';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { customVariablesAsText } from '../../nodes/Guayaba/helpers/create';
import {
	CONTACTS,
	readCampaignsPagination,
	readContactsPagination,
} from '../../nodes/Guayaba/helpers/lists';
import { MAX_PAGE_SIZE, pageThrough } from '../../nodes/shared/transport/pages';
import { factsOf } from '../../nodes/shared/transport/requestFacts';

describe('Get Many fields', () => {
	it.each([
		[new Guayaba(), 'contact'],
		[new Guayaba(), 'campaign'],
	])('%#: returnAll defaults to false and limit to 50, from 1', (nodeType, resource) => {
		const shown = visibleProperties(nodeType, { resource, operation: 'getAll' });
		expect(shown.find((property) => property.name === 'returnAll')).toMatchObject({
			type: 'boolean',
			default: false,
		});
		expect(shown.find((property) => property.name === 'limit')).toMatchObject({
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
		});
	});

	it('campaignIds is a multi-select from getCampaigns, sent as campaignId', () => {
		const filters = visibleProperties(new Guayaba(), {
			resource: 'contact',
			operation: 'getAll',
		}).find((property) => property.name === 'filters')!.options as INodeProperties[];
		expect(filters.find((filter) => filter.name === 'campaignIds')).toMatchObject({
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCampaigns' },
			routing: { send: { type: 'query', property: 'campaignId' } },
		});
		expect(
			(filters.find((filter) => filter.name === 'sortBy')!.options as INodePropertyOptions[]).map(
				(option) => option.value,
			),
		).toEqual(['createdAt', 'fulfilledAt', 'reAddedAt']);
	});

	it('Create uses the same time zone list as Update by ID', () => {
		const guayaba = new Guayaba();
		const zones = (parameters: INodeParameters, collection: string) =>
			(
				visibleProperties(guayaba, parameters).find((property) => property.name === collection)!
					.options as INodeProperties[]
			).find((field) => field.name === 'timezone')!.options;
		expect(zones({ resource: 'contact', operation: 'create' }, 'additionalFields')).toEqual(
			zones({ resource: 'contact', operation: 'updateById' }, 'updateFields'),
		);
	});

	it('the tags descriptions say Create merges and Update replaces', () => {
		const callAidan = new CallAidan();
		const tags = (operation: string, collection: string) =>
			(
				visibleProperties(callAidan, { resource: 'contact', operation }).find(
					(property) => property.name === collection,
				)!.options as INodeProperties[]
			).find((field) => field.name === 'tags')!.description;
		expect(tags('create', 'additionalFields')).toContain(
			'added to its tags (unlike Update, which replaces them)',
		);
		expect(tags('update', 'updateFields')).toContain(
			'replace all the tags of the contact (unlike Create',
		);
	});
});

describe("Guayaba's rate budgets", () => {
	it.each([
		['contact', 'create', 'POST', 30],
		['contact', 'fulfill', 'POST', 30],
		['contact', 'getAll', 'GET', 100],
		['campaign', 'getAll', 'GET', 100],
	])(
		'%s > %s is a %s: Requests per Minute defaults to %d',
		(resource, operation, method, perMinute) => {
			const shown = visibleProperties(new Guayaba(), { resource, operation });
			const option = (
				shown.find((property) => property.name === 'options')!.options as INodeProperties[]
			).find((field) => field.name === 'requestsPerMinute');
			expect(option?.default).toBe(perMinute);
			const routing = (
				shown.find((property) => property.name === 'operation')!.options as INodePropertyOptions[]
			).find((candidate) => candidate.value === operation)!.routing;
			expect(routing?.request?.method).toBe(method);
		},
	);
});

describe('pagination readers', () => {
	it.each([
		[{ pagination: { total: 250, page: 2, limit: 100 } }, { isLastPage: false, pageSize: 100 }],
		[{ pagination: { total: 250, page: 3, limit: 100 } }, { isLastPage: true, pageSize: 100 }],
		[{ pagination: { total: 200, page: 2, limit: 100 } }, { isLastPage: true, pageSize: 100 }],
		[{ pagination: { total: 0, page: 1, limit: 25 } }, { isLastPage: true, pageSize: 25 }],
		// the campaigns list's keys say nothing to the contacts reader
		[{ pagination: { totalPages: 1, currentPage: 1 } }, { isLastPage: false, pageSize: undefined }],
		[{}, { isLastPage: false, pageSize: undefined }],
	])('contacts %j', (answer, report) => {
		expect(readContactsPagination(answer)).toEqual(report);
	});

	it.each([
		[
			{ pagination: { total: 23, totalPages: 3, currentPage: 2, limit: 10 } },
			{ isLastPage: false, pageSize: 10 },
		],
		[
			{ pagination: { total: 23, totalPages: 3, currentPage: 3, limit: 10 } },
			{ isLastPage: true, pageSize: 10 },
		],
		[
			{ pagination: { total: 0, totalPages: 0, currentPage: 1, limit: 10 } },
			{ isLastPage: true, pageSize: 10 },
		],
		[{ pagination: { total: 23, page: 3, limit: 10 } }, { isLastPage: false, pageSize: 10 }],
		[{ pagination: 'none' }, { isLastPage: false, pageSize: undefined }],
	])('campaigns %j', (answer, report) => {
		expect(readCampaignsPagination(answer)).toEqual(report);
	});
});

describe('pageThrough', () => {
	it.each([
		[50, 50],
		[100, 100],
		[150, MAX_PAGE_SIZE],
		[Infinity, MAX_PAGE_SIZE],
	])('maxResults %d asks for pages of %d, from page 1, keeping the query', (maxResults, size) => {
		const options = { url: '/contacts', qs: { status: 'active' } };
		pageThrough(options, { ...CONTACTS, maxResults });
		expect(options.qs).toEqual({ status: 'active', page: 1, limit: size });
		// the list travels on the request, into the copies each page is sent as
		expect(factsOf(options).list).toEqual({ ...CONTACTS, maxResults, pageSize: size });
		expect(factsOf({ ...options }).list?.pageSize).toBe(size);
	});
});

describe('customVariablesAsText', () => {
	it.each([
		[{ budget: 50000 }, { budget: '50000' }],
		[
			{ vip: true, opted: false },
			{ vip: 'true', opted: 'false' },
		],
		[{ email: 'a@b.co' }, { email: 'a@b.co' }],
		[{ none: null }, { none: '' }],
		[{ tags: ['a', 'b'] }, { tags: '["a","b"]' }],
		[{ nested: { plan: 'pro' } }, { nested: '{"plan":"pro"}' }],
	])('%j is sent as %j', (variables, text) => {
		expect(customVariablesAsText(variables)).toEqual(text);
	});
});
