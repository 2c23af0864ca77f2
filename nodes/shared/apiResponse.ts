import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type JsonObject,
	type PostReceiveAction,
} from 'n8n-workflow';

import { retryAfterByError, retryAfterMs } from './rateLimit';

export type Service = 'Guayaba' | 'CallAidan' | 'Qyvo';

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

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's own words for a failure, from any of the three vendors' error shapes. */
export function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		return text === '' || text.startsWith('<') ? undefined : text.slice(0, 300);
	}
	if (!isObject(body)) return undefined;

	const main = [body.message, body.error, body.detail].find(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	// Qyvo nests field errors under `errors`; CallAidan's undocumented errors may be a bare
	// `{ field: [messages] }` map, as the framework its trailing slashes suggest answers
	const fieldMap = isObject(body.errors) ? body.errors : isFieldErrorMap(body) ? body : undefined;
	const fieldErrors = fieldMap
		? Object.entries(fieldMap)
				.map(([field, errors]) => {
					const text = ([] as unknown[]).concat(errors).join(' ');
					return field === 'non_field_errors' ? text : `${field}: ${text}`;
				})
				.join('; ')
		: '';
	if (main && fieldErrors) return `${main} (${fieldErrors})`;
	return main ?? (fieldErrors || undefined);
}

function isFieldErrorMap(body: IDataObject): boolean {
	const values = Object.values(body);
	return (
		values.length > 0 &&
		values.every(
			(value) =>
				Array.isArray(value) &&
				value.length > 0 &&
				value.every((message) => typeof message === 'string'),
		)
	);
}

/** A failed answer as the error the user sees: the API's own words, the status code, no request. */
export function apiError(
	node: INode,
	service: Service,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const hint = statusHint(service, statusCode);
	const ownWords = apiMessage(body);
	const useHintAsMessage = statusCode === 401 || ownWords === undefined;
	return new NodeApiError(node, (isObject(body) ? body : {}) as JsonObject, {
		message: useHintAsMessage ? hint : ownWords,
		description: useHintAsMessage ? ownWords : hint,
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** A node's own words for failures its API details further, like Qyvo's missing template variables. */
export type ExplainFailure = (
	statusCode: number,
	body: unknown,
) => { message: string; description: string } | undefined;

/**
 * Requests are sent with `ignoreHttpStatusErrors`, so that a failure reaches the user in the API's
 * own words and with its status code, instead of n8n's generic text and the request options.
 */
export function throwOnApiError(service: Service, explain?: ExplainFailure): PostReceiveAction {
	return async function throwApiError(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode < 400) return items;
		const error = apiError(
			this.getNode(),
			service,
			response.statusCode,
			response.body,
			this.getItemIndex(),
		);
		const explained = explain?.(response.statusCode, response.body);
		if (explained) Object.assign(error, explained);
		if (response.statusCode === 429) retryAfterByError.set(error, retryAfterMs(response.headers));
		throw error;
	};
}

function pairedToItem(context: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData {
	return { json, pairedItem: { item: context.getItemIndex() } };
}

function malformedAnswer(
	context: IExecuteSingleFunctions,
	service: Service,
	expected: string,
	body: unknown,
): NodeApiError {
	const shown = typeof body === 'string' ? body.slice(0, 120) : JSON.stringify(body)?.slice(0, 120);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `${service} answered without ${expected}`,
		description: `The answer was: ${shown ?? 'empty'}. If this repeats, the base URL in the credential may point at the wrong server.`,
		httpCode: '200',
		itemIndex: context.getItemIndex(),
	});
}

/** One output item: the object the API returned under `property`, or the whole body. */
export function outputObject(service: Service, property?: string): PostReceiveAction {
	return async function outputReturnedObject(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = response.body;
		const returned = property === undefined ? body : isObject(body) ? body[property] : undefined;
		if (!isObject(returned)) {
			throw malformedAnswer(this, service, property ? `the ${property}` : 'a contact', body);
		}
		return [pairedToItem(this, returned)];
	};
}

/** One output item per element of the array the API returned. */
export function outputEachElement(service: Service, what: string): PostReceiveAction {
	return async function outputReturnedElements(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = response.body;
		if (!Array.isArray(body) || !body.every(isObject)) {
			throw malformedAnswer(this, service, `a list of ${what}`, body);
		}
		return body.map((element) => pairedToItem(this, element));
	};
}
