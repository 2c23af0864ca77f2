import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { limiterKey } from '../../nodes/shared/limiter/keys';
import {
	DEFAULT_RETRY_POLICY,
	nextRetryDelay,
	type Failure,
} from '../../nodes/shared/limiter/retryPolicy';
import { retryAfterMs } from '../../nodes/shared/limiter/serverHeaders';
import {
	RESET_MARGIN_MS,
	WindowLimiter,
	windowMargin,
	type Budget,
} from '../../nodes/shared/limiter/windowLimiter';
import { sideRequest } from '../../nodes/shared/transport/sideRequest';
import { GUAYABA } from '../../nodes/shared/vendors';

/** Resolves the acquires that may go now, in order, and tells which ones went. */
async function settle(went: number[]) {
	await jest.advanceTimersByTimeAsync(0);
	return went.slice();
}

function track(
	limiter: WindowLimiter,
	key: string,
	budget: Budget,
	count: number,
	options: { listens?: boolean } = {},
) {
	const went: number[] = [];
	const pending = Array.from({ length: count }, (_, index) =>
		limiter.acquire(key, budget, options).then(() => went.push(index)),
	);
	return { went, pending };
}

/** A server that counts and has plenty left: it holds nothing back. */
const counting = { 'X-RateLimit-Limit': '10000', 'X-RateLimit-Remaining': '9999' };

const fixedHeaders = (limit: number, remaining: number, resetEpochMs: number) => ({
	'X-RateLimit-Limit': String(limit),
	'X-RateLimit-Remaining': String(remaining),
	'X-RateLimit-Reset': String(resetEpochMs / 1000),
});

