import { FakeGuayaba } from '../../sandbox/guayaba';
import { cellName, figures, matrixCells, type Cell, type CellOutcome } from '../helpers/matrix';
import { inProcess, runCell, type MatrixSetup } from '../helpers/matrixRun';

/**
 * Issue 23's matrix on a small scale: what must hold on any server, whatever the time it takes
 * (time and refusals are the bench's targets, not asserted here). Issue 23's server allowed 15 per
 * 2 s, and its user set 450 a minute for 90 updates (now the credential's Writes per Minute): six
 * of the server's windows, and a budget far above what the run sends, so that only the server's
 * answers can hold the run back. Here the server allows 5 per 2 s, its Retry-After in whole
 * seconds as HTTP says, and 50 updates take ten windows, more than a request's six tries could
 * wait out one window at a time; the minute is compressed to 4 s (a server limit mistaken for a
 * minute's costs 4 s a window, not 60), the credential's Writes per Minute 300, which the run's
 * requests, retries included, never reach.
 */
const SETUP: MatrixSetup = {
	items: 50,
	limit: { requests: 5, windowMs: 2000 },
	writesPerMinute: 300,
	policy: { rateWindowMs: 4000 },
	// ends a cell that would outlive the suite's timeout, so that its failure shows its figures
	giveUpAfterMs: 150_000,
};

const CELLS = matrixCells(['oneRun', 'twoRuns']);
const outcomes = new Map<Cell, CellOutcome>();

// every cell against a server of its own (its URL is part of the credential, so the limiter's key
// is fresh), all at once: a cell's time is its server's windows, and they do not share any
beforeAll(async () => {
	await Promise.all(
		CELLS.map(async (cell) => {
			const api = await new FakeGuayaba().start();
			try {
				outcomes.set(cell, await runCell(inProcess(api), cell, SETUP));
			} finally {
				await api.stop();
			}
		}),
	);
}, 180_000);

/**
 * What must hold: nothing lost or sent twice, every 429 retried, every run succeeded; with the
 * cell's figures, not asserted, for the message of a cell that fails.
 */
function rulesOf(cell: Cell) {
	const outcome = outcomes.get(cell)!;
	return {
		lost: outcome.lost,
		sentTwice: outcome.sentTwice,
		unretried: outcome.unretried,
		succeeded: outcome.succeeded,
		errors: outcome.errors,
		gaveUp: outcome.gaveUp,
		figures: figures(outcome),
	};
}

const holds = (cell: Cell) => ({
	lost: 0,
	sentTwice: 0,
	unretried: 0,
	succeeded: cell.spenders === 'oneRun' ? [true] : [true, true],
	errors: [],
	gaveUp: false,
	figures: figures(outcomes.get(cell)!),
});

const RULES = 'nothing lost or sent twice, every 429 retried, every run succeeds';

const named = (cells: Cell[]) => cells.map((cell) => [cellName(cell), cell] as const);

describe('the server-behaviour matrix, one process', () => {
	it.each(named(CELLS))(`%s: ${RULES}`, (_name, cell) => {
		expect(rulesOf(cell)).toEqual(holds(cell));
	});
});
