import { createHash, createHmac, timingSafeEqual } from 'crypto';
import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { WEBHOOK_TOKEN_RULES } from './descriptions/webhookToken';

/** How far a signed delivery's timestamp may be from now, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
	| { valid: true; timestamp: number; digest: string }
	| { valid: false; reason: string };

/**
 * Checks a `t=<unix seconds>,v1=<hex>` signature header: v1 must be HMAC-SHA256(secret,
 * `<t>.<raw body>`) over the bytes received, and t within the tolerance of `nowSeconds`. Several
 * v1 values are accepted (the convention lets a sender sign with an old and a new secret).
 */
export function verifySignature(
	header: string | undefined,
	rawBody: Buffer,
	secret: string,
	nowSeconds: number,
): SignatureCheck {
	if (header === undefined || header.trim() === '')
		return { valid: false, reason: 'The delivery has no signature' };
	const parts = header.split(',').map((part) => part.trim().split('='));
	const timestamps = parts.filter(([name]) => name === 't').map(([, value]) => value);
	const digests = parts.filter(([name]) => name === 'v1').map(([, value]) => value);
	if (
		timestamps.length !== 1 ||
		!/^\d{1,12}$/.test(timestamps[0] ?? '') ||
		digests.length === 0 ||
		!digests.every((digest) => /^[0-9a-fA-F]{64}$/.test(digest ?? ''))
	)
		return { valid: false, reason: 'The signature header is malformed' };

	const timestamp = Number(timestamps[0]);
	const expected = createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]))
		.digest();
	// every candidate is compared, so the time taken does not tell which one matched
	let matched: string | undefined;
	for (const digest of digests) {
		if (timingSafeEqual(Buffer.from(digest, 'hex'), expected)) matched ??= digest.toLowerCase();
	}
	if (matched === undefined) return { valid: false, reason: 'The signature does not match' };
	if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
		return { valid: false, reason: 'The signature is more than 5 minutes old or ahead' };
	return { valid: true, timestamp, digest: matched };
}

/** Whether two secrets are equal, in a time that depends on neither their content nor length. */
export function secretsEqual(received: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected)) && expected !== '';
}

/** How many accepted signatures a webhook trigger remembers at most (see `rememberOnce`). */
export const MAX_REMEMBERED_DELIVERIES = 1000;

/** Keys seen, each with the time (unix seconds) until which it is remembered. */
export type RememberedDeliveries = Record<string, number>;

/**
 * Adds `key` to `remembered` until `expiresAt` (unix seconds), or returns undefined when it is
 * there and not expired. Returns a new record, without the expired keys and never holding more
 * than `maxEntries` (the soonest to expire leave first), so that the caller stores it in one
 * assignment: a node's static data, which n8n saves after the webhook call and every webhook
 * process reads again for each request.
 */
export function rememberOnce(
	remembered: RememberedDeliveries | undefined,
	key: string,
	expiresAt: number,
	now: number,
	maxEntries = MAX_REMEMBERED_DELIVERIES,
): RememberedDeliveries | undefined {
	const known = remembered?.[key];
	if (typeof known === 'number' && known > now) return undefined;
	const kept = Object.entries(remembered ?? {})
		.filter(([seenKey, until]) => typeof until === 'number' && until > now && seenKey !== key)
		.sort(([, a], [, b]) => b - a)
		.slice(0, Math.max(0, maxEntries - 1));
	return Object.fromEntries([...kept, [key, expiresAt]]);
}

/** The first 32 hex digits of the SHA-256 of `bytes`: enough to tell deliveries apart. */
export function shortDigest(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Answers the request directly and starts nothing: a refused delivery (401) or one the node
 * acknowledges but ignores (200). The answer never repeats what the request carried.
 */
export function answerWithoutRunning(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/**
 * Answers a delivery that starts the workflow as n8n's `onReceived` mode does
 * (`{ "message": "Workflow was started" }`), before n8n prepares the run, so that the static data
 * the node changed is saved. n8n saves it in the callback that answers the request: when n8n
 * answers, 2.x calls it only after `WorkflowRunner.run`, whose new `Workflow` objects wrap the same
 * static data and clear its changed mark, so the change is lost whenever the workflow already had
 * static data; when the node answers, n8n calls it at once (1.x and 2.x alike).
 */
export function startedAnswer(context: IWebhookFunctions): IWebhookResponseData {
	return answerWithoutRunning(context, 200, { message: 'Workflow was started' });
}

/** The bytes n8n received for this request, before any parsing. */
export function rawRequestBody(context: IWebhookFunctions): Buffer {
	const { rawBody } = context.getRequestObject();
	return Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody ?? ''), 'utf8');
}

/** Why a webhook token cannot be used, or undefined when it can. */
export function webhookTokenProblem(token: string | undefined): string | undefined {
	if (!token) return 'The token is empty';
	return WEBHOOK_TOKEN_RULES.find(({ refuses }) => new RegExp(refuses).test(token))?.problem;
}

/** Why a signing secret cannot be used, or undefined when it can. */
export function signingSecretProblem(secret: string | undefined): string | undefined {
	if (!secret) return 'The signing secret is empty';
	if (secret.trim() !== secret)
		return 'The signing secret starts or ends with a space: paste it again without it';
	return undefined;
}

/**
 * The credential Test button of a webhook credential: nothing can be asked of the vendor, so it
 * checks the secret can be used at all.
 */
export function testWebhookSecret(
	field: string,
	problem: (value: string | undefined) => string | undefined,
) {
	return async function testSecret(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const value = credential.data?.[field];
		const found = problem(typeof value === 'string' ? value : undefined);
		return found
			? { status: 'Error', message: found }
			: { status: 'OK', message: 'Usable: deliveries are checked against it' };
	};
}

/** The webhook a vendor posts its deliveries to, answered as soon as a delivery is accepted. */
export function deliveriesWebhook(path: string): IWebhookDescription {
	return {
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		// without it n8n answers with the literal text "firstEntryJson"; empty, it answers
		// { "message": "Workflow was started" }
		responseData: '',
		path,
	};
}

/**
 * Activation of a webhook the user registers by hand in the vendor's dashboard: nothing to create
 * on the vendor's side, nothing to remove afterwards, but a credential that could never accept a
 * delivery stops the activation.
 */
export function manualWebhookMethods(
	credentialType: string,
	field: string,
	problem: (value: string | undefined) => string | undefined,
) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credential = await this.getCredentials(credentialType);
				const value = credential[field];
				const found = problem(typeof value === 'string' ? value : undefined);
				if (found)
					throw new NodeOperationError(this.getNode(), found, {
						description: 'Fix it in the credential, then activate the workflow again.',
					});
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
