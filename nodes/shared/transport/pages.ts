import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { Service } from '../answers/apiErrors';
import { InputError } from '../input/refusal';
import { quote } from '../input/text';

/** What one page's answer says about the list: whether it was the last page, and its page size. */
export interface PageReport {
	isLastPage: boolean;
	/** The page size the API used, when it says; it may hold fewer than were asked for. */
	pageSize?: number;
}

/** A list the API pages by page number (`page`, `limit` in the query), as an operation reads it. */
export interface PagedList {
	service: Service;
	/** The key of the page's answer that holds the records. */
	records: string;
	/** What the records are, in messages: `contacts`. */
	named: string;
	/** How many records to output at most; `Infinity` for Return All. */
	maxResults: number;
	pageSize: number;
	readPagination: (page: IDataObject) => PageReport;
}

/** The records of one item's request, output one each and paired to the item. */
type PageSender = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** The most records a page is asked for. */
export const MAX_PAGE_SIZE = 100;

/** A bound, so that an API that never reports its last page cannot keep a run going for ever. */
export const MAX_PAGES = 1000;

// the operation's preSend marks its request as a paged list; the delivery hook walks it
const pagedLists = new WeakMap<object, PagedList>();

/**
 * Marks a request as the first page of a list: `limit` records a page, as few pages as
 * `maxResults` needs. The page size stays the same on every page, since the API places page N by it.
 */
export function pageThrough(
	requestOptions: IHttpRequestOptions,
	list: Omit<PagedList, 'pageSize'>,
): void {
	const pageSize = Math.min(list.maxResults, MAX_PAGE_SIZE);
	requestOptions.qs = { ...requestOptions.qs, page: 1, limit: pageSize };
	pagedLists.set(requestOptions, { ...list, pageSize });
}

export function pagedListOf(requestOptions: object): PagedList | undefined {
	return pagedLists.get(requestOptions);
}

function malformedPage(
	context: IExecutePaginationFunctions,
	list: PagedList,
	page: number,
	body: unknown,
): NodeApiError {
	const shown = JSON.stringify(body)?.slice(0, 120);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `${list.service} answered page ${page} without the ${list.named}`,
		description: `The answer was: ${shown ?? 'empty'}. If this repeats, the base URL in the credential may point at the wrong server.`,
		httpCode: '200',
		itemIndex: context.getItemIndex(),
	});
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a paged list page by page, each page sent by `sendPage` (so through the rate limit and
 * the retries), and outputs every record once: a record seen on an earlier page (the list moved
 * while it was read) is skipped. Stops at the last page (a short or empty page, or the answer says
 * so), as soon as `maxResults` are read, or at the bound of MAX_PAGES.
 */
export async function deliverPages(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	list: PagedList,
	sendPage: PageSender,
	maxPages = MAX_PAGES,
): Promise<INodeExecutionData[]> {
	// a failed page fails the item: Continue On Fail applies to the whole list, not to one page
	const strict = Object.create(context, {
		continueOnFail: { value: () => false },
	}) as IExecutePaginationFunctions;
	const records: IDataObject[] = [];
	const seen = new Set<unknown>();
	const delivery = { tries: 0, waitedMs: 0, pages: 0 };
	let reportsDelivery = false;

	for (let page = 1; page <= maxPages; page++) {
		const pageRequest = {
			...requestData,
			options: { ...requestData.options, qs: { ...requestData.options.qs, page } },
		};
		const [answer] = await sendPage.call(strict, pageRequest);
		const body = answer?.json;
		const pageRecords = isObject(body) ? body[list.records] : undefined;
		if (!isObject(body) || !Array.isArray(pageRecords) || !pageRecords.every(isObject)) {
			throw malformedPage(context, list, page, body);
		}
		if (isObject(body.delivery)) {
			reportsDelivery = true;
			delivery.tries += Number(body.delivery.tries) || 0;
			delivery.waitedMs += Number(body.delivery.waitedMs) || 0;
		}
		delivery.pages = page;

		for (const record of pageRecords) {
			const id = record.id;
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			records.push(record);
			if (records.length >= list.maxResults)
				return output(context, records, reportsDelivery && delivery);
		}
		const report = list.readPagination(body);
		const pageSize = report.pageSize ?? list.pageSize;
		if (report.isLastPage || pageRecords.length === 0 || pageRecords.length < pageSize) {
			return output(context, records, reportsDelivery && delivery);
		}
	}
	throw new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `${list.service} reported more ${list.named} after ${maxPages} pages: stopped there`,
		description: `Return All reads at most ${maxPages} pages (${(maxPages * list.pageSize).toLocaleString('en-US')} ${list.named}). Narrow the list with Filters, or turn Return All off and set a Limit.`,
		itemIndex: context.getItemIndex(),
	});
}

function output(
	context: IExecutePaginationFunctions,
	records: IDataObject[],
	delivery: IDataObject | false,
): INodeExecutionData[] {
	return records.map((record) => ({
		json: delivery ? { ...record, delivery: { ...delivery } } : record,
		pairedItem: { item: context.getItemIndex() },
	}));
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
