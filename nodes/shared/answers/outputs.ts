import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	NodeApiError,
	PostReceiveAction,
} from 'n8n-workflow';

import { isObject } from '../input/values';
import type { Vendor } from '../vendors';
import { failureAnswer, malformedAnswer, saysItFailed } from './apiErrors';
import { vendorSecrets } from './secrets';

/** The secrets of the credential the request went with, read only on the way to an error. */
export async function answerSecrets(
	context: Pick<IExecuteSingleFunctions, 'getCredentials'>,
	vendor: Vendor,
): Promise<string[]> {
	try {
		return vendorSecrets(await context.getCredentials(vendor.credentialType), vendor);
	} catch {
		return [];
	}
}

/** The error for an answer without what the operation returns, the credential's secrets kept out. */
async function answeredWithout(
	context: IExecuteSingleFunctions,
	vendor: Vendor,
	expected: string,
	body: unknown,
): Promise<NodeApiError> {
	const secrets = await answerSecrets(context, vendor);
	return malformedAnswer(
		context.getNode(),
		vendor.service,
		expected,
		body,
		secrets,
		context.getItemIndex(),
	);
}

function pairedToItem(context: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData {
	return { json, pairedItem: { item: context.getItemIndex() } };
}

/** One output item: the object the API returned under `property`, or the whole body. */
export function outputObject(vendor: Vendor, property?: string): PostReceiveAction {
	return outputReturned(vendor, property, false);
}

/** One output item: the contact the API returned under `property`, or the whole body; it has an `id`. */
export function outputContact(vendor: Vendor, property?: string): PostReceiveAction {
	return outputReturned(vendor, property, true);
}

function hasId(value: IDataObject): boolean {
	return (typeof value.id === 'string' && value.id !== '') || typeof value.id === 'number';
}

function outputReturned(
	vendor: Vendor,
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
		if (saysItFailed(body)) {
			const secrets = await answerSecrets(this, vendor);
			throw failureAnswer(this.getNode(), vendor.service, body, secrets, this.getItemIndex());
		}
		const expected = property ? `the ${property}` : isContact ? 'a contact' : 'an object';
		throw await answeredWithout(this, vendor, expected, body);
	};
}

/** One output item per element of the array the API returned. */
export function outputEachElement(vendor: Vendor, what: string): PostReceiveAction {
	return async function outputReturnedElements(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const body = response.body;
		if (!Array.isArray(body) || !body.every(isObject)) {
			throw await answeredWithout(this, vendor, `a list of ${what}`, body);
		}
		return body.map((element) => pairedToItem(this, element));
	};
}