describe('WindowLimiter', () => {
	const start = Date.parse('2026-11-25T12:00:00Z');
	beforeEach(() => {
		jest.useFakeTimers();
		jest.setSystemTime(start);
	});
	afterEach(() => jest.useRealTimers());

	it('lets R requests go at once, and the next when the oldest has left the window (plus the margin)', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 15, windowMs: 500 };
		// the window alone, as a run's own pace keeps it: it does not listen to the server
		const { went, pending } = track(limiter, 'k', budget, 40, { listens: false });
		expect(await settle(went)).toEqual([...Array(15).keys()]);
		for (let answered = 0; answered < 14; answered++) limiter.answered('k', undefined);
		await jest.advanceTimersByTimeAsync(500 + windowMargin(500) - 1);
		expect(went).toHaveLength(15);
		await jest.advanceTimersByTimeAsync(1);
		// the one still in flight may arrive any moment: it counts in the new window, 14 more go
		expect(went).toEqual([...Array(29).keys()]);
		for (let answered = 0; answered < 15; answered++) limiter.answered('k', undefined);
		await jest.advanceTimersByTimeAsync(530);
		expect(went).toEqual([...Array(40).keys()]);
		await Promise.all(pending);
	});

	it('never puts more than R departures in any window of W, whenever the requests come', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 5, windowMs: 1000 };
		const departures: number[] = [];
		const all: Array<Promise<void>> = [];
		for (let step = 0; step < 40; step++) {
			all.push(
				limiter.acquire('k', budget).then(() => {
					departures.push(Date.now());
					limiter.answered('k', undefined);
				}),
			);
			await jest.advanceTimersByTimeAsync(37 * (step % 7));
		}
		await jest.advanceTimersByTimeAsync(20_000);
		await Promise.all(all);
		expect(departures).toHaveLength(40);
		for (const at of departures) {
			expect(
				departures.filter((other) => other >= at && other < at + 1000).length,
			).toBeLessThanOrEqual(5);
		}
	});

	it('keeps keys apart', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 1, windowMs: 1000 };
		const a = track(limiter, 'a', budget, 2);
		const b = track(limiter, 'b', budget, 1);
		await jest.advanceTimersByTimeAsync(0);
		expect([a.went, b.went]).toEqual([[0], [0]]);
	});

	it('after a 429, holds the key for Retry-After once, however many waiting items were refused', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 10, windowMs: 60_000 };
		await limiter.acquire('k', budget);
		limiter.answered('k', { status: 200, headers: counting });
		const first = track(limiter, 'k', budget, 6);
		await jest.advanceTimersByTimeAsync(0);
		expect(first.went).toHaveLength(6);
		const refused = { status: 429, headers: { 'Retry-After': '1' } };
		const added = [0, 1, 2, 3, 4, 5].map(() => limiter.answered('k', refused));
		expect(added).toEqual([1000, 0, 0, 0, 0, 0]);
		const retried = Array.from({ length: 6 }, () => limiter.acquire('k', budget, { first: true }));
		let gone = 0;
		retried.forEach((acquired) => void acquired.then(() => gone++));
		await jest.advanceTimersByTimeAsync(999);
		expect(gone).toBe(0);
		await jest.advanceTimersByTimeAsync(1);
		// three left in the local window of 10 a minute, after the first request and these six
		expect(gone).toBe(3);
	});

	it('puts retried requests ahead of those that never left, in the order they were retried', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 1, windowMs: 100 };
		const order: string[] = [];
		await limiter.acquire('k', budget);
		const all = [
			limiter.acquire('k', budget).then(() => order.push('new')),
			limiter.acquire('k', budget, { first: true }).then(() => order.push('retry 1')),
			limiter.acquire('k', budget, { first: true }).then(() => order.push('retry 2')),
		];
		for (let round = 0; round < 3; round++) {
			limiter.answered('k', undefined);
			await jest.advanceTimersByTimeAsync(200);
		}
		await Promise.all(all);
		expect(order).toEqual(['retry 1', 'retry 2', 'new']);
	});

	it('holds the key until the reset when the server says others spent the budget', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 30, windowMs: 60_000 };
		await limiter.acquire('k', budget);
		// another worker spent the rest: the server says none is left until the reset, 20 s away
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 0, start + 20_000) });
		const { went, pending } = track(limiter, 'k', budget, 3);
		await jest.advanceTimersByTimeAsync(20_000 + RESET_MARGIN_MS - 1);
		expect(went).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		// a new window: one request asks what is left of it before the others go
		expect(went).toEqual([0]);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 29, start + 80_000) });
		await jest.advanceTimersByTimeAsync(0);
		expect(went).toEqual([0, 1, 2]);
		await Promise.all(pending);
	});

	it('sends half of what the server says is left before the next answer, so two processes on one key do not overrun it', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 30, windowMs: 60_000 };
		await limiter.acquire('k', budget);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 8, start + 30_000) });
		const { went } = track(limiter, 'k', budget, 8);
		await jest.advanceTimersByTimeAsync(0);
		expect(went).toHaveLength(4);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 2, start + 30_000) });
		await jest.advanceTimersByTimeAsync(0);
		// 2 left, 3 still in flight: nothing more until the reset
		expect(went).toHaveLength(4);
	});

	it('starts the next round only when the last one is all answered: an earlier answer has not counted the rest', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 100, windowMs: 60_000 };
		const { went } = track(limiter, 'k', budget, 30);
		await settle(went);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 20, start + 30_000) });
		// a round of half the 20 left
		expect(await settle(went)).toHaveLength(11);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 19, start + 30_000) });
		expect(await settle(went)).toHaveLength(11);
		for (let left = 18; left >= 10; left--)
			limiter.answered('k', { status: 200, headers: fixedHeaders(30, left, start + 30_000) });
		// the round is answered: half of the 10 left
		expect(await settle(went)).toHaveLength(16);
	});

	it('once the server shows others spending on the key, sends a quarter of what is left a round, and leaves them the window’s last request', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 30, windowMs: 60_000 };
		await limiter.acquire('k', budget);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 10, start + 30_000) });
		await limiter.acquire('k', budget);
		// 9 left by our count; the server says 5: others spent 4
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 5, start + 30_000) });
		const { went } = track(limiter, 'k', budget, 6);
		await jest.advanceTimersByTimeAsync(0);
		// a quarter of the 5 left, rounded down: the figure has not counted what the others have in
		// flight
		expect(went).toHaveLength(1);
		// the server counts it, and one more of the others': 3 left
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 3, start + 30_000) });
		await jest.advanceTimersByTimeAsync(0);
		// a round of one: a quarter of 3, and never none
		expect(went).toHaveLength(2);
		limiter.answered('k', { status: 200, headers: fixedHeaders(30, 1, start + 30_000) });
		await jest.advanceTimersByTimeAsync(0);
		// one is left, and it is left to the others until the reset
		expect(went).toHaveLength(2);
		await jest.advanceTimersByTimeAsync(30_000 + RESET_MARGIN_MS);
		expect(went).toHaveLength(3);
	});

	it('does not wait for a reset its own requests explain: the window already frees in time', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 3, windowMs: 1000 };
		const { went } = track(limiter, 'k', budget, 4);
		await jest.advanceTimersByTimeAsync(0);
		// the reset is rounded up to whole seconds, 1.9 s away
		for (let left = 2; left >= 0; left--)
			limiter.answered('k', { status: 200, headers: fixedHeaders(3, left, start + 1900) });
		await jest.advanceTimersByTimeAsync(1000 + windowMargin(1000));
		expect(went).toHaveLength(4);
	});

	it('sends a key’s first request alone, and the rest only once its answer told what the server allows', async () => {
		const limiter = new WindowLimiter();
		// the user's budget allows far more than this server does
		const budget = { requests: 450, windowMs: 60_000 };
		const { went } = track(limiter, 'k', budget, 10);
		expect(await settle(went)).toEqual([0]);
		limiter.answered('k', { status: 200, headers: fixedHeaders(15, 4, start + 2000) });
		// half of the 4 left, before the next answer
		expect(await settle(went)).toEqual([0, 1, 2]);
	});

	it('waits for the server’s reset once our own requests spent its lower limit', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 450, windowMs: 60_000 };
		const { went } = track(limiter, 'k', budget, 5);
		await settle(went);
		for (const left of [2, 1, 0]) {
			limiter.answered('k', { status: 200, headers: fixedHeaders(3, left, start + 2000) });
			await settle(went);
		}
		expect(went).toEqual([0, 1, 2]);
		await jest.advanceTimersByTimeAsync(2000 + RESET_MARGIN_MS - 1);
		expect(went).toEqual([0, 1, 2]);
		await jest.advanceTimersByTimeAsync(1);
		// a new window: one request asks what is left of it first
		expect(went).toEqual([0, 1, 2, 3]);
	});

	it('keeps the budget’s rate, in bursts no larger than a lower limit the server tells without its reset', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 20, windowMs: 1000 };
		const { went } = track(limiter, 'k', budget, 8);
		await settle(went);
		for (let left = 4; left >= 0; left--) {
			limiter.answered('k', {
				status: 200,
				headers: { 'X-RateLimit-Limit': '5', 'X-RateLimit-Remaining': String(left) },
			});
			await settle(went);
		}
		expect(went).toHaveLength(5);
		// 20 a second is 5 every 250 ms: not 5 a second, which would take the limit for the budget's
		await jest.advanceTimersByTimeAsync(250 + windowMargin(250) - 1);
		expect(went).toHaveLength(5);
		await jest.advanceTimersByTimeAsync(1);
		expect(went).toHaveLength(6);
	});

	it('asks a server that says nothing of its limit one request at a time, until it has taken a budget’s worth', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 4, windowMs: 60_000 };
		const { went } = track(limiter, 'k', budget, 6);
		for (let answers = 0; answers < 3; answers++) {
			expect(await settle(went)).toHaveLength(answers + 1);
			limiter.answered('k', { status: 200, headers: {} });
		}
		// the fourth in a row completes the budget's worth: the window alone holds the rest
		expect(await settle(went)).toHaveLength(4);
		limiter.answered('k', { status: 200, headers: {} });
		expect(await settle(went)).toHaveLength(4);
		await jest.advanceTimersByTimeAsync(60_000 + windowMargin(60_000));
		expect(went).toHaveLength(6);
	});

	it('learns from a refusal the server’s limit and window, and keeps to them: Retry-After is the reset', async () => {
		const limiter = new WindowLimiter();
		// a budget said a minute (450), a server of 15 every 2 s that says so only when it refuses
		const budget = { requests: 450, windowMs: 60_000 };
		const { went } = track(limiter, 'k', budget, 40);
		for (let taken = 0; taken < 15; taken++) {
			await settle(went);
			limiter.answered('k', { status: 200, headers: {} });
		}
		expect(await settle(went)).toHaveLength(16);
		limiter.answered('k', {
			status: 429,
			headers: { 'Retry-After': '1', 'X-RateLimit-Limit': '15', 'X-RateLimit-Remaining': '0' },
		});
		// held for the Retry-After, and 2 s after the 15 it took: 15 again then, not 15 a minute
		// (the budget's rate, 450 a minute, is 15 every 2 s)
		await jest.advanceTimersByTimeAsync(2000 + windowMargin(2000) - 1);
		expect(went).toHaveLength(16);
		await jest.advanceTimersByTimeAsync(1);
		expect(went).toHaveLength(31);
		for (let answers = 0; answers < 15; answers++)
			limiter.answered('k', { status: 200, headers: {} });
		await jest.advanceTimersByTimeAsync(2000 + windowMargin(2000));
		expect(went).toHaveLength(40);
	});

	it('without Retry-After, backs off 1, 2, 4 s while the server keeps refusing, and learns what it took', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 0, windowMs: 60_000 };
		await limiter.acquire('k', budget);
		limiter.answered('k', { status: 200, headers: {} });
		const holds: number[] = [];
		for (let refusal = 0; refusal < 3; refusal++) {
			holds.push(limiter.answered('k', { status: 429, headers: {} }));
			// refused again while held: the same refusal, it adds nothing
			expect(limiter.answered('k', { status: 429, headers: {} })).toBe(0);
			await jest.advanceTimersByTimeAsync(holds[refusal]);
		}
		expect(holds).toEqual([1000, 2000, 4000]);
		expect(limiter.takenOn('k')).toBe(1);
	});

	it('gives the slot back when the waiting request is abandoned', async () => {
		const limiter = new WindowLimiter();
		const budget = { requests: 1, windowMs: 1000 };
		await limiter.acquire('k', budget);
		const stop = new AbortController();
		const abandoned = limiter.acquire('k', budget, { signal: stop.signal });
		const next = track(limiter, 'k', budget, 1);
		expect(limiter.waitingOn('k')).toBe(2);
		stop.abort();
		await expect(abandoned).resolves.toBeUndefined();
		expect(limiter.waitingOn('k')).toBe(1);
		limiter.answered('k', undefined);
		await jest.advanceTimersByTimeAsync(1000 + windowMargin(1000));
		expect(next.went).toEqual([0]);
	});

	it('forgets idle keys, and stays bounded however many credentials pass through', async () => {
		const limiter = new WindowLimiter(1000);
		const budget = { requests: 10, windowMs: 1000 };
		for (let key = 0; key < 10_000; key++) {
			await limiter.acquire(`key-${key}`, budget);
			limiter.answered(`key-${key}`, undefined);
			if (key % 100 === 99) await jest.advanceTimersByTimeAsync(1100);
		}
		expect(limiter.size).toBeLessThanOrEqual(1000);
	});
});

