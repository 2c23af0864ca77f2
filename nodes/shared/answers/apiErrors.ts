import {
	NodeApiError,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { retryAfterMs } from '../limiter/serverHeaders';
import { hostOf } from './host';
import type { Service, Vendor } from '../vendors';
import { isObject } from '../input/values';
import { apiMessage } from './apiMessage';
import { answerExcerpt, answerPreview } from './excerpt';
import { redact } from './secrets';

const STATUS_HINTS: Record<number, (service: Service) => string> = {
	400: (service) => `${service} refused the request as invalid: check the fields sent`,
	401: (service) => `The API key was refused: check the ${service} credential`,
	403: (service) => `The ${service} API key is not allowed to do this: check its permissions`,
	404: (service) => `${service} found no such contact or campaign: check the ID or phone number`,
	409: (service) => `${service} reported a conflict, such as a phone number another contact has`,
	422: (service) => `${service} could not process the fields sent: check their values`,
	429: (service) =>
		`${service} rate limited the request: too many requests on this API key, try again later`,
};

function statusHint(service: Service, statusCode: number): string {
	const hint = STATUS_HINTS[statusCode];
	if (hint) return hint(service);
	if (statusCode >= 500)
		return `${service} is unavailable or failed (HTTP ${statusCode}): try again later`;
	return `${service} answered with HTTP ${statusCode}`;
}

/**
 * Why the request failed, as plain data n8n 2.40.1 and later read on the error (`failure`): its
 * poll back-off waits out a rate limit and stops polling on a dead credential. Older n8n keeps the
 * field and ignores it.
 */
function failureOf(
	statusCode: number,
	headers: Record<string, unknown>,
): NodeApiError['failure'] | undefined {
	if (statusCode === 429) {
		const wait = retryAfterMs(headers);
		return wait === undefined
			? { cause: 'rate-limited' }
			: { cause: 'rate-limited', retryAfterMs: wait };
	}
	if (statusCode === 401) return { cause: 'credential-invalid' };
	if (statusCode >= 500) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/** What n8n 2.40.1+ reads as the reason of a failure; a plain field, so 1.x keeps working. */
export function failureOfError(error: unknown): NodeApiError['failure'] | undefined {
	const failure = (error as { failure?: unknown }).failure;
	return isObject(failure) ? (failure as NodeApiError['failure']) : undefined;
}

/** A failed answer as the error the user sees: the API's own words, the status code, no request. */
export function apiError(
	node: INode,
	vendor: Pick<Vendor, 'service' | 'explainFailure'>,
	response: Pick<IN8nHttpFullResponse, 'statusCode' | 'body'> & { headers?: object },
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const { statusCode, body } = response;
	const hint = statusHint(vendor.service, statusCode);
	const found = apiMessage(body);
	const ownWords = found === undefined ? undefined : redact(found, secrets);
	const useHintAsMessage = statusCode === 401 || ownWords === undefined;
	// n8n keeps what it is given and searches it for a message: never the answer itself
	const error = new NodeApiError(node, { body: answerExcerpt(body, secrets) } as JsonObject, {
		message: useHintAsMessage ? hint : ownWords,
		description: useHintAsMessage ? ownWords : hint,
		httpCode: String(statusCode),
		itemIndex,
	});
	const explained = vendor.explainFailure?.(statusCode, body, found);
	if (explained) {
		error.message = redact(explained.message, secrets);
		error.description = redact(explained.description, secrets);
	}
	const failure = failureOf(statusCode, (response.headers ?? {}) as Record<string, unknown>);
	if (failure) error.failure = failure;
	return error;
}

/**
 * Requests are sent without following redirects, so that the key never reaches another host: a
 * redirect is a failure that says where it pointed.
 */
export function redirectError(
	node: INode,
	service: Service,
	response: IN8nHttpFullResponse,
	baseUrl: string,
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const header = Object.keys(response.headers ?? {}).find(
		(name) => name.toLowerCase() === 'location',
	);
	const location = header === undefined ? undefined : String(response.headers[header]);
	const target = location === undefined ? 'no address' : redact(hostOf(location, baseUrl), secrets);
	return new NodeApiError(node, {} as JsonObject, {
		message: `${service} answered with a redirect (HTTP ${response.statusCode}) to ${target}, which was not followed`,
		description: `The key is sent only to the host of the Base URL in the ${service} credential. If the API has moved, set the Base URL to its new address.`,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** Any answer other than a 2xx, as the error it is: a redirect not followed, or the API's words. */
export function failedAnswerError(
	context: Pick<IExecuteSingleFunctions, 'getNode'>,
	vendor: Vendor,
	response: IN8nHttpFullResponse,
	{
		baseUrl,
		secrets,
		itemIndex,
	}: { baseUrl: string; secrets: readonly string[]; itemIndex?: number },
): NodeApiError {
	if (response.statusCode < 400)
		return redirectError(context.getNode(), vendor.service, response, baseUrl, itemIndex, secrets);
	return apiError(context.getNode(), vendor, response, itemIndex, secrets);
}

/** A 2xx answer that is not what the operation returns: the API may have failed anyway. */
export function malformedAnswer(
	node: INode,
	service: Service,
	expected: string,
	body: unknown,
	secrets: readonly string[],
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, {} as JsonObject, {
		message: `${service} answered without ${expected}`,
		description: `The answer was: ${answerPreview(body, secrets)}. If this repeats, the base URL in the credential may point at the wrong server.`,
		httpCode: '200',
		itemIndex,
	});
}

/** `{ "success": false, ... }` or `{ "error": ... }`: an answer that says the request failed. */
export function saysItFailed(body: unknown): boolean {
	if (!isObject(body)) return false;
	const error = body.error;
	return body.success === false || (error !== undefined && error !== null && error !== false);
}

/** A 2xx answer whose body says the change was not made. */
export function failureAnswer(
	node: INode,
	service: Service,
	body: unknown,
	secrets: readonly string[],
	itemIndex?: number,
): NodeApiError {
	const words = apiMessage(body);
	return new NodeApiError(node, { body: answerExcerpt(body, secrets) } as JsonObject, {
		message: `${service} answered that the request failed: ${words === undefined ? 'it gave no reason' : redact(words, secrets)}`,
		description: `${service} answered with HTTP 200 but said it did not do the change. Check the fields sent, then try again.`,
		httpCode: '200',
		itemIndex,
	});
}
