import type { IHttpRequestOptions } from 'n8n-workflow';

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The host name of a URL as n8n's domain lists compare it: lower case, no trailing dot. */
export function hostnameOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.toLowerCase().replace(/\.$/, '') || undefined;
	} catch {
		return undefined;
	}
}

/** A credential's Base URL as requests are sent to it: without a trailing slash. */
export function baseUrlOf(credentials: { baseUrl?: unknown }): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * Sends the request to the credential's Base URL. A `requestDefaults` expression would do the same
 * at a price: n8n evaluates it twice for every item (for the request, and again to tell whether the
 * URL is the node's own), and an evaluation is the costliest step of an item in a real n8n. A
 * credential limited to some domains ("Allowed HTTP Request Domains") still reaches its own Base
 * URL, as n8n allows a node's own Base URL when it knows it before the hooks run.
 */
export function sendToBaseUrl(
	options: Pick<IHttpRequestOptions, 'baseURL' | 'allowedDomains'>,
	baseUrl: string,
): void {
	options.baseURL = baseUrl;
	const allowed = options.allowedDomains;
	if (typeof allowed !== 'string') return;
	const host = hostnameOf(baseUrl);
	if (!host || host.includes(',')) return;
	const listed = allowed.split(',').map((domain) => domain.trim().toLowerCase().replace(/\.$/, ''));
	if (!listed.includes(host)) options.allowedDomains = `${host}, ${allowed}`;
}
