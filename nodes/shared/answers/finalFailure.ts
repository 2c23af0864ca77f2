import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { Failure } from '../limiter/retryPolicy';
import { errorCodes, isHttpStatus } from './errorCodes';
import { hostOf } from './host';
import type { Service } from '../vendors';
import { redact } from './secrets';

/** Why a node run sends nothing more. */
export type StopReason =
	| { kind: 'refused'; itemIndex: number; error: NodeOperationError | NodeApiError }
	| { kind: 'failed'; itemIndex: number; message: string }
	| { kind: 'rateLimitWait'; waitedMs: number }
	| { kind: 'cancelled' };

const UNREACHABLE_CODES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'the connection timed out',
	EHOSTUNREACH: 'the host is unreachable',
};

export function seconds(ms: number): string {
	return ms < 60_000
		? `${Math.round(ms / 1000)} s`
		: `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * An item's failure as its output under Continue On Fail, paired to its input item, in the shape
 * n8n's own nodes use (`{ error }`), so that "Continue (using error output)" routes it there.
 */
export function failedItem(
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

/** The error of an item that was not sent because its node run stopped. */
export function notSentError(
	context: IExecuteSingleFunctions,
	service: Service,
	reason: StopReason | undefined,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	if (reason?.kind === 'rateLimitWait') {
		return new NodeOperationError(
			context.getNode(),
			`Not sent: ${service} kept the API key rate limited for ${seconds(reason.waitedMs)} without taking a request`,
			{
				itemIndex,
				description:
					'The run stopped waiting, so as not to hold the workflow for hours. Items that succeeded were not sent again; run the rest later, or with fewer items at once.',
			},
		);
	}
	if (reason?.kind === 'failed' || reason?.kind === 'refused') {
		const why = reason.kind === 'failed' ? reason.message : reason.error.message;
		return new NodeOperationError(
			context.getNode(),
			`Not sent: item ${reason.itemIndex} failed first (${why})`,
			{
				itemIndex,
				description:
					'Without On Error: Continue, the node stops at the first failure and sends no item still waiting. Items sent before it were sent once.',
			},
		);
	}
	return new NodeOperationError(
		context.getNode(),
		'The execution was cancelled before this item was sent',
		{ itemIndex },
	);
}

/** What the user gets for a request that will not be tried again. */
export function describeFinalFailure(
	context: IExecuteSingleFunctions,
	service: Service,
	error: unknown,
	failure: Failure | undefined,
	{
		tries,
		waitedMs,
		baseUrl,
		secrets,
	}: { tries: number; waitedMs: number; baseUrl: string; secrets: readonly string[] },
): NodeApiError {
	const codes = errorCodes(error);
	const apiError =
		error instanceof NodeApiError && !(error.cause instanceof Error)
			? error
			: withoutRequest(
					context,
					error instanceof NodeApiError
						? error
						: new NodeApiError(context.getNode(), error as JsonObject, {
								itemIndex: context.getItemIndex(),
							}),
					secrets,
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
			'The API key has used up its rate limit. Lower Requests per Minute in the credential, send fewer items at once, or run the workflow later.';
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
	if (error.failure) clean.failure = error.failure;
	return clean;
}
