import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { limitFor, type Vendor } from '../vendors';
import type { Budget } from './windowLimiter';

/** A limiter key that identifies a credential without keeping its secret in memory. */
export function limiterKey(service: string, kind: string, baseUrl: string, secret: string): string {
	const fingerprint = createHash('sha256').update(`${baseUrl}\n${secret}`).digest('hex');
	return `${service}:${kind}:${fingerprint.slice(0, 32)}`;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A Base URL as one spelling, so that a key has one rate budget however its Base URL is written:
 * case, a trailing slash, a default port, `localhost` or `127.0.0.1`, and a `user:password@` part
 * make no difference.
 */
export function normalizedBaseUrl(baseUrl: string): string {
	let url: URL;
	try {
		url = new URL(baseUrl.trim());
	} catch {
		return baseUrl.trim().replace(/\/+$/, '').toLowerCase();
	}
	const hostname = LOOPBACK_NAMES.includes(url.hostname) ? 'localhost' : url.hostname;
	const port = url.port === '' ? '' : `:${url.port}`;
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${hostname}${port}${path}`;
}

/**
 * The limiter key of a request and the budget its credential gives the key: the vendor's limit
 * for the kind of request, unless the credential sets its own (0: no client-side limit).
 */
export function keyBudget(
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	method: string,
	windowMs: number,
): { key: string; budget: Budget } {
	const limit = limitFor(vendor, method);
	const perMinute = credentials[limit.credentialField];
	return {
		key: limiterKey(
			vendor.service,
			limit.kind,
			normalizedBaseUrl(String(credentials.baseUrl ?? '')),
			String(credentials[vendor.secretField] ?? ''),
		),
		budget: {
			requests: typeof perMinute === 'number' && perMinute >= 0 ? perMinute : limit.perMinute,
			windowMs,
		},
	};
}
