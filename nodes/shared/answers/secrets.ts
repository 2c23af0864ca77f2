import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/**
 * What of a credential must never be shown: its key, and a user name or password written into
 * its Base URL (`https://user:password@host`), as typed and as URL-encoded.
 */
export function credentialSecrets(credentials: IDataObject, secretField: string): string[] {
	const secrets = new Set<string>();
	const add = (value: unknown) => {
		if (typeof value !== 'string' || value.trim() === '') return;
		let typed = value;
		try {
			typed = decodeURIComponent(value);
		} catch {
			// not URL-encoded text: the value is as it was typed
		}
		for (const form of [value, value.trim(), typed, encodeURIComponent(typed)]) secrets.add(form);
	};
	add(credentials[secretField]);
	if (typeof credentials.baseUrl === 'string') {
		try {
			const url = new URL(credentials.baseUrl.trim());
			add(url.username);
			add(url.password);
		} catch {
			// a Base URL that is not a URL holds no user or password to hide
		}
	}
	// the longest first, so that a secret holding another is removed whole
	return [...secrets].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
}

/** Text with every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/** The secrets of a vendor's credential, to keep out of every message. */
export function vendorSecrets(credentials: IDataObject, vendor: { secretField: string }): string[] {
	return credentialSecrets(credentials, vendor.secretField);
}
