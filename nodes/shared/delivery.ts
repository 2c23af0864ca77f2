import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IDataObject,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { Service } from './apiResponse';
import { refusedRequests } from './errors';
import { deliverPages, pagedListOf } from './pagination';
import { optionValue } from './parameters';
import {
	DEFAULT_RETRY_POLICY,
	intervalForRate,
	limiterKey,
	nextRetryDelay,
	requestSpacer,
	retryAfterByError,
	type Failure,
	type RetryPolicy,
} from './rateLimit';

export interface DeliveryRules {
	service: Service;
	credentialType: string;
	secretField: string;
	/** The vendor's published limit for this kind of request, used when the user sets none. */
	requestsPerMinute: (method: string) => number;
	/** Requests of one kind share a budget: Guayaba counts reads and writes apart. */
	kind: (method: string) => string;
	policy?: RetryPolicy;
}

const UNAVAILABLE_STATUSES = ['502', '503', '504'];
const RESET_CODES = ['ECONNRESET', 'EPIPE'];
const UNREACHABLE_CODES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'the connection timed out',
	EHOSTUNREACH: 'the host is unreachable',
};

// n8n also puts codes like ECONNRESET in httpCode
function isHttpStatus(code: string | null | undefined): code is string {
	return typeof code === 'string' && /^\d{3}$/.test(code);
}

function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	for (
		let cause = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
		cause && depth < 4;
		depth++
	) {
		if (typeof cause.code === 'string') codes.push(cause.code);
		cause = cause.cause as typeof cause;
	}
	return codes;
}

export function classifyFailure(error: unknown): Failure | undefined {
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (httpCode === '429')
		return { kind: 'rateLimited', retryAfterMs: retryAfterByError.get(error as object) };
	if (typeof httpCode === 'string' && UNAVAILABLE_STATUSES.includes(httpCode))
		return { kind: 'unavailable' };
	if (errorCodes(error).some((code) => RESET_CODES.includes(code))) return { kind: 'unavailable' };
	return undefined;
}

