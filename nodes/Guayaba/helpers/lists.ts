import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { InputError } from '../../shared/input/refusal';
import { assertNotEmpty, assertUuid } from '../../shared/input/rules';
import { isObject, quote } from '../../shared/input/values';
import { checkInput } from '../../shared/transport/checkInput';
import { maxResults, pageThrough, type Page } from '../../shared/transport/pages';
import type { PagedList } from '../../shared/transport/requestFacts';
import { sideRequest, type SideRequestContext } from '../../shared/transport/sideRequest';
import { GUAYABA } from '../../shared/vendors';
import { resolveStatus } from './statuses';

export const CONTACT_SORT_KEYS = ['createdAt', 'fulfilledAt', 'reAddedAt'];
export const SORT_ORDERS = ['asc', 'desc'];
export const SEARCH_BY = ['name', 'phone'];
export const CAMPAIGN_STATUSES = ['active', 'paused'];

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The contacts list reports `{ total, page, limit }`: the last page is the one reaching the total. */
export function readContactsPagination(answer: IDataObject): Omit<Page<IDataObject>, 'records'> {
	const pagination = isObject(answer.pagination) ? answer.pagination : {};
	const [total, page, limit] = [pagination.total, pagination.page, pagination.limit].map(count);
	return {
		isLastPage:
			total !== undefined && page !== undefined && limit !== undefined && page * limit >= total,
		pageSize: limit,
	};
}

/** The campaigns list reports `{ total, totalPages, currentPage, limit }`. */
export function readCampaignsPagination(answer: IDataObject): Omit<Page<IDataObject>, 'records'> {
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

export type GuayabaList = Pick<PagedList, 'records' | 'named' | 'readPagination'>;

/** The contacts list: `{ contacts, pagination: { total, page, limit } }`. */
export const CONTACTS: GuayabaList = {
	records: 'contacts',
	named: 'contacts',
	readPagination: readContactsPagination,
};

/** The campaigns list: `{ data, pagination: { total, totalPages, currentPage, limit } }`. */
export const CAMPAIGNS: GuayabaList = {
	records: 'data',
	named: 'campaigns',
	readPagination: readCampaignsPagination,
};

/**
 * Reads one page of a Guayaba list outside a node's own requests (a dropdown, the trigger's poll),
 * for the one paginator: the same budget and messages as the nodes' requests.
 */
export function guayabaPages(
	context: SideRequestContext,
	list: GuayabaList,
	path: string,
	{
		query = {},
		deadline,
		isRecord = isObject,
	}: {
		query?: IDataObject;
		deadline?: number;
		/** What every record must be for the answer to be the list. */
		isRecord?: (record: unknown) => boolean;
	} = {},
) {
	return async function fetchGuayabaPage(
		page: number,
		pageSize: number,
	): Promise<Page<IDataObject>> {
		const answer = await sideRequest(context, GUAYABA, {
			method: 'GET',
			path,
			qs: { ...query, page, limit: pageSize },
			expected: `a list of ${list.named}`,
			isExpected: (body): body is IDataObject =>
				isObject(body) &&
				Array.isArray(body[list.records]) &&
				(body[list.records] as unknown[]).every(isRecord),
			deadline,
		});
		return { records: answer[list.records] as IDataObject[], ...list.readPagination(answer) };
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
	return await checkInput(this, requestOptions, async () => {
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
		pageThrough(requestOptions, { ...CONTACTS, maxResults: maxResults(this) });
	});
}

export async function prepareGetManyCampaigns(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ??= {});
	return checkInput(this, requestOptions, () => {
		if ('status' in qs) qs.status = assertOneOf(qs.status, 'Status', CAMPAIGN_STATUSES);
		if ('search' in qs) assertNotEmpty(qs.search, 'Search');
		pageThrough(requestOptions, { ...CAMPAIGNS, maxResults: maxResults(this) });
	});
}
