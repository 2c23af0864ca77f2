import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { readContactsPagination } from '../../nodes/Guayaba/helpers/lists';
import {
	MAX_PAGE_SIZE,
	readPages,
	type Page,
	type PageBounds,
} from '../../nodes/shared/transport/pages';

/**
 * A page-number API over `ids`, newest first, that serves at most `cap` a page and may add records
 * at the top before a page is read, as Guayaba's contacts list does when contacts arrive.
 */
function fakeApi(ids: string[], cap: number, arrivals: Map<number, number>) {
	const requested: Array<{ page: number; limit: number }> = [];
	let added = 0;
	async function fetchPage(page: number, limit: number): Promise<Page<IDataObject>> {
		requested.push({ page, limit });
		for (let index = 0; index < (arrivals.get(page) ?? 0); index++) ids.unshift(`new-${added++}`);
		const size = Math.min(limit, cap);
		const records = ids.slice((page - 1) * size, page * size).map((id) => ({ id }));
		return {
			records,
			...readContactsPagination({ pagination: { total: ids.length, page, limit: size } }),
		};
	}
	return { fetchPage, requested };
}

/** Reads up to `maxResults`, as a node's Get Many does. */
async function readUpTo(
	fetchPage: (page: number, limit: number) => Promise<Page<IDataObject>>,
	maxResults: number,
	bounds: Partial<PageBounds> = {},
) {
	const records: IDataObject[] = [];
	const end = await readPages(
		fetchPage,
		{ pageSize: Math.min(maxResults, MAX_PAGE_SIZE), maxPages: 1000, ...bounds },
		(fresh) => {
			records.push(...fresh.slice(0, maxResults - records.length));
			return records.length >= maxResults ? 'enough' : 'more';
		},
	);
	return { records, end };
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => `c-${index}`);
const idsOf = (records: IDataObject[]) => records.map((record) => record.id);

describe('readPages, the one paginator', () => {
	it('reads 2,600 records in 26 pages of 100 (the 27th is never asked for)', async () => {
		const api = fakeApi(ids(2600), 100, new Map());
		const { records, end } = await readUpTo(api.fetchPage, Infinity);
		expect(idsOf(records)).toEqual(ids(2600));
		expect(end).toBe('lastPage');
		expect(api.requested.map((request) => request.page)).toEqual(
			Array.from({ length: 26 }, (_, index) => index + 1),
		);
	});

	it.each([
		[0, 1],
		[1, 1],
		[99, 1],
		[101, 2],
	])('%d records: stops after %d page(s)', async (count, pages) => {
		const api = fakeApi(ids(count), 100, new Map());
		const { records } = await readUpTo(api.fetchPage, Infinity);
		expect(records).toHaveLength(count);
		expect(api.requested).toHaveLength(pages);
	});

	it('stops at its page bound on an API that never reports its last page, and says so', async () => {
		let next = 0;
		const fetchPage = async () => ({
			records: Array.from({ length: 100 }, () => ({ id: next++ })),
			isLastPage: false,
		});
		const { end } = await readUpTo(fetchPage, Infinity, { maxPages: 7 });
		expect([end, next]).toEqual(['pageBound', 700]);
	});

	it('asks for no page after its deadline, and says so', async () => {
		let asked = 0;
		const deadline = Date.now() + 60_000;
		const fetchPage = async () => {
			asked++;
			// the third page's answer comes after the deadline
			if (asked === 3) jest.setSystemTime(deadline);
			return {
				records: Array.from({ length: 100 }, () => ({ id: `${asked}-${Math.random()}` })),
				isLastPage: false,
			};
		};
		jest.useFakeTimers({ now: Date.now() });
		try {
			const { end, records } = await readUpTo(fetchPage, Infinity, { deadline });
			expect([end, asked, records.length]).toEqual(['timeBound', 3, 300]);
		} finally {
			jest.useRealTimers();
		}
	});

	it('takes every record once and asks for no page it does not need, for any list', async () => {
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
					const out = idsOf((await readUpTo(api.fetchPage, maxResults)).records);
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
