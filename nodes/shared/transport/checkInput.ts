import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

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
			throw asRunError(refusal);
		}
		noteOnRequest(requestOptions, { refusal });
	}
	return requestOptions;
}