describe('limiterKey', () => {
	it('tells credentials apart without holding the secret', () => {
		const key = limiterKey('Guayaba', 'write', 'https://api.guayaba.ai', 'gua_secret_1');
		expect(key).toMatch(/^Guayaba:write:[0-9a-f]{32}$/);
		expect(key).not.toContain('gua_secret_1');
		expect(limiterKey('Guayaba', 'write', 'https://api.guayaba.ai', 'gua_secret_2')).not.toBe(key);
		expect(limiterKey('Guayaba', 'read', 'https://api.guayaba.ai', 'gua_secret_1')).not.toBe(key);
	});
});

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-23T12:00:00Z');
	it.each<[Record<string, unknown>, number | undefined]>([
		[{ 'retry-after': '7' }, 7000],
		[{ 'Retry-After': '0' }, 0],
		[{ 'retry-after': 'Mon, 23 Nov 2026 12:00:30 GMT' }, 30_000],
		[{ 'x-ratelimit-reset': String(now / 1000 + 12) }, 12_000],
		[{ 'x-ratelimit-reset': '5' }, 5000],
		[{ 'retry-after': 'soon' }, undefined],
		[{}, undefined],
	])('%j', (headers, expected) => expect(retryAfterMs(headers, now)).toBe(expected));
});

