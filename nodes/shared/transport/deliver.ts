import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IExecutePaginationFunctions,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { answerSecrets, type Service } from '../answers/apiErrors';
import { refusedRequests } from '../input/refusal';
import { deliverPages, pagedListOf } from './pages';
import { nameTheContact } from '../answers/lookup';
import { optionValue } from '../input/parameters';
import { hostnameOf, hostOf, normalizedBaseUrl, withinTimeout } from './url';
import { redact } from '../answers/secrets';
import {
	DEFAULT_RETRY_POLICY,
	limiterKey,
	nextRetryDelay,
	retryAfterByError,
	windowLimiter,
	type Budget,
	type Failure,
	type RetryPolicy,
} from '../limiter/windowLimiter';

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

function credentialLimiterKey(
	rules: DeliveryRules,
	kind: string,
	credentials: IDataObject,
): string {
	return limiterKey(
		rules.service,
		kind,
		normalizedBaseUrl(String(credentials.baseUrl ?? '')),
		String(credentials[rules.secretField] ?? ''),
	);
}

/** What a node run reads from its credential once, not once per item. */
interface NodeRunCredential {
	credentials: Promise<ICredentialDataDecryptedObject>;
	keys: Map<string, Promise<string>>;
}

const credentialsByNodeRun = new WeakMap<object, NodeRunCredential>();

function nodeRunCredential(context: IExecuteSingleFunctions, rules: DeliveryRules) {
	const nodeRun = context.getExecuteData();
	let credential = credentialsByNodeRun.get(nodeRun);
	if (!credential) {
		credential = { credentials: context.getCredentials(rules.credentialType), keys: new Map() };
		credentialsByNodeRun.set(nodeRun, credential);
	}
	return credential;
}

async function credentialKey(
	context: IExecuteSingleFunctions,
	rules: DeliveryRules,
	method: string,
): Promise<string> {
	const { credentials, keys } = nodeRunCredential(context, rules);
	const kind = rules.kind(method);
	let key = keys.get(kind);
	if (!key) {
		key = credentials.then((data) => credentialLimiterKey(rules, kind, data));
		keys.set(kind, key);
	}
	return await key;
}

type RequestTarget = Pick<IHttpRequestOptions, 'baseURL' | 'allowedDomains'>;

/**
 * Sends the request to the credential's Base URL. A `requestDefaults` expression would do the same
 * at a price: n8n evaluates it twice for every item (for the request, and again to tell whether the
 * URL is the node's own), and an evaluation is the costliest step of an item in a real n8n.
 */
async function useCredentialBaseUrl(
	context: IExecuteSingleFunctions,
	rules: DeliveryRules,
	options: RequestTarget,
): Promise<void> {
	const credentials = await nodeRunCredential(context, rules).credentials;
	options.baseURL = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	allowOwnHost(options);
}

/**
 * A credential limited to some domains ("Allowed HTTP Request Domains") still reaches its own
 * Base URL, as n8n allows a node's own Base URL when it knows it before the hooks run.
 */
function allowOwnHost(options: RequestTarget): void {
	const allowed = options.allowedDomains;
	if (typeof allowed !== 'string') return;
	const host = hostnameOf(options.baseURL ?? '');
	if (!host || host.includes(',')) return;
	const listed = allowed.split(',').map((domain) => domain.trim().toLowerCase().replace(/\.$/, ''));
	if (!listed.includes(host)) options.allowedDomains = `${host}, ${allowed}`;
}

function requestsPerMinute(context: IExecuteSingleFunctions, fallback: number): number {
	const value = optionValue<unknown>(context, 'requestsPerMinute', fallback);
	return typeof value === 'number' && value >= 0 ? value : fallback;
}

function budgetFor(perMinute: number, policy: RetryPolicy): Budget {
	return { requests: perMinute, windowMs: policy.rateWindowMs ?? 60_000 };
}

/** Why a node run's waiting items are not sent. */
type StopReason =
	| { kind: 'failed'; itemIndex: number; message: string }
	| { kind: 'cancelled' }
	| { kind: 'rateLimitWait'; waitedMs: number };

/** What the items of one node run share: whether they may still be sent, and their 429 waiting. */
interface NodeRunState {
	stop: AbortController;
	reason?: StopReason;
	rateLimitWaitMs: number;
}

interface LifecycleHooks {
	addHandler(hookName: 'workflowExecuteAfter', handler: () => void): void;
}

const nodeRuns = new WeakMap<object, NodeRunState>();

/**
 * n8n 1.x and 2.x give a declarative node no cancel signal (RoutingNode builds its contexts
 * without one), but n8n runs the execution's `workflowExecuteAfter` hooks the moment a run is
 * cancelled, on the main instance and on a queue-mode worker alike; the execution context carries
 * those hooks in `additionalData`. Once the execution is over, no item of it may still be sent.
 */
