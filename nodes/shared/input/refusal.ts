import {
	NodeApiError,
	NodeOperationError,
	type IExecuteSingleFunctions,
	type JsonObject,
} from 'n8n-workflow';

/**
 * Input that a rule refuses before any request is sent. Pure helpers throw it; the hooks turn it
 * into a NodeOperationError bound to the node and the item.
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
 * What a rule threw, as the item's error: bad input names the field and the value; a rule that
 * asked the API (Guayaba's statuses) and failed keeps the API error it is.
 */
export function asRefusal(
	context: IExecuteSingleFunctions,
	error: unknown,
): NodeOperationError | NodeApiError {
	const itemIndex = context.getItemIndex();
	if (error instanceof InputError)
		return new NodeOperationError(context.getNode(), error.message, {
			description: error.description,
			itemIndex,
		});
	if (error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * n8n's declarative engine (RoutingNode) turns any error a hook throws that is not a NodeApiError
 * into one with the code "none", which the editor's error panel shows as "Error code: none". A
 * refusal handed over as a NodeApiError without a code passes through unchanged: the panel shows
 * its message and description only, as for any input error.
 */
export function asRunError(refusal: NodeOperationError | NodeApiError): NodeApiError {
	if (refusal instanceof NodeApiError) return refusal;
	const error = new NodeApiError(refusal.node, {} as JsonObject, {
		message: refusal.message,
		description: refusal.description ?? undefined,
		itemIndex: refusal.context.itemIndex as number | undefined,
	});
	error.httpCode = null;
	return error;
}
