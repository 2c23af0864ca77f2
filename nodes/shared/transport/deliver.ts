import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { failedItem, notSentError } from '../answers/finalFailure';
import { asThrown } from '../answers/thrown';
import { optionValue } from '../input/parameters';
import { isObject } from '../input/values';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../limiter/retryPolicy';
import type { Vendor } from '../vendors';
import { nodeRunOf, type NodeRun } from './nodeRun';
import { MAX_PAGES, readPages } from './pages';
import { factsOf, type PagedList } from './requestFacts';
import { sendWithinLimits, type Sent } from './send';
import { baseUrlOf, sendToBaseUrl } from './url';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/**
 * The life of every request of the three nodes after its preSend hooks: n8n calls it as each
 * operation's `pagination` function, the one declarative hook that wraps the sending itself. It
 * outputs a refused item's error, holds the item until every item of the run passed its rules,
 * sends to the credential's Base URL within the key's budget with retries (send.ts), reads a list
 * page by page, and decides what a failure does to the rest of the run.
 */
export function deliverRequests(vendor: Vendor, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
	// the vendor and policy ride along, so that tests can rebuild a node's delivery with a shorter policy
	return Object.assign(deliverItem, { vendor, policy });

	async function deliverItem(
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		const run = nodeRunOf(this);
		const { refusal, list } = factsOf(requestData.options);
		if (refusal) return [failedItem(this, refusal)];
		if (!(await run.checkedIn())) return notSent(this, run, vendor);
		const credentials = await run.credentials(this, vendor);
		sendToBaseUrl(requestData.options, baseUrlOf(credentials));
		const send = async (request: RequestData) =>
			await sendWithinLimits(this, run, vendor, policy, request);
		try {
			const sent = list
				? await readList(this, vendor, list, requestData, send)
				: await send(requestData);
			return sent ? withDeliveryDetails(this, sent) : notSent(this, run, vendor);
		} catch (error) {
			const final = error as NodeApiError;
			if (run.continueOnFail) return [failedItem(this, final)];
			run.stop({ kind: 'failed', itemIndex: this.getItemIndex(), message: final.message });
			throw asThrown(final);
		}
	}
}

/**
 * An item its run stopped before it was sent. Without Continue On Fail the item that stopped the
 * run fails it with its own error, and those not sent add nothing; a cancelled execution says so.
 */
function notSent(
	context: IExecuteSingleFunctions,
	run: NodeRun,
	vendor: Vendor,
): INodeExecutionData[] {
	const error = notSentError(context, vendor.service, run.reason);
	if (run.continueOnFail) return [failedItem(context, error)];
	if (run.reason?.kind === 'cancelled') throw error;
	return [];
}

/** A list read page by page, each page a request of its own (so through the limits and retries). */
async function readList(
	context: IExecuteSingleFunctions,
	vendor: Vendor,
	list: PagedList,
	requestData: RequestData,
	send: (request: RequestData) => Promise<Sent | undefined>,
): Promise<(Sent & { pages: number }) | undefined> {
	const records: IDataObject[] = [];
	const total = { items: [] as INodeExecutionData[], tries: 0, waitedMs: 0, pages: 0 };
	// a page the stopped run did not send ends the list: this error never leaves readList
	const stopped = new NodeOperationError(context.getNode(), 'Not sent: the node run stopped');
	const end = await readPages(
		async (page, pageSize) => {
			const { options } = requestData;
			const sent = await send({
				...requestData,
				options: { ...options, qs: { ...options.qs, page, limit: pageSize } },
			});
			if (!sent) throw stopped;
			total.tries += sent.tries;
			total.waitedMs += sent.waitedMs;
			total.pages = page;
			const body = sent.items[0]?.json;
			const pageRecords = isObject(body) ? body[list.records] : undefined;
			if (!isObject(body) || !Array.isArray(pageRecords) || !pageRecords.every(isObject))
				throw malformedPage(context, vendor, list, page, body);
			return { records: pageRecords, ...list.readPagination(body) };
		},
		{ pageSize: list.pageSize, maxPages: MAX_PAGES },
		(fresh) => {
			records.push(...fresh.slice(0, list.maxResults - records.length));
			return records.length >= list.maxResults ? 'enough' : 'more';
		},
	).catch((error: unknown) => {
		if (error === stopped) return undefined;
		throw error;
	});
	if (end === undefined) return undefined;
	if (end === 'pageBound') {
		throw new NodeApiError(context.getNode(), {} as JsonObject, {
			message: `${vendor.service} reported more ${list.named} after ${MAX_PAGES} pages: stopped there`,
			description: `Return All reads at most ${MAX_PAGES} pages (${(MAX_PAGES * list.pageSize).toLocaleString('en-US')} ${list.named}). Narrow the list with Filters, or turn Return All off and set a Limit.`,
			itemIndex: context.getItemIndex(),
		});
	}
	total.items = records.map((json) => ({ json, pairedItem: { item: context.getItemIndex() } }));
	return total;
}

function malformedPage(
	context: IExecuteSingleFunctions,
	vendor: Vendor,
	list: PagedList,
	page: number,
	body: unknown,
): NodeApiError {
	const shown = JSON.stringify(body)?.slice(0, 120);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `${vendor.service} answered page ${page} without the ${list.named}`,
		description: `The answer was: ${shown ?? 'empty'}. If this repeats, the base URL in the credential may point at the wrong server.`,
		httpCode: '200',
		itemIndex: context.getItemIndex(),
	});
}

/** With Include Delivery Details on, each item tells how often it was sent and how long it waited. */
function withDeliveryDetails(
	context: IExecuteSingleFunctions,
	{ items, ...delivery }: Sent & { pages?: number },
): INodeExecutionData[] {
	if (optionValue<unknown>(context, 'includeDeliveryDetails', false) !== true) return items;
	for (const item of items) item.json = { ...item.json, delivery: { ...delivery } };
	return items;
}
