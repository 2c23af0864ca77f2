/** A value as it appears in an error message: quoted, and cut short when it is long. */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return `"${shown}"`;
}
