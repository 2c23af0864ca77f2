/** The host (and port) of a URL, for messages: never its path, user or password. */
export function hostOf(url: string, base?: string): string {
	try {
		return new URL(url, base).host || 'an address with no host';
	} catch {
		return 'an address that is not a URL';
	}
}