function listenForEndOfExecution(context: IExecuteSingleFunctions, state: NodeRunState): void {
	const end = () => stopNodeRun(state, { kind: 'cancelled' });
	const signal = context.getExecutionCancelSignal();
	if (signal?.aborted) end();
	signal?.addEventListener('abort', end, { once: true });
	const hooks = (context as unknown as { additionalData?: { hooks?: Partial<LifecycleHooks> } })
		.additionalData?.hooks;
	if (typeof hooks?.addHandler === 'function') hooks.addHandler('workflowExecuteAfter', end);
}

function nodeRunState(context: IExecuteSingleFunctions): NodeRunState {
	const nodeRun = context.getExecuteData();
	let state = nodeRuns.get(nodeRun);
	if (!state) {
		state = { stop: new AbortController(), rateLimitWaitMs: 0 };
		nodeRuns.set(nodeRun, state);
		listenForEndOfExecution(context, state);
	}
	return state;
}

function stopNodeRun(state: NodeRunState, reason: StopReason): void {
	if (state.stop.signal.aborted) return;
	state.reason = reason;
	state.stop.abort();
}

/** The error of an item that was not sent because its node run stopped. */
function notSentError(
	context: IExecuteSingleFunctions,
	service: string,
	reason: StopReason | undefined,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	if (reason?.kind === 'failed') {
		return new NodeOperationError(
			context.getNode(),
			`Not sent: item ${reason.itemIndex} failed first (${reason.message})`,
			{
				itemIndex,
				description:
					'Without On Error: Continue, the node stops at the first failure and sends no item still waiting. Items sent before it were sent once.',
			},
		);
	}
	if (reason?.kind === 'rateLimitWait') {
		return new NodeOperationError(
			context.getNode(),
			`Not sent: ${service} kept the API key rate limited for ${seconds(reason.waitedMs)} during this run`,
			{
				itemIndex,
				description:
					'The run stopped waiting, so as not to hold the workflow for hours. Items that succeeded were not sent again; run the rest later, or with fewer items at once.',
			},
		);
	}
	return new NodeOperationError(
		context.getNode(),
		'The execution was cancelled before this item was sent',
		{ itemIndex },
	);
}

/**
 * Sends one request within the credential's rate limit: waits for its slot, sends, and tells the
 * limiter what the server answered. The narrow entry for requests outside the declarative routing
 * (the dropdown loaders): `send` must resolve with the full response (`returnFullResponse`) and
 * leave HTTP errors to the caller (`ignoreHttpStatusErrors`).
 */
export async function sendWithinRateLimit<T extends IN8nHttpFullResponse>(
	rules: DeliveryRules,
	credentials: ICredentialDataDecryptedObject,
	method: string,
	send: () => Promise<T>,
): Promise<T> {
	const upper = method.toUpperCase();
	const key = credentialLimiterKey(rules, rules.kind(upper), credentials);
	await windowLimiter.acquire(
		key,
		budgetFor(rules.requestsPerMinute(upper), rules.policy ?? DEFAULT_RETRY_POLICY),
	);
	let response: T | undefined;
	try {
		response = await send();
		return response;
	} finally {
		windowLimiter.answered(
			key,
			response && { status: response.statusCode, headers: response.headers ?? {} },
		);
	}
}

/**
 * Sends an item's request within the credential's rate limit, and retries it alone when the API
 * answers 429 (once the key's hold is over), 502, 503 or 504, or the connection is reset. n8n
 * calls it as the operation's `pagination` function, the one declarative hook that wraps the
 * sending itself.
 */
