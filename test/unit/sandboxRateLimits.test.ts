import { ServerRateLimit, type RateLimit, type ServerBehaviour } from '../../sandbox/rateLimits';

// a multiple of 2 s, so that the fixed windows below start at t0, t0 + 2 s, ...
const t0 = Date.parse('2026-12-04T12:00:00Z');
const reset = String(t0 / 1000 + 2);

/** Each request's arrival (ms after t0) and how the server answered it. */
function answers(limit: RateLimit, arrivals: number[]) {
	const server = new ServerRateLimit(limit);
	return arrivals.map((at) => {
		const { accepted, headers, retryAfterSeconds } = server.count(t0 + at);
		return [at, accepted ? 200 : 429, headers, retryAfterSeconds];
	});
}

const limits = (remaining: number, withReset = true) => ({
	'X-RateLimit-Limit': '2',
	'X-RateLimit-Remaining': String(remaining),
	...(withReset ? { 'X-RateLimit-Reset': reset } : {}),
});

describe('the sandbox’s fixed window, 2 requests per 2 s', () => {
	// two accepted, refused 1.7 s and 0.5 s before the window ends, then the next window
	const arrivals = [100, 200, 300, 1500, 2000];

	it.each<[ServerBehaviour, unknown[]]>([
		[
			'fullHeaders',
			[
				[100, 200, limits(1), undefined],
				[200, 200, limits(0), undefined],
				[300, 429, { ...limits(0), 'Retry-After': '2' }, 2],
				[1500, 429, { ...limits(0), 'Retry-After': '1' }, 1],
				[2000, 200, { ...limits(1), 'X-RateLimit-Reset': String(t0 / 1000 + 4) }, undefined],
			],
		],
		[
			'limitsOn429',
			[
				[100, 200, {}, undefined],
				[200, 200, {}, undefined],
				[300, 429, { ...limits(0, false), 'Retry-After': '2' }, 2],
				[1500, 429, { ...limits(0, false), 'Retry-After': '1' }, 1],
				[2000, 200, {}, undefined],
			],
		],
		[
			'retryAfterOnly',
			[
				[100, 200, {}, undefined],
				[200, 200, {}, undefined],
				[300, 429, { 'Retry-After': '2' }, 2],
				[1500, 429, { 'Retry-After': '1' }, 1],
				[2000, 200, {}, undefined],
			],
		],
		[
			'silent',
			[
				[100, 200, {}, undefined],
				[200, 200, {}, undefined],
				[300, 429, {}, undefined],
				[1500, 429, {}, undefined],
				[2000, 200, {}, undefined],
			],
		],
	])('%s', (says, expected) => {
		expect(answers({ requests: 2, windowMs: 2000, says }, arrivals)).toEqual(expected);
	});

	it('is today’s sandbox when nothing says otherwise: full headers', () => {
		expect(answers({ requests: 2, windowMs: 2000 }, arrivals)).toEqual(
			answers({ requests: 2, windowMs: 2000, says: 'fullHeaders' }, arrivals),
		);
	});
});

describe('the sandbox’s rolling window, 2 requests in any 2 s', () => {
	// accepted at 0.1 s and 0.9 s; refused while both are in the window: at 1 s a slot frees in
	// 1.1 s, at 2.05 s in 50 ms; at 2.1 s the first has left it
	const arrivals = [100, 900, 1000, 2050, 2100, 2200];

	it.each<[ServerBehaviour, unknown[]]>([
		[
			'fullHeaders',
			[
				[100, 200, limits(1, false), undefined],
				[900, 200, limits(0, false), undefined],
				[1000, 429, { ...limits(0, false), 'Retry-After': '2' }, 2],
				[2050, 429, { ...limits(0, false), 'Retry-After': '1' }, 1],
				[2100, 200, limits(0, false), undefined],
				[2200, 429, { ...limits(0, false), 'Retry-After': '1' }, 1],
			],
		],
		[
			'limitsOn429',
			[
				[100, 200, {}, undefined],
				[900, 200, {}, undefined],
				[1000, 429, { ...limits(0, false), 'Retry-After': '2' }, 2],
				[2050, 429, { ...limits(0, false), 'Retry-After': '1' }, 1],
				[2100, 200, {}, undefined],
				[2200, 429, { ...limits(0, false), 'Retry-After': '1' }, 1],
			],
		],
		[
			'retryAfterOnly',
			[
				[100, 200, {}, undefined],
				[900, 200, {}, undefined],
				[1000, 429, { 'Retry-After': '2' }, 2],
				[2050, 429, { 'Retry-After': '1' }, 1],
				[2100, 200, {}, undefined],
				[2200, 429, { 'Retry-After': '1' }, 1],
			],
		],
		[
			'silent',
			[
				[100, 200, {}, undefined],
				[900, 200, {}, undefined],
				[1000, 429, {}, undefined],
				[2050, 429, {}, undefined],
				[2100, 200, {}, undefined],
				[2200, 429, {}, undefined],
			],
		],
	])('%s', (says, expected) => {
		expect(answers({ requests: 2, windowMs: 2000, rolling: true, says }, arrivals)).toEqual(
			expected,
		);
	});

	it('counts only the requests it accepted: refusals do not push the window on', () => {
		const refusedOften = [100, 200, ...Array.from({ length: 20 }, (_, k) => 300 + k * 40)];
		const statuses = answers({ requests: 2, windowMs: 1000, rolling: true }, [
			...refusedOften,
			1150,
		]).map(([, status]) => status);
		expect(statuses).toEqual([200, 200, ...Array(20).fill(429), 200]);
	});
});

describe('a coarse Retry-After', () => {
	it.each<[string, boolean, ServerBehaviour]>([
		['fixed', false, 'fullHeaders'],
		['fixed', false, 'limitsOn429'],
		['rolling', true, 'retryAfterOnly'],
	])(
		'%s window, %s: always the seconds configured, however long the wait',
		(_kind, rolling, says) => {
			const refusals = answers(
				{ requests: 1, windowMs: 10_000, rolling, says, retryAfterSeconds: 1 },
				[0, 100, 5000, 9000],
			).slice(1);
			expect(
				refusals.map(([, status, headers]) => [
					status,
					(headers as Record<string, string>)['Retry-After'],
				]),
			).toEqual([
				[429, '1'],
				[429, '1'],
				[429, '1'],
			]);
		},
	);

	it('is not sent by a server that tells nothing', () => {
		const [, refused] = answers(
			{ requests: 1, windowMs: 1000, says: 'silent', retryAfterSeconds: 1 },
			[0, 100],
		);
		expect(refused).toEqual([100, 429, {}, undefined]);
	});
});
