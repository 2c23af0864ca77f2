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

import { retryAfterByError, retryAfterMs } from '../limiter/windowLimiter';
import { hostOf } from '../transport/url';
import { credentialSecrets, redact } from './secrets';

export type Service = 'Guayaba' | 'CallAidan' | 'Qyvo';

/** The credential each vendor's requests are sent with, and the field that holds its key. */
export const SERVICE_CREDENTIALS: Record<Service, { type: string; secretField: string }> = {
	Guayaba: { type: 'guayabaApi', secretField: 'apiKey' },
	CallAidan: { type: 'callAidanApi', secretField: 'apiKey' },
	Qyvo: { type: 'qyvoApi', secretField: 'apiToken' },
};

/** The secrets of the credential a request of `service` was sent with, to keep out of messages. */
export async function answerSecrets(
	context: Pick<IExecuteSingleFunctions, 'getCredentials'>,
	service: Service,
): Promise<string[]> {
	const { type, secretField } = SERVICE_CREDENTIALS[service];
	try {
		return credentialSecrets(await context.getCredentials(type), secretField);
	} catch {
		return [];
	}
}

// the most of an answer's own words that a message or description shows
const MAX_TEXT = 300;
const MAX_FIELDS = 10;
const MAX_MESSAGES_PER_FIELD = 5;

function bounded(text: string, max = MAX_TEXT): string {
	return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

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

/**
 * The API's own words for a failure, from any of the three vendors' error shapes. Only the top
 * level of the body is read and every text is cut short, whatever the size or depth of the answer.
 */
export function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.slice(0, MAX_TEXT * 2).trim();
		return text === '' || text.startsWith('<') ? undefined : bounded(text);
	}
	if (!isObject(body)) return undefined;

	const main = [body.message, body.error, body.detail].find(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	// Qyvo nests field errors under `errors`; CallAidan's undocumented errors may be a bare
	// `{ field: [messages] }` map, as the framework its trailing slashes suggest answers
	const fieldMap = isObject(body.errors) ? body.errors : isFieldErrorMap(body) ? body : undefined;
	const fieldErrors = fieldMap
		? Object.keys(fieldMap)
				.slice(0, MAX_FIELDS)
				.map((field) => {
					const text = ([] as unknown[])
						.concat(fieldMap[field])
						.slice(0, MAX_MESSAGES_PER_FIELD)
						.map((message) => (typeof message === 'string' ? bounded(message, 100) : ''))
						.join(' ');
					return field === 'non_field_errors' ? text : `${bounded(field, 60)}: ${text}`;
				})
				.join('; ')
		: '';
	const mainText = main === undefined ? undefined : bounded(main.slice(0, MAX_TEXT * 2).trim());
	if (mainText && fieldErrors) return bounded(`${mainText} (${fieldErrors})`, MAX_TEXT * 2);
	return mainText ?? (fieldErrors ? bounded(fieldErrors, MAX_TEXT * 2) : undefined);
}

function isFieldErrorMap(body: IDataObject): boolean {
	const values = Object.values(body);
	return (
		values.length > 0 &&
		values.length <= 1000 &&
		values.every(
			(value) =>
				Array.isArray(value) &&
				value.length > 0 &&
				value.length <= 1000 &&
				value.every((message) => typeof message === 'string'),
		)
	);
}

const COPY_DEPTH = 3;
const COPY_ENTRIES = 20;

/**
 * A small copy of an answer body for what n8n keeps with an error (`errorResponse`), which n8n
 * also searches for a message: a few levels and entries, each text cut short and without secrets.
 * The answer itself may be megabytes large or thousands of levels deep.
 */