export function deliverWithinLimits(rules: DeliveryRules) {
	// the rules ride along, so that tests can rebuild a node's delivery with a shorter policy
	return Object.assign(deliverRequest, { rules });

	async function deliverRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const refusal = refusedRequests.get(requestData.options);
		if (refusal) return [failedItem(this, refusal)];
		await useCredentialBaseUrl(this, rules, requestData.options);
		// a paged list: each page is delivered as a request of its own, through this same function
		const pagedList = pagedListOf(requestData.options);
		if (pagedList) {
			return await deliverPages(this, requestData, pagedList, deliverRequest).catch((error) => {
				if (this.continueOnFail()) return [failedItem(this, error as NodeApiError)];
				throw error;
			});
		}

		const policy = rules.policy ?? DEFAULT_RETRY_POLICY;
		const method = String(requestData.options.method ?? 'GET').toUpperCase();
		const budget = budgetFor(requestsPerMinute(this, rules.requestsPerMinute(method)), policy);
		const run = nodeRunState(this);
		const key = await credentialKey(this, rules, method);

		// the first of the postReceive actions sees every answer, success or failure, with its
		// headers: the limiter learns from each as soon as it arrives
		let answered = false;
		let heldByThisAnswer = 0;
		// RoutingNode reads the postReceive actions from the request data it handed over, which the
		// pages of a list share: the action is there only while this request is being sent
		const noteAnswer: DeclarativeRestApiSettings.ResultOptions['postReceive'][number] = {
			data: { parameterValue: undefined },
			actions: [
				async function noteRateLimit(
					this: IExecuteSingleFunctions,
					items: INodeExecutionData[],
					response: IN8nHttpFullResponse,
				) {
					answered = true;
					heldByThisAnswer = windowLimiter.answered(key, {
						status: response.statusCode,
						headers: response.headers ?? {},
					});
					return items;
				},
			],
		};
		requestData.postReceive.unshift(noteAnswer);
		try {
			return await sendUntilDone.call(this);
		} finally {
			requestData.postReceive.splice(requestData.postReceive.indexOf(noteAnswer), 1);
		}

		async function sendUntilDone(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
			let waitedMs = 0;
			for (let tries = 1; ; tries++) {
				const waited = await windowLimiter.acquire(key, budget, {
					signal: run.stop.signal,
					first: tries > 1,
				});
				if (waited === undefined) {
					const notSent = notSentError(this, rules.service, run.reason);
					if (this.continueOnFail()) return [failedItem(this, notSent)];
					throw notSent;
				}
				waitedMs += waited;
				answered = false;
				heldByThisAnswer = 0;
				try {
					const items = await withinTimeout(
						this.makeRoutingRequest(requestData),
						requestData.options.timeout,
					);
					return withDeliveryDetails(this, items, { tries, waitedMs });
				} catch (error) {
					if (!answered) windowLimiter.answered(key, undefined);
					const failure = classifyFailure(error);
					let delay = failure && nextRetryDelay(failure, tries, policy);
					if (failure?.kind === 'rateLimited' && delay !== undefined) {
						run.rateLimitWaitMs += heldByThisAnswer;
						const most = policy.runRateLimitWaitMs ?? Infinity;
						if (run.rateLimitWaitMs > most) {
							stopNodeRun(run, { kind: 'rateLimitWait', waitedMs: run.rateLimitWaitMs });
							delay = undefined;
						}
					}
					if (failure === undefined || delay === undefined) {
						const finalError = await describeFinalFailure(this, rules.service, error, failure, {
							tries,
							waitedMs,
							baseUrl: String(requestData.options.baseURL ?? ''),
						});
						nameTheContact(this, finalError, requestData.options);
						if (this.continueOnFail()) return [failedItem(this, finalError)];
						stopNodeRun(run, {
							kind: 'failed',
							itemIndex: this.getItemIndex(),
							message: finalError.message,
						});
						throw finalError;
					}
					// after a 429 the limiter holds the whole key, once, for every item waiting on it
					if (failure.kind === 'unavailable') {
						await sleep(delay);
						waitedMs += delay;
					}
				}
			}
		}
	}
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

async function describeFinalFailure(
	context: IExecuteSingleFunctions,
	service: Service,
	error: unknown,
	failure: Failure | undefined,
	{ tries, waitedMs, baseUrl }: { tries: number; waitedMs: number; baseUrl: string },
): Promise<NodeApiError> {
	const codes = errorCodes(error);
	const apiError = withoutRequest(
		context,
		new NodeApiError(context.getNode(), error as JsonObject, {
			itemIndex: context.getItemIndex(),
		}),
		await answerSecrets(context, service),
	);
	const host = hostOf(baseUrl);
	// axios's code for a request that outlived its timeout, and ours for a whole request
	if (codes.includes('ECONNABORTED')) {
		apiError.message = `${service} did not answer in time (${host})`;
		apiError.description = `Not sent again, since ${service} may have received it. Raise Timeout under Request Options, or try again later.`;
		return apiError;
	}
	const unreachable = codes.find((code) => UNREACHABLE_CODES[code]);
	if (unreachable) {
		apiError.message = `Could not reach ${service} at ${host}: ${UNREACHABLE_CODES[unreachable]}`;
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

/**
 * n8n wraps a failed connection in an error that keeps the HTTP client's error, request headers
 * and key included: the error the user gets keeps only its words, without secrets.
 */
function withoutRequest(
	context: IExecuteSingleFunctions,
	error: NodeApiError,
	secrets: readonly string[],
): NodeApiError {
	if (!(error.cause instanceof Error)) return error;
	const clean = new NodeApiError(context.getNode(), {} as JsonObject, {
		itemIndex: context.getItemIndex(),
	});
	clean.httpCode = error.httpCode;
	clean.message = redact(error.message, secrets);
	clean.description = error.description ? redact(error.description, secrets) : error.description;
	return clean;
}