function seconds(ms: number): string {
	return ms < 60_000
		? `${Math.round(ms / 1000)} s`
		: `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

// one node run reads its credential once, not once per item
const keysByNodeRun = new WeakMap<object, Map<string, Promise<string>>>();

async function credentialKey(
	context: IExecuteSingleFunctions,
	rules: DeliveryRules,
	method: string,
): Promise<string> {
	const nodeRun = context.getExecuteData();
	const keys = keysByNodeRun.get(nodeRun) ?? new Map<string, Promise<string>>();
	keysByNodeRun.set(nodeRun, keys);
	const kind = rules.kind(method);
	let key = keys.get(kind);
	if (!key) {
		key = context
			.getCredentials(rules.credentialType)
			.then((credentials) =>
				limiterKey(
					rules.service,
					kind,
					String(credentials.baseUrl ?? ''),
					String(credentials[rules.secretField] ?? ''),
				),
			);
		keys.set(kind, key);
	}
	return await key;
}

function requestsPerMinute(context: IExecuteSingleFunctions, fallback: number): number {
	const value = optionValue<unknown>(context, 'requestsPerMinute', fallback);
	return typeof value === 'number' && value >= 0 ? value : fallback;
}

async function waitForSlot(
	context: IExecuteSingleFunctions,
	key: string,
	perMinute: number,
): Promise<number> {
	// with no client-side limit the reservation still honours the pause after a 429
	const interval = intervalForRate(perMinute);
	const ticket = requestSpacer.reserve(key, interval);
	let waited = 0;
	for (
		let wait = ticket.waitMs;
		wait > 0;
		wait = requestSpacer.pausedSince(ticket) - (waited - ticket.waitMs)
	) {
		await sleep(wait);
		waited += wait;
	}
	const late = requestSpacer.depart(key, interval);
	if (late > 0) {
		await sleep(late);
		waited += late;
	}
	if (context.getExecutionCancelSignal()?.aborted) {
		throw new NodeOperationError(
			context.getNode(),
			'The execution was cancelled before this item was sent',
			{ itemIndex: context.getItemIndex() },
		);
	}
	return waited;
}

/**
 * Sends an item's request within the credential's rate limit, and retries it alone when the API
 * answers 429 (after `Retry-After`), 502, 503 or 504, or the connection is reset. n8n calls it as
 * the operation's `pagination` function, the one declarative hook that wraps the sending itself.
 */
export function deliverWithinLimits(rules: DeliveryRules) {
	const policy = rules.policy ?? DEFAULT_RETRY_POLICY;
	return async function deliverRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const refusal = refusedRequests.get(requestData.options);
		if (refusal) return [failedItem(this, refusal)];
		// a paged list: each page is delivered as a request of its own, through this same function
		const pagedList = pagedListOf(requestData.options);
		if (pagedList) {
			return await deliverPages(this, requestData, pagedList, deliverRequest).catch((error) => {
				if (this.continueOnFail()) return [failedItem(this, error as NodeApiError)];
				throw error;
			});
		}

		const method = String(requestData.options.method ?? 'GET').toUpperCase();
		const perMinute = requestsPerMinute(this, rules.requestsPerMinute(method));
		const key = await credentialKey(this, rules, method);

		let waitedMs = 0;
		for (let tries = 1; ; tries++) {
			waitedMs += await waitForSlot(this, key, perMinute);
			try {
				const items = await this.makeRoutingRequest(requestData);
				return withDeliveryDetails(this, items, { tries, waitedMs });
			} catch (error) {
				const failure = classifyFailure(error);
				const delay = failure && nextRetryDelay(failure, tries, policy);
				if (failure === undefined || delay === undefined) {
					const finalError = describeFinalFailure(this, rules.service, error, failure, {
						tries,
						waitedMs,
						baseUrl: String(requestData.options.baseURL ?? ''),
					});
					if (this.continueOnFail()) return [failedItem(this, finalError)];
					throw finalError;
				}
				if (failure.kind === 'rateLimited') {
					// every item on this key waits, not only the one that was refused
					requestSpacer.pauseUntil(key, Date.now() + delay);
				} else {
					await sleep(delay);
					waitedMs += delay;
				}
			}
		}
	};
}

/** With Include Delivery Details on, each item tells how often it was sent and how long it waited. */
function withDeliveryDetails(
	context: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	delivery: { tries: number; waitedMs: number },
): INodeExecutionData[] {
	if (optionValue<unknown>(context, 'includeDeliveryDetails', false) !== true) return items;
	for (const item of items) item.json.delivery = { ...delivery };
	return items;
}

/**
 * An item's failure as its output under Continue On Fail, paired to its input item, in the shape
 * n8n's own nodes use (`{ error }`), so that "Continue (using error output)" routes it there.
 */
function failedItem(
	context: IExecuteSingleFunctions,
	error: NodeApiError | NodeOperationError,
): INodeExecutionData {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if ('httpCode' in error && isHttpStatus(error.httpCode)) details.httpCode = error.httpCode;
	return {
		json: { error: error.message, details },
		pairedItem: { item: context.getItemIndex() },
	};
}

function describeFinalFailure(
	context: IExecuteSingleFunctions,
	service: Service,
	error: unknown,
	failure: Failure | undefined,
	{ tries, waitedMs, baseUrl }: { tries: number; waitedMs: number; baseUrl: string },
): NodeApiError {
	const apiError = new NodeApiError(context.getNode(), error as JsonObject, {
		itemIndex: context.getItemIndex(),
	});
	// axios's code for a request that outlived its timeout
	if (errorCodes(error).includes('ECONNABORTED')) {
		apiError.message = `${service} did not answer in time (${baseUrl})`;
		apiError.description = `Not sent again, since ${service} may have received it. Raise Timeout under Request Options, or try again later.`;
		return apiError;
	}
	const unreachable = errorCodes(error).find((code) => UNREACHABLE_CODES[code]);
	if (unreachable) {
		apiError.message = `Could not reach ${service} at ${baseUrl}: ${UNREACHABLE_CODES[unreachable]}`;
		apiError.description = `Check the Base URL in the ${service} credential, and that the server is up.`;
		return apiError;
	}
	if (failure === undefined || tries === 1) return apiError;
	const waited = waitedMs >= 1000 ? `, after waiting ${seconds(waitedMs)}` : '';
	if (failure.kind === 'rateLimited') {
		apiError.message = `${service} rate limited this request: tried ${tries} times${waited}`;
		apiError.description =
			'The API key has used up its rate limit. Lower Requests per Minute under Options, send fewer items at once, or run the workflow later.';
	} else {
		const status = isHttpStatus(apiError.httpCode)
			? `HTTP ${apiError.httpCode}`
			: 'the connection was reset';
		apiError.message = `${service} was unavailable (${status}): tried ${tries} times${waited}`;
		apiError.description = `${service} did not answer normally. Try again later; items that succeeded were not sent again.`;
	}
	return apiError;
}