export function answerExcerpt(body: unknown, secrets: readonly string[], depth = 0): unknown {
	if (typeof body === 'string') return redact(bounded(body), secrets);
	if (typeof body !== 'object' || body === null) return body;
	if (depth >= COPY_DEPTH) return Array.isArray(body) ? '[...]' : '{...}';
	if (Array.isArray(body)) {
		return body.slice(0, COPY_ENTRIES).map((value) => answerExcerpt(value, secrets, depth + 1));
	}
	const copy: IDataObject = {};
	let entries = 0;
	for (const key in body) {
		if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
		if (++entries > COPY_ENTRIES) break;
		copy[redact(bounded(key, 60), secrets)] = answerExcerpt(
			(body as IDataObject)[key],
			secrets,
			depth + 1,
		) as IDataObject[string];
	}
	return copy;
}

/** An answer as a short line of text, for a message that shows what came back. */
function answerPreview(body: unknown, secrets: readonly string[]): string {
	if (body === undefined || body === '') return 'empty';
	const text = typeof body === 'string' ? body : JSON.stringify(answerExcerpt(body, secrets));
	return redact(bounded(text, 120), secrets);
}

/** A failed answer as the error the user sees: the API's own words, the status code, no request. */
export function apiError(
	node: INode,
	service: Service,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const hint = statusHint(service, statusCode);
	const found = apiMessage(body);
	const ownWords = found === undefined ? undefined : redact(found, secrets);
	const useHintAsMessage = statusCode === 401 || ownWords === undefined;
	// n8n keeps what it is given and searches it for a message: never the answer itself
	return new NodeApiError(node, { body: answerExcerpt(body, secrets) } as JsonObject, {
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
		if (response.statusCode < 300) return items;
		const secrets = await answerSecrets(this, service);
		if (response.statusCode < 400) {
			const { baseUrl } = await this.getCredentials<{ baseUrl?: string }>(
				SERVICE_CREDENTIALS[service].type,
			);
			throw redirectError(
				this.getNode(),
				service,
				response,
				String(baseUrl ?? ''),
				this.getItemIndex(),
				secrets,
			);
		}
		const error = apiError(
			this.getNode(),
			service,
			response.statusCode,
			response.body,
			this.getItemIndex(),
			secrets,
		);
		const explained = explain?.(response.statusCode, response.body);
		if (explained) {
			error.message = redact(explained.message, secrets);
			error.description = redact(explained.description, secrets);
		}
		if (response.statusCode === 429) retryAfterByError.set(error, retryAfterMs(response.headers));
		throw error;
	};
}

function pairedToItem(context: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData {
	return { json, pairedItem: { item: context.getItemIndex() } };
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

function failureAnswer(
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

/** One output item: the object the API returned under `property`, or the whole body. */
export function outputObject(service: Service, property?: string): PostReceiveAction {
	return outputReturned(service, property, false);
}

/** One output item: the contact the API returned under `property`, or the whole body; it has an `id`. */
export function outputContact(service: Service, property?: string): PostReceiveAction {
	return outputReturned(service, property, true);
}

function hasId(value: IDataObject): boolean {
	return (typeof value.id === 'string' && value.id !== '') || typeof value.id === 'number';
}

function outputReturned(
	service: Service,
	property: string | undefined,
	isContact: boolean,
): PostReceiveAction {
	return async function outputReturnedObject(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = response.body;
		const returned = property === undefined ? body : isObject(body) ? body[property] : undefined;
		if (isObject(returned) && !saysItFailed(body) && (!isContact || hasId(returned))) {
			return [pairedToItem(this, returned)];
		}
		const secrets = await answerSecrets(this, service);
		if (saysItFailed(body)) {
			throw failureAnswer(this.getNode(), service, body, secrets, this.getItemIndex());
		}
		const expected = property ? `the ${property}` : isContact ? 'a contact' : 'an object';
		throw malformedAnswer(this.getNode(), service, expected, body, secrets, this.getItemIndex());
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
			const secrets = await answerSecrets(this, service);
			throw malformedAnswer(
				this.getNode(),
				service,
				`a list of ${what}`,
				body,
				secrets,
				this.getItemIndex(),
			);
		}
		return body.map((element) => pairedToItem(this, element));
	};
}