describe('nextRetryDelay', () => {
	const policy = DEFAULT_RETRY_POLICY;
	it.each<[Failure, number, number | undefined]>([
		[{ kind: 'rateLimited', retryAfterMs: 3000 }, 1, 3000],
		[{ kind: 'rateLimited', retryAfterMs: 3000 }, 5, 3000],
		[{ kind: 'rateLimited', retryAfterMs: 3000 }, 6, undefined],
		[{ kind: 'rateLimited', retryAfterMs: 999_999 }, 1, 120_000],
		[{ kind: 'rateLimited' }, 3, 4000],
		[{ kind: 'unavailable' }, 1, 750],
		[{ kind: 'unavailable' }, 3, 3000],
		[{ kind: 'unavailable' }, 4, undefined],
	])('%j after try %i waits %s ms', (failure, tries, expected) => {
		expect(nextRetryDelay(failure, tries, policy, () => 0.5)).toBe(expected);
	});

	it('spreads the retries of an unavailable server between half and all of the backoff', () => {
		expect(nextRetryDelay({ kind: 'unavailable' }, 2, policy, () => 0)).toBe(1000);
		expect(nextRetryDelay({ kind: 'unavailable' }, 2, policy, () => 0.999_999)).toBeCloseTo(
			2000,
			0,
		);
	});
});

