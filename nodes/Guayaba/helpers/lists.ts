import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InputError, refuseInput } from '../../shared/input/refusal';
import { maxResults, pageThrough, type PageReport } from '../../shared/transport/pages';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { resolveStatus } from './statuses';
import { quote } from '../../shared/input/text';
import { assertNotEmpty, assertUuid } from '../../shared/input/rules';

export const CONTACT_SORT_KEYS = ['createdAt', 'fulfilledAt', 'reAddedAt'];
export const SORT_ORDERS = ['asc', 'desc'];
export const SEARCH_BY = ['name', 'phone'];
export const CAMPAIGN_STATUSES = ['active', 'paused'];

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The contacts list reports `{ total, page, limit }`: the last page is the one reaching the total. */
export function readContactsPagination(answer: IDataObject): PageReport {
	const pagination = isObject(answer.pagination) ? answer.pagination : {};
	const [total, page, limit] = [pagination.total, pagination.page, pagination.limit].map(count);
	return {
		isLastPage:
			total !== undefined && page !== undefined && limit !== undefined && page * limit >= total,
		pageSize: limit,
	};
}

/** The campaigns list reports `{ total, totalPages, currentPage, limit }`. */
export function readCampaignsPagination(answer: IDataObject): PageReport {
	const pagination = isObject(answer.pagination) ? answer.pagination : {};
	const [currentPage, totalPages, limit] = [
		pagination.currentPage,
		pagination.totalPages,
		pagination.limit,
	].map(count);
	return {
		isLastPage: currentPage !== undefined && totalPages !== undefined && currentPage >= totalPages,
		pageSize: limit,
	};
}

function assertOneOf(value: unknown, field: string, allowed: string[]): string {
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw new InputError(
		`${field} ${quote(value)} is not one of ${allowed.join(', ')}`,
		`Pick ${field} from the list, or use an expression that returns one of: ${allowed.join(', ')}.`,
	);
}

/** Campaign IDs from the multi-select, or a list or comma-separated text from an expression. */
function campaignIdList(value: unknown): string {
	const entries = typeof value === 'string' ? value.split(',') : ([] as unknown[]).concat(value);
	const ids = entries
		.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''))
		.map((entry) => assertUuid(entry, 'Campaign'));
	if (ids.length === 0) {
		throw new InputError(
			'Campaigns is empty',
			'Pick at least one campaign, or remove the Campaigns filter to list every campaign.',
		);
	}
	return [...new Set(ids)].join(',');
}

export async function prepareGetManyContacts(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ??= {});
	return await refuseInput(this, requestOptions, async () => {
		if ('campaignId' in qs) qs.campaignId = campaignIdList(qs.campaignId);
		if ('searchBy' in qs) qs.searchBy = assertOneOf(qs.searchBy, 'Search By', SEARCH_BY);
		if ('search' in qs) {
			assertNotEmpty(qs.search, 'Search');
			// a phone search matches the numbers as Guayaba stores them, in E.164
			if (qs.searchBy === 'phone') qs.search = toE164(qs.search, 'Search', defaultCountry(this));
		}
		if ('sortBy' in qs) qs.sortBy = assertOneOf(qs.sortBy, 'Sort By', CONTACT_SORT_KEYS);
		if ('sortOrder' in qs) qs.sortOrder = assertOneOf(qs.sortOrder, 'Sort Order', SORT_ORDERS);
		// the status last: reading it may ask the API, which refused input elsewhere should not cost
		if ('status' in qs) qs.status = await resolveStatus(this, qs.status);
		pageThrough(requestOptions, {
			service: 'Guayaba',
			records: 'contacts',
			named: 'contacts',
			maxResults: maxResults(this),
			readPagination: readContactsPagination,
		});
	});
}

export async function prepareGetManyCampaigns(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ??= {});
	return refuseInput(this, requestOptions, () => {
		if ('status' in qs) qs.status = assertOneOf(qs.status, 'Status', CAMPAIGN_STATUSES);
		if ('search' in qs) assertNotEmpty(qs.search, 'Search');
		pageThrough(requestOptions, {
			service: 'Guayaba',
			records: 'data',
			named: 'campaigns',
			maxResults: maxResults(this),
			readPagination: readCampaignsPagination,
		});
	});
}
