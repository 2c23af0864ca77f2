import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { keyBudget } from '../../nodes/shared/limiter/keys';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/limiter/retryPolicy';
import { windowLimiter } from '../../nodes/shared/limiter/windowLimiter';
import type { Vendor } from '../../nodes/shared/vendors';

/**
 * Waits for an event a test cannot be told of, checking every few milliseconds: an ordering
 * barrier that holds on a busy machine, where a fixed sleep may be too short.
 */
export async function until(happened: () => boolean, what: string, withinMs = 15_000) {
	const giveUpAt = Date.now() + withinMs;
	while (!happened()) {
		if (Date.now() > giveUpAt) throw new Error(`Waited ${withinMs} ms for ${what}`);
		await sleep(5);
	}
}

/** Resolves once a 429 holds the key of these credentials, for requests of `method`. */
export async function keyHeld(
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	method: string,
) {
	const { key } = keyBudget(vendor, credentials, method, DEFAULT_RETRY_POLICY.rateWindowMs);
	await until(() => windowLimiter.heldUntil(key) > Date.now(), 'a 429 to hold the key');
}
