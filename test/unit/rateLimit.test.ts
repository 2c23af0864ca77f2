import {
	DEFAULT_RETRY_POLICY,
	intervalForRate,
	limiterKey,
	nextRetryDelay,
	RequestSpacer,
	retryAfterMs,
	type Failure,
} from '../../nodes/shared/rateLimit';

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RequestSpacer', () => {
	it('gives each request on a key the next slot, one interval apart', () => {
		const time = clock();
		const spacer = new RequestSpacer(100, time.now);
		expect([0, 1, 2, 3].map(() => spacer.reserve('k', 2000).waitMs)).toEqual([0, 2000, 4000, 6000]);
		time.advance(5000);
		expect(spacer.reserve('k', 2000).waitMs).toBe(3000);
		time.advance(60_000);
		expect(spacer.reserve('k', 2000).waitMs).toBe(0);
	});

	it('keeps keys apart', () => {
		const spacer = new RequestSpacer(100, clock().now);
		expect([
			spacer.reserve('a', 1000).waitMs,
			spacer.reserve('b', 1000).waitMs,
			spacer.reserve('a', 1000).waitMs,
		]).toEqual([0, 0, 1000]);
	});

	it('after a 429, pauses every request on the key, waiting or new, keeping their spacing', () => {
		const time = clock();
		const spacer = new RequestSpacer(100, time.now);
		const waiting = [0, 1, 2].map(() => spacer.reserve('k', 100));
		spacer.pauseUntil('k', time.now() + 5000);
		// a second item refused in the same window does not add a second pause
		spacer.pauseUntil('k', time.now() + 5000);
		expect(waiting.map((ticket) => ticket.waitMs + spacer.pausedSince(ticket))).toEqual([
			5000, 5100, 5200,
		]);
		expect(spacer.reserve('k', 100).waitMs).toBe(5300);
		expect(spacer.reserve('other', 100).waitMs).toBe(0);
	});

	it('keeps the spacing when a request leaves late', () => {
		const time = clock();
		const spacer = new RequestSpacer(100, time.now);
		const [first, second] = [spacer.reserve('k', 100), spacer.reserve('k', 100)];
		expect([first.waitMs, second.waitMs]).toEqual([0, 100]);
		time.advance(80);
		expect(spacer.depart('k', 100)).toBe(0);
		time.advance(20);
		// the second's slot has come, but the first left only 20 ms ago
		expect(spacer.depart('k', 100)).toBe(80);
		expect(spacer.reserve('k', 100).waitMs).toBe(180);
	});

	it('stays bounded however many credentials pass through', () => {
		const time = clock();
		const spacer = new RequestSpacer(50, time.now);
		for (let key = 0; key < 10_000; key++) {
			spacer.reserve(`key-${key}`, 1000);
			time.advance(1001);
		}
		expect(spacer.size).toBeLessThanOrEqual(51);
	});

	it('keeps every key that still has requests waiting', () => {
		const spacer = new RequestSpacer(5, clock().now);
		for (let key = 0; key < 20; key++) spacer.reserve(`key-${key}`, 1000);
		expect(spacer.size).toBe(20);
		expect(spacer.reserve('key-3', 1000).waitMs).toBe(1000);
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

describe('intervalForRate', () => {
	it.each([
		[30, 2060],
		[120, 515],
		[0, 0],
	])('%i a minute is one request every %i ms (3% under the rate)', (rate, interval) => {
		expect(intervalForRate(rate)).toBeCloseTo(interval, 6);
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
