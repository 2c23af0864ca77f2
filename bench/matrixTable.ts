import {
	cellName,
	describeTarget,
	misses,
	percent,
	seconds,
	type CellOutcome,
} from '../test/helpers/matrix';

/** A matrix cell as a row of the bench's table; shared by the bench and the queue-mode bench. */
export type MatrixRow = [string, string, string, string, string, string, string, string];

export const MATRIX_HEADER: MatrixRow = [
	'cell',
	'first to last request (ideal)',
	'refused',
	'lost',
	'sent twice',
	'runs',
	'target',
	'misses',
];

export function matrixRow(outcome: CellOutcome, giveUpAfterMs: number): MatrixRow {
	const missed = misses(outcome);
	return [
		cellName(outcome.cell),
		`${seconds(outcome.spanMs)} (${seconds(outcome.idealMs)})`,
		`${outcome.refused} of ${outcome.requests} (${percent(outcome.refusedShare)})`,
		String(outcome.lost),
		String(outcome.sentTwice),
		[
			outcome.succeeded.map((ok) => (ok ? 'ok' : 'FAILED')).join(' + '),
			...(outcome.gaveUp ? [`stopped after ${seconds(giveUpAfterMs)}`] : []),
			// the first error only: two runs usually fail alike
			...(outcome.errors.length > 0 ? [`"${outcome.errors[0]}"`] : []),
		].join(', '),
		describeTarget(outcome.cell, outcome.idealMs),
		missed.length === 0 ? 'none' : missed.join(', '),
	];
}

export function matrixTable(rows: MatrixRow[]): string {
	const all = [MATRIX_HEADER, ...rows];
	const widths = MATRIX_HEADER.map((_, column) =>
		Math.max(...all.map((row) => row[column].length)),
	);
	return all
		.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  '))
		.join('\n');
}

export function matrixMarkdown(rows: MatrixRow[]): string[] {
	return [
		`| ${MATRIX_HEADER.join(' | ')} |`,
		`| ${MATRIX_HEADER.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	];
}
