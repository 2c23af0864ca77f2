import {
	NodeApiError,
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

/**
 * Input that a rule refuses before any request is sent. Pure helpers throw it; hooks turn it into a
 * NodeOperationError bound to the node and the item.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/**
 * Requests refused by a rule under Continue On Fail: they are not sent, and the delivery hook
 * outputs the refusal as the item's error instead (a preSend hook cannot output an item itself).
 */
export const refusedRequests = new WeakMap<object, NodeOperationError | NodeApiError>();

/**
 * Runs a hook's rules on a request. Bad input stops the item with a NodeOperationError that names
 * the field and the value, before anything is sent. A rule may ask the API (Guayaba's statuses):
 * its failure stops the item as the API error it is.
 */
export async function refuseInput(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	check: () => void | Promise<void>,
): Promise<IHttpRequestOptions> {
	try {
		await check();
		return requestOptions;
	} catch (error) {
		const itemIndex = context.getItemIndex();
		const refusal =
			error instanceof InputError
				? new NodeOperationError(context.getNode(), error.message, {
						description: error.description,
						itemIndex,
					})
				: error instanceof NodeApiError
					? error
					: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		if (!context.continueOnFail()) throw asRunError(refusal);
		refusedRequests.set(requestOptions, refusal);
		return requestOptions;
	}
}

/**
 * n8n's declarative engine (RoutingNode) turns any error a hook throws that is not a NodeApiError
 * into one with the code "none", which the editor's error panel shows as "Error code: none". A
 * refusal handed over as a NodeApiError without a code passes through unchanged: the panel shows
 * its message and description only, as for any input error.
 */
function asRunError(refusal: NodeOperationError | NodeApiError): NodeApiError {
	if (refusal instanceof NodeApiError) return refusal;
	const error = new NodeApiError(refusal.node, {} as JsonObject, {
		message: refusal.message,
		description: refusal.description ?? undefined,
		itemIndex: refusal.context.itemIndex as number | undefined,
	});
	error.httpCode = null;
	return error;
}