describe('sideRequest (the dropdowns’, the rules’ and the polls’ requests)', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('waits for a slot within the budget the credential gives its key', async () => {
		const credentials = {
			apiKey: 'gua_side_request_test',
			baseUrl: 'http://127.0.0.1:1',
			readsPerMinute: 2,
		};
		const sent: number[] = [];
		const context = {
			getNode: () => ({ name: 'Guayaba' }),
			getCredentials: async () => credentials,
			helpers: {
				httpRequestWithAuthentication: async () => {
					sent.push(Date.now());
					return { statusCode: 200, headers: {}, body: [] };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const started = Date.now();
		const all = [1, 2, 3].map(() =>
			sideRequest(context, GUAYABA, {
				method: 'GET',
				path: '/contacts/statuses',
				expected: 'a list',
				isExpected: (body): body is unknown[] => Array.isArray(body),
			}),
		);
		await jest.advanceTimersByTimeAsync(0);
		// the key's first request goes alone, then the budget's second
		expect(sent.map((at) => at - started)).toEqual([0, 0]);
		await jest.advanceTimersByTimeAsync(60_000 + windowMargin(60_000));
		await Promise.all(all);
		expect(sent).toHaveLength(3);
		expect(sent[2] - started).toBeGreaterThanOrEqual(60_000);
	});
});
