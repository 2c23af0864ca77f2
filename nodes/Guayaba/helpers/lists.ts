import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { FilterChoices } from '../../shared/descriptions/groups';
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

// the lists' choice filters: their dropdowns offer these, and their hooks accept only these
export const SEARCH_BY: FilterChoices = {
	displayName: 'Search By',
	name: 'searchBy',
	options: [
		{ name: 'Name', value: 'name' },
		{ name: 'Phone', value: 'phone' },
	],
};

export const SORT_BY: FilterChoices = {
	displayName: 'Sort By',
	name: 'sortBy',
	options: [
		{ name: 'Created At', value: 'createdAt' },
		{ name: 'Fulfilled At', value: 'fulfilledAt' },
		{ name: 'Re-Added At', value: 'reAddedAt' },
	],
};

export const SORT_ORDER: FilterChoices = {
	displayName: 'Sort Order',
	name: 'sortOrder',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
};

export const CAMPAIGN_STATUS: FilterChoices = {
	displayName: 'Status',
	name: 'status',
	options: [
		{ name: 'Active', value: 'active' },
		{ name: 'Paused', value: 'paused' },
	],
};

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

/** A choice filter's value, checked against its choices: an expression may give anything. */
function checkChoice(qs: IDataObject, choices: FilterChoices): void {
	if (!(choices.name in qs)) return;
	const allowed = choices.options.map(({ value }) => String(value));
	qs[choices.name] = assertOneOf(qs[choices.name], choices.displayName, allowed);
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
		checkChoice(qs, SEARCH_BY);
		if ('search' in qs) {
			assertNotEmpty(qs.search, 'Search');
			// a phone search matches the numbers as Guayaba stores them, in E.164
			if (qs.searchBy === 'phone') qs.search = toE164(qs.search, 'Search', defaultCountry(this));
		}
		checkChoice(qs, SORT_BY);
		checkChoice(qs, SORT_ORDER);
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
		checkChoice(qs, CAMPAIGN_STATUS);
		if ('search' in qs) assertNotEmpty(qs.search, 'Search');
		pageThrough(requestOptions, { ...CAMPAIGNS, maxResults: maxResults(this) });
	});
}
