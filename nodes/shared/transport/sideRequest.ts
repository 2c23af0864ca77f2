import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { failedAnswerError, malformedAnswer } from '../answers/apiErrors';
import { vendorSecrets } from '../answers/secrets';
import { keyBudget } from '../limiter/keys';
import { DEFAULT_RETRY_POLICY } from '../limiter/retryPolicy';
import { windowLimiter } from '../limiter/windowLimiter';
import type { Vendor } from '../vendors';
import { withinTimeout } from './timeout';
import { baseUrlOf, joinUrl } from './url';

// a request that waits no longer: a server that never answers must not hold a hook or a poll
const SIDE_REQUEST_TIMEOUT_MS = 30_000;

/** How long a dropdown may take in all, whatever the API's pages say: the editor waits for it. */
export const DROPDOWN_TIME_MS = 8_000;

export type SideRequestContext = ILoadOptionsFunctions | IExecuteSingleFunctions | IPollFunctions;

export interface SideRequest<T> {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** What the answer holds, in a message when it does not: `a list of campaigns`. */
	expected: string;
	isExpected: (body: unknown) => body is T;
	/** When the answer is no longer of use (epoch ms): a dropdown's, so that the editor is not kept waiting. */
	deadline?: number;
}

/**
 * A request outside the declarative routing: a dropdown's list, a rule that reads the account
 * (Guayaba's statuses), a poll. The same key budget, the same rules on redirects and secrets, and
 * the same messages as the nodes' own requests.
 */
export async function sideRequest<T>(
	context: SideRequestContext,
	vendor: Vendor,
	request: SideRequest<T>,
): Promise<T> {
	const credentials = await context.getCredentials(vendor.credentialType);
	const baseUrl = baseUrlOf(credentials);
	const secrets = vendorSecrets(credentials, vendor);
	const { key, budget } = keyBudget(
		vendor,
		credentials,
		request.method,
		DEFAULT_RETRY_POLICY.rateWindowMs,
	);
	const timeoutMs =
		request.deadline === undefined
			? SIDE_REQUEST_TIMEOUT_MS
			: Math.max(1, Math.min(SIDE_REQUEST_TIMEOUT_MS, request.deadline - Date.now()));
	const waited = await windowLimiter.acquire(key, budget, {
		signal: request.deadline === undefined ? undefined : AbortSignal.timeout(timeoutMs),
	});
	if (waited === undefined) throw budgetInUse(context, vendor);
	let response: IN8nHttpFullResponse | undefined;
	try {
		response = (await withinTimeout(
			context.helpers.httpRequestWithAuthentication.call(context, vendor.credentialType, {
				method: request.method,
				url: joinUrl(baseUrl, request.path),
				qs: request.qs,
				body: request.body,
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				disableFollowRedirect: true,
				timeout: timeoutMs,
			}),
			timeoutMs,
		)) as IN8nHttpFullResponse;
	} finally {
		windowLimiter.answered(
			key,
			response && { status: response.statusCode, headers: response.headers ?? {} },
		);
	}
	if (response.statusCode >= 300)
		throw failedAnswerError(context, vendor, response, { baseUrl, secrets });
	if (!request.isExpected(response.body))
		throw malformedAnswer(
			context.getNode(),
			vendor.service,
			request.expected,
			response.body,
			secrets,
		);
	return response.body;
}

function budgetInUse(context: SideRequestContext, vendor: Vendor): NodeApiError {
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `The ${vendor.service} rate limit of this credential is taken by workflows running now`,
		description:
			'The list waits for no slot longer than a few seconds, so as not to keep the editor waiting. Open it again in a minute, or enter the value by ID.',
	});
}
