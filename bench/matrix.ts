/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark program, never loaded by n8n */
import { bursts, matrixCells, seconds, type Spenders } from '../test/helpers/matrix';
import { runCell, type MatrixServer } from '../test/helpers/matrixRun';
import { matrixRow, type MatrixRow } from './matrixTable';

/** Issue 23's tried server: 15 requests per 2 s; 90 updates; the user's 450 a minute. */
export const MATRIX = {
	items: Number(process.env.BENCH_MATRIX_ITEMS ?? 90),
	limit: {
		requests: Number(process.env.BENCH_MATRIX_REQUESTS ?? 15),
		windowMs: Number(process.env.BENCH_MATRIX_WINDOW_MS ?? 2000),
		// a coarse server's Retry-After (issue 23's said 1); unset, the honest whole seconds
		...(process.env.BENCH_MATRIX_RETRY_AFTER
			? { retryAfterSeconds: Number(process.env.BENCH_MATRIX_RETRY_AFTER) }
			: {}),
	},
	/** The credential's Writes per Minute; unset, the server's own rate said a minute. */
	...(process.env.BENCH_MATRIX_WRITES_PER_MINUTE
		? { writesPerMinute: Number(process.env.BENCH_MATRIX_WRITES_PER_MINUTE) }
		: {}),
	/** A cell still running after this is stopped and reported so: the old limiter takes minutes. */
	giveUpAfterMs: Number(process.env.BENCH_MATRIX_GIVE_UP_S ?? 600) * 1000,
};

export function matrixSetting(spenders: string): string {
	const { items, limit, giveUpAfterMs } = MATRIX;
	const serverRate = (limit.requests * 60_000) / limit.windowMs;
	const perMinute = MATRIX.writesPerMinute ?? serverRate;
	const retryAfter =
		limit.retryAfterSeconds === undefined
			? 'Retry-After the whole seconds until a slot frees'
			: `Retry-After always ${limit.retryAfterSeconds} s`;
	return `${items} Guayaba Update by Phone writes (two runs: ${items / 2} each, at once, on one credential) through n8n's engine, ${spenders}; the server allows ${limit.requests} per ${seconds(limit.windowMs)}, ${retryAfter}; the credential's Writes per Minute ${perMinute} (${perMinute === serverRate ? "the server's rate said a minute, as issue 23's user set it" : `the server's rate is ${serverRate} a minute`}; the node sets no pace of its own), the minute 60 s; a cell still running after ${seconds(giveUpAfterMs)} is stopped; ideal (⌈N/R⌉ − 1)·W`;
}

/**
 * The matrix in one process: every behaviour × fixed and rolling × one run and two runs at once,
 * each cell against a server of its own (a fresh credential, so a fresh limiter key).
 */
export async function measureMatrix(
	startServer: () => Promise<MatrixServer & { stop(): void }>,
	spenders: Spenders[] = ['oneRun', 'twoRuns'],
	onCell: (row: MatrixRow, trace: string[]) => void = () => undefined,
): Promise<MatrixRow[]> {
	const rows: MatrixRow[] = [];
	for (const cell of matrixCells(spenders)) {
		const server = await startServer();
		try {
			const outcome = await runCell(server, cell, MATRIX);
			rows.push(matrixRow(outcome, MATRIX.giveUpAfterMs));
			// BENCH_MATRIX_TRACE=1: each cell's requests round by round, as the server saw them
			const trace = process.env.BENCH_MATRIX_TRACE
				? bursts((await server.requests()).received, MATRIX.limit.windowMs)
				: [];
			onCell(rows[rows.length - 1], trace);
		} finally {
			server.stop();
		}
	}
	return rows;
}
