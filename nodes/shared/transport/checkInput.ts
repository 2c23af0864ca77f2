import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { asThrown } from '../answers/thrown';
import { asRefusal, asRunError } from '../input/refusal';
import { nodeRunOf } from './nodeRun';
import { noteOnRequest } from './requestFacts';

/**
 * Runs an operation's input rules on an item's request, in its preSend hook. Without Continue On
 * Fail, a refused item stops the whole run: its error names the item and the field, and no item of
 * the run is sent (the delivery hook holds them all until every item passed). With it, the item's
 * request carries the refusal, and the delivery hook outputs it instead of sending.
 */
export async function checkInput(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	rules: () => void | Promise<void>,
): Promise<IHttpRequestOptions> {
	const run = nodeRunOf(context);
	try {
		await rules();
	} catch (error) {
		const refusal = asRefusal(context, error);
		if (!run.continueOnFail) {
			run.stop({ kind: 'refused', itemIndex: context.getItemIndex(), error: refusal });
			throw asThrown(asRunError(refusal));
		}
		noteOnRequest(requestOptions, { refusal });
	}
	return requestOptions;
}

/**
 * An operation's preSend hook: its input rules on the request's body, which they may rewrite into
 * what the API takes (a phone in E.164, tags as a list, ...), and on the node's parameters.
 */
export function checkBody(
	rules: (context: IExecuteSingleFunctions, body: IDataObject) => void | Promise<void>,
) {
	return async function checkRequestBody(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.body ??= {};
		const body = requestOptions.body as IDataObject;
		return await checkInput(this, requestOptions, async () => await rules(this, body));
	};
}
