import type { ReceivedRequest } from '../../sandbox/server';
import {
	bursts,
	cellName,
	figures,
	idealMs,
	matrixCells,
	misses,
	tally,
	targetOf,
	type Cell,
	type CellOutcome,
} from '../helpers/matrix';

function request(phone: string, at: number, status: number): ReceivedRequest {
	const body = { phone, status: 'DNC' };
	return {
		method: 'POST',
		path: '/contacts/update',
		query: {},
		headers: {},
		body,
		rawBody: JSON.stringify(body),
		at,
		status,
	};
}

describe('the matrix’s cells', () => {
	it('are every behaviour × fixed and rolling × each way of spending', () => {
		const cells = matrixCells(['oneRun', 'twoRuns']);
		expect(cells).toHaveLength(16);
		expect(cells.slice(0, 4).map(cellName)).toEqual([
			'full headers, fixed window, one run',
			'full headers, fixed window, two runs, one process',
			'full headers, rolling window, one run',
			'full headers, rolling window, two runs, one process',
		]);
		expect(new Set(cells.map(cellName)).size).toBe(16);
		expect(cellName(matrixCells(['twoWorkers'])[7])).toBe(
			'no headers, no Retry-After, rolling window, two queue-mode workers',
		);
	});
});

describe('tally', () => {
	it('counts lost, sent twice, refusals never retried, and the span, from what the server received', () => {
		const received = [
			request('+1', 1000, 200),
			request('+2', 1010, 429),
			request('+3', 1020, 429),
			request('+2', 2500, 200),
			request('+4', 2600, 200),
			request('+4', 2700, 200),
		];

		expect(
			tally(received, ['+1', '+2', '+3', '+4', '+5'], { requests: 2, windowMs: 1000 }),
		).toEqual({
			items: 5,
			requests: 6,
			refused: 2,
			refusedShare: 2 / 6,
			// +3 and +5
			lost: 2,
			// +4
			sentTwice: 1,
			// +3's 429 had no success after it
			unretried: 1,
			spanMs: 1700,
			// the fifth request can leave no sooner than two windows after the first
			idealMs: 2000,
		});
	});

	it('does not count a success before a refusal as its retry', () => {
		const received = [request('+1', 1000, 200), request('+1', 1100, 429)];
		expect(tally(received, ['+1'], { requests: 1, windowMs: 1000 }).unretried).toBe(1);
	});
});

describe('idealMs', () => {
	it.each([
		[90, 15, 2000, 10_000],
		[300, 30, 2000, 18_000],
		[20, 5, 1000, 3000],
		[21, 5, 1000, 4000],
		[5, 5, 1000, 0],
	])('N %i at %i per %i ms: %i ms', (items, requests, windowMs, expected) => {
		expect(idealMs(items, { requests, windowMs })).toBe(expected);
	});
});

describe('targets', () => {
	const cell = (spenders: Cell['spenders'], says: Cell['says']): Cell => ({
		says,
		rolling: false,
		spenders,
	});

	const targets: Array<[Cell, { spanMs?: number; refusedShare: number }]> = [
		[cell('oneRun', 'silent'), { spanMs: 12_000, refusedShare: 0.02 }],
		[cell('twoRuns', 'fullHeaders'), { spanMs: 12_000, refusedShare: 0.02 }],
		[cell('twoWorkers', 'fullHeaders'), { refusedShare: 0.01 }],
		[cell('twoWorkers', 'limitsOn429'), { refusedShare: 0.02 }],
		[cell('twoWorkers', 'retryAfterOnly'), { refusedShare: 0.05 }],
		[cell('twoWorkers', 'silent'), { refusedShare: 0.05 }],
	];
	it.each(targets.map(([of, expected]) => [cellName(of), of, expected] as const))(
		'%s, ideal 10 s',
		(_name, of, expected) => expect(targetOf(of, 10_000)).toEqual(expected),
	);

	const met: CellOutcome = {
		cell: cell('oneRun', 'fullHeaders'),
		items: 90,
		requests: 91,
		refused: 1,
		refusedShare: 1 / 91,
		lost: 0,
		sentTwice: 0,
		unretried: 0,
		spanMs: 12_000,
		idealMs: 10_000,
		succeeded: [true],
		errors: [],
		gaveUp: false,
	};

	it('a cell within every target misses nothing', () => {
		expect(misses(met)).toEqual([]);
		expect(figures(met)).toBe(
			'12.0 s (ideal 10.0 s) · refused 1 of 91 (1.1 %) · lost 0 · sent twice 0 · runs ok',
		);
	});

	it('names each target a cell misses', () => {
		expect(
			misses({
				...met,
				spanMs: 12_001,
				refused: 3,
				refusedShare: 3 / 93,
				lost: 1,
				sentTwice: 1,
				succeeded: [true, false],
			}),
		).toEqual(['time', 'refused', 'lost', 'sent twice', 'a run failed']);
		expect(misses({ ...met, gaveUp: true })).toEqual([
			'stopped: outlived the bench’s bound',
			'time',
		]);
		// two workers have no time target
		const worker = { ...met, cell: cell('twoWorkers', 'fullHeaders'), refused: 0, refusedShare: 0 };
		expect(misses({ ...worker, spanMs: 60_000, gaveUp: true })).toEqual([
			'stopped: outlived the bench’s bound',
		]);
	});
});

describe('bursts', () => {
	it('groups the requests less than 50 ms apart, each with its fixed window and its answers', () => {
		// the first request 1.9 s into a 2 s window
		const start = 1_000_001_900;
		const received = [
			request('+1', start, 200),
			request('+2', start + 150, 200),
			request('+3', start + 180, 429),
			request('+4', start + 200, 429),
			request('+3', start + 1300, 200),
		];
		expect(bursts(received, 2000)).toEqual([
			'0.0 s (window 0): 1 sent, 1 accepted, 0 refused',
			'0.1 s (window 1): 3 sent, 1 accepted, 2 refused',
			'1.3 s (window 1): 1 sent, 1 accepted, 0 refused',
		]);
	});
});
