import {
	sleep,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
} from 'n8n-workflow';

import { failedAnswerError } from '../answers/apiErrors';
import { describeFinalFailure } from '../answers/finalFailure';
import { nameTheContact } from '../answers/lookup';
import { vendorSecrets } from '../answers/secrets';
import { optionValue } from '../input/parameters';
import { keyBudget } from '../limiter/keys';
import { nextRetryDelay, type RetryPolicy } from '../limiter/retryPolicy';
import { windowLimiter, type Budget } from '../limiter/windowLimiter';
import type { Vendor } from '../vendors';
import { classifyFailure } from './failures';
import type { NodeRun } from './nodeRun';
import { withinTimeout } from './timeout';
import { baseUrlOf } from './url';

/** An item's request as it went: its output, how often it was sent and how long it waited. */
export interface Sent {
	items: INodeExecutionData[];
	tries: number;
	waitedMs: number;
}

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** Where a request waits: its credential's budget, and the run's own pace when the node sets one. */
interface Slots {
	key: string;
	budget: Budget;
	pace?: { key: string; budget: Budget };
	baseUrl: string;
	secrets: string[];
}

/**
 * The budget of the key is the credential's, shared by every run that uses the key; a node's own
 * Requests per Minute only paces its run, never raising what the key keeps to.
 */
async function slotsFor(
	context: IExecuteSingleFunctions,
	run: NodeRun,
	vendor: Vendor,
	policy: RetryPolicy,
	method: string,
): Promise<Slots> {
	const credentials = await run.credentials(context, vendor);
	const { key, budget } = keyBudget(vendor, credentials, method, policy.rateWindowMs);
	const ownPace = await run.once(`pace:${vendor.kindOf(method)}`, async () => {
		const value = optionValue<unknown>(context, 'requestsPerMinute', 0);
		return typeof value === 'number' && value > 0 ? value : 0;
	});
	const slowsTheRun = ownPace > 0 && (budget.requests <= 0 || ownPace < budget.requests);
	return {
		key,
		budget,
		pace: slowsTheRun
			? {
					key: `${key}|run:${run.id}`,
					budget: { requests: ownPace, windowMs: policy.rateWindowMs },
				}
			: undefined,
		baseUrl: baseUrlOf(credentials),
		secrets: vendorSecrets(credentials, vendor),
	};
}

/**
 * Sends one request of an item within its limits, and sends it again alone when the API answers
 * 429 (once the key's hold is over), 502, 503 or 504, or the connection is reset. Any other
 * answer than a 2xx becomes the vendor's error, in the API's own words. Undefined when the node
 * run stopped before the request could go (again).
 */
export async function sendWithinLimits(
	context: IExecutePaginationFunctions,
	run: NodeRun,
	vendor: Vendor,
	policy: RetryPolicy,
	requestData: RequestData,
): Promise<Sent | undefined> {
	const method = String(requestData.options.method ?? 'GET').toUpperCase();
	const slots = await slotsFor(context, run, vendor, policy, method);
	const itemIndex = context.getItemIndex();
	run.sent[itemIndex] = requestData.options;

	// the first postReceive action sees every answer, success or failure, with its headers: the
	// limiter learns from each as soon as it arrives, and a failure becomes the vendor's error
	let answered = false;
	let heldByThisAnswer = 0;
	const checkAnswer: RequestData['postReceive'][number] = {
		data: { parameterValue: undefined },
		actions: [
			async function checkAnswer(
				this: IExecuteSingleFunctions,
				items: INodeExecutionData[],
				response: IN8nHttpFullResponse,
			) {
				answered = true;
				heldByThisAnswer = windowLimiter.answered(slots.key, {
					status: response.statusCode,
					headers: response.headers ?? {},
				});
				if (slots.pace) windowLimiter.answered(slots.pace.key, undefined);
				if (response.statusCode >= 300)
					throw failedAnswerError(this, vendor, response, {
						baseUrl: slots.baseUrl,
						secrets: slots.secrets,
						itemIndex,
					});
				return items;
			},
		],
	};
	// RoutingNode reads the postReceive actions from the request data it handed over, which the
	// pages of a list share: the action is there only while this request is being sent
	requestData.postReceive.unshift(checkAnswer);
	try {
		let waitedMs = 0;
		// 429s in a row while the key took nothing: a run gives up on rate limits only then
		let refusedWhileStuck = 0;
		for (let tries = 1; ; tries++) {
			const waited = await waitForSlots(slots, run.stopped, tries > 1);
			if (waited === undefined) return undefined;
			waitedMs += waited;
			const takenBefore = windowLimiter.takenOn(slots.key);
			answered = false;
			heldByThisAnswer = 0;
			try {
				const items = await withinTimeout(
					context.makeRoutingRequest(requestData),
					requestData.options.timeout,
				);
				return { items, tries, waitedMs };
			} catch (error) {
				if (!answered) {
					windowLimiter.answered(slots.key, undefined);
					if (slots.pace) windowLimiter.answered(slots.pace.key, undefined);
				}
				const failure = classifyFailure(error);
				const keyMoved = windowLimiter.takenOn(slots.key) > takenBefore;
				if (failure?.kind === 'rateLimited')
					refusedWhileStuck = keyMoved ? 1 : refusedWhileStuck + 1;
				const counted = failure?.kind === 'rateLimited' ? refusedWhileStuck : tries;
				let delay = failure && nextRetryDelay(failure, counted, policy);
				if (failure?.kind === 'rateLimited' && delay !== undefined) {
					run.heldOnRateLimits(windowLimiter.takenOn(slots.key), heldByThisAnswer);
					if (run.rateLimitWaitMs > policy.runRateLimitWaitMs) {
						run.stop({ kind: 'rateLimitWait', waitedMs: run.rateLimitWaitMs });
						delay = undefined;
					}
				}
				if (failure === undefined || delay === undefined) {
					const final = describeFinalFailure(context, vendor.service, error, failure, {
						tries,
						waitedMs,
						baseUrl: slots.baseUrl,
						secrets: slots.secrets,
					});
					nameTheContact(context, final, requestData.options);
					throw final;
				}
				// after a 429 the limiter holds the whole key, once, for every item waiting on it
				if (failure.kind === 'unavailable') {
					if (!(await pause(delay, run.stopped))) return undefined;
					waitedMs += delay;
				}
			}
		}
	} finally {
		requestData.postReceive.splice(requestData.postReceive.indexOf(checkAnswer), 1);
	}
}

/** Waits for the run's own pace, then for the key; undefined when the run stopped first. */
async function waitForSlots(
	slots: Slots,
	stopped: AbortSignal,
	retry: boolean,
): Promise<number | undefined> {
	let waited = 0;
	if (slots.pace) {
		const paced = await windowLimiter.acquire(slots.pace.key, slots.pace.budget, {
			signal: stopped,
			first: retry,
			listens: false,
		});
		if (paced === undefined) return undefined;
		waited += paced;
	}
	const keyed = await windowLimiter.acquire(slots.key, slots.budget, {
		signal: stopped,
		first: retry,
	});
	if (keyed === undefined) {
		if (slots.pace) windowLimiter.answered(slots.pace.key, undefined);
		return undefined;
	}
	return waited + keyed;
}

/** Sleeps `ms`, or less when the run stops; whether it slept the whole time. */
async function pause(ms: number, stopped: AbortSignal): Promise<boolean> {
	if (stopped.aborted) return false;
	const stop = new Promise<false>((resolve) =>
		stopped.addEventListener('abort', () => resolve(false), { once: true }),
	);
	return await Promise.race([sleep(ms).then(() => true), stop]);
}
