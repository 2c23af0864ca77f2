import fc from 'fast-check';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { readContactsPagination } from '../../nodes/Guayaba/helpers/lists';
import { deliverPages, MAX_PAGE_SIZE, type PagedList } from '../../nodes/shared/transport/pages';

const context = {
	getNode: () => ({ name: 'Guayaba', type: 'n8n-nodes-outreach.guayaba' }),
	getItemIndex: () => 3,
	continueOnFail: () => true,
} as unknown as IExecutePaginationFunctions;

/** The first page's request, as pageThrough leaves it. */
function request(list: PagedList): DeclarativeRestApiSettings.ResultOptions {
	return {
		options: { url: '/contacts', qs: { status: 'active', page: 1, limit: list.pageSize } },
	} as unknown as DeclarativeRestApiSettings.ResultOptions;
}

async function readAll(
	paged: PagedList,
	sendPage: Parameters<typeof deliverPages>[3],
	maxPages?: number,
): Promise<INodeExecutionData[]> {
	return await deliverPages(context, request(paged), paged, sendPage, maxPages);
}

function list(maxResults: number): PagedList {
	return {
		service: 'Guayaba',
		records: 'contacts',
		named: 'contacts',
		maxResults,
		pageSize: Math.min(maxResults, MAX_PAGE_SIZE),
		readPagination: readContactsPagination,
	};
}

/**
 * A page-number API over `ids`, newest first, that serves at most `cap` a page and may add contacts
 * at the top before a page is read, as Guayaba's contacts list does when contacts arrive.
 */
function fakeApi(ids: string[], cap: number, arrivals: Map<number, number>) {
	const requested: Array<{ page: number; limit: number; continueOnFail: boolean }> = [];
	let added = 0;
	async function sendPage(
		this: IExecutePaginationFunctions,
		pageRequest: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const { page, limit } = pageRequest.options.qs as { page: number; limit: number };
		requested.push({ page, limit, continueOnFail: this.continueOnFail() });
		for (let index = 0; index < (arrivals.get(page) ?? 0); index++) ids.unshift(`new-${added++}`);
		const size = Math.min(limit, cap);
		const contacts = ids.slice((page - 1) * size, page * size).map((id) => ({ id }));
		return [{ json: { contacts, pagination: { total: ids.length, page, limit: size } } }];
	}
	return { sendPage, requested };
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => `c-${index}`);
const outputIds = (items: INodeExecutionData[]) =>
	items.map((item) => (item.json as IDataObject).id);

describe('deliverPages', () => {
	it('reads 2,600 records in 26 pages of 100 (the 27th is never asked for), paired to the item', async () => {
		const api = fakeApi(ids(2600), 100, new Map());
		const items = await readAll(list(Infinity), api.sendPage);
		expect(outputIds(items)).toEqual(ids(2600));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 3)).toBe(true);
		expect(api.requested.map((request) => request.page)).toEqual(
			Array.from({ length: 26 }, (_, index) => index + 1),
		);
		// each page fails on its own: Continue On Fail applies to the list as a whole
		expect(api.requested.every((request) => !request.continueOnFail)).toBe(true);
	});

	it.each([
		[0, 1],
		[1, 1],
		[99, 1],
		[101, 2],
	])('%d records: stops after %d page(s)', async (count, pages) => {
		const api = fakeApi(ids(count), 100, new Map());
		const items = await readAll(list(Infinity), api.sendPage);
		expect(items).toHaveLength(count);
		expect(api.requested).toHaveLength(pages);
	});

	it('an answer without the list is an error naming the page', async () => {
		const sendPage = async () => [{ json: { data: [] } }];
		await expect(readAll(list(Infinity), sendPage)).rejects.toThrow(
			'Guayaba answered page 1 without the contacts',
		);
	});

	it('stops at the bound it is given on an API that never ends', async () => {
		let next = 0;
		const sendPage = async () => [
			{ json: { contacts: Array.from({ length: 100 }, () => ({ id: next++ })), pagination: {} } },
		];
		await expect(readAll(list(Infinity), sendPage, 7)).rejects.toThrow(
			'Guayaba reported more contacts after 7 pages: stopped there',
		);
		expect(next).toBe(700);
	});

	it('outputs every record once and asks for no page it does not need, for any list', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 700 }),
				fc.integer({ min: 1, max: 150 }),
				fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 800 })),
				fc.array(fc.tuple(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 120 })), {
					maxLength: 3,
				}),
				async (count, cap, maxResults, arrivalList) => {
					const arrivals = new Map(arrivalList);
					const original = ids(count);
					const api = fakeApi([...original], cap, arrivals);
					const items = await readAll(list(maxResults), api.sendPage);
					const out = outputIds(items);
					expect(new Set(out).size).toBe(out.length);
					expect(out.length).toBeLessThanOrEqual(maxResults);
					// the same page size on every page: the API places page N by it
					expect(new Set(api.requested.map((request) => request.limit)).size).toBe(1);
					if (maxResults === Infinity) {
						expect(original.filter((id) => !out.includes(id))).toEqual([]);
					} else if (arrivals.size === 0) {
						expect(out).toEqual(original.slice(0, maxResults));
						const size = Math.min(maxResults, MAX_PAGE_SIZE, cap);
						const needed = Math.max(1, Math.ceil(Math.min(maxResults, count) / size));
						expect(api.requested).toHaveLength(needed);
					}
				},
			),
			{ numRuns: 100 },
		);
	});
});
