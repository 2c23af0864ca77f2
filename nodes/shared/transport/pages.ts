import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InputError } from '../input/refusal';
import { quote } from '../input/values';
import { noteOnRequest, type PagedList } from './requestFacts';

/** One page of a list: its records, and what the answer says of the list. */
export interface Page<T> {
	records: T[];
	isLastPage: boolean;
	/** The page size the API used, when it says; it may hold fewer than were asked for. */
	pageSize?: number;
}

/** How far a list is read. */
export interface PageBounds {
	/** The records asked for a page; it stays the same on every page, since the API places page N by it. */
	pageSize: number;
	/** So that an API that never reports its last page cannot keep a reader going for ever. */
	maxPages: number;
	/** When no further page is asked for (epoch ms): a dropdown answers in time. */
	deadline?: number;
	/** The page to start from (1 unless said): a picker reads one page a call, where the last ended. */
	firstPage?: number;
}

/** Why a list stopped being read. */
export type ListEnd = 'lastPage' | 'enough' | 'pageBound' | 'timeBound';

/**
 * The one paginator: node lists, dropdowns and the polling trigger read their lists through it.
 * Pages are asked for by number, from 1, until the last page (a short or empty page, or the answer
 * says so), until `take` has enough, or until a bound. A record seen on an earlier page (the list
 * moved while it was read) is not taken twice.
 */
export async function readPages<T extends IDataObject>(
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
	bounds: PageBounds,
	take: (records: T[]) => 'more' | 'enough',
): Promise<ListEnd> {
	const seen = new Set<unknown>();
	let lastPageMs = 0;
	const first = bounds.firstPage ?? 1;
	for (let page = first; page < first + bounds.maxPages; page++) {
		const startedAt = Date.now();
		// a page that would end after the deadline is not asked for: the last one tells how long one takes
		if (page > first && bounds.deadline !== undefined && startedAt + lastPageMs >= bounds.deadline)
			return 'timeBound';
		const answer = await fetchPage(page, bounds.pageSize).catch((error: unknown) => {
			// a later page that ran out of the time left ends the list with what was read
			if (page > first && bounds.deadline !== undefined && Date.now() >= bounds.deadline)
				return undefined;
			throw error;
		});
		if (answer === undefined) return 'timeBound';
		lastPageMs = Date.now() - startedAt;
		const fresh = answer.records.filter((record) => {
			const id = record.id;
			if (id === undefined || id === null) return true;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		if (take(fresh) === 'enough') return 'enough';
		const pageSize = answer.pageSize ?? bounds.pageSize;
		if (answer.isLastPage || answer.records.length === 0 || answer.records.length < pageSize)
			return 'lastPage';
	}
	return 'pageBound';
}

/** One page of a picker's list (a resource locator's From List), and the token of the next. */
export interface PickerPage<T> {
	records: T[];
	/** The next page's number, for the editor to ask with when the user scrolls; none after the last. */
	paginationToken?: string;
}

/**
 * Reads the page a picker's list asks for: the first, or the one its pagination token names.
 * One page a call, within the dropdown's deadline: the editor asks for the next as the user scrolls.
 */
export async function readPickerPage<T extends IDataObject>(
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
	{
		paginationToken,
		pageSize,
		deadline,
	}: { paginationToken?: string; pageSize: number; deadline: number },
): Promise<PickerPage<T>> {
	const page = /^[1-9]\d{0,5}$/.test(paginationToken ?? '') ? Number(paginationToken) : 1;
	let records: T[] = [];
	const end = await readPages(
		fetchPage,
		{ pageSize, maxPages: 1, firstPage: page, deadline },
		(fresh) => {
			records = fresh;
			return 'more';
		},
	);
	return { records, paginationToken: end === 'lastPage' ? undefined : String(page + 1) };
}

/** The most records a page is asked for. */
export const MAX_PAGE_SIZE = 100;

/** A run's list reads at most this many pages (Return All: 100,000 records). */
export const MAX_PAGES = 1000;

/**
 * Marks a request as the first page of a list, which the delivery hook reads page by page: `limit`
 * records a page, as few pages as `maxResults` needs.
 */
export function pageThrough(
	requestOptions: IHttpRequestOptions,
	list: Omit<PagedList, 'pageSize'>,
): void {
	const pageSize = Math.min(list.maxResults, MAX_PAGE_SIZE);
	requestOptions.qs = { ...requestOptions.qs, page: 1, limit: pageSize };
	noteOnRequest(requestOptions, { list: { ...list, pageSize } });
}

/** How many records a Get Many operation outputs: every one with Return All, else its Limit. */
export function maxResults(context: IExecuteSingleFunctions): number {
	if (context.getNodeParameter('returnAll', false) === true) return Infinity;
	const limit = context.getNodeParameter('limit', 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new InputError(
			`Limit ${quote(limit)} is not a whole number from 1`,
			'Set Limit to how many records to return, like 50, or turn on Return All.',
		);
	}
	return limit;
}

/**
 * The records of a list read whole (an API without paging) whose texts hold a picker's search,
 * in any letter case; all of them without one.
 */
export function matchingSearch<T>(
	records: T[],
	filter: string | undefined,
	texts: (record: T) => Array<string | null | undefined>,
): T[] {
	const search = (filter ?? '').trim().toLowerCase();
	if (search === '') return records;
	return records.filter((record) =>
		texts(record).some((text) => (text ?? '').toLowerCase().includes(search)),
	);
}
