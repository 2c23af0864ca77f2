import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { refuseInput } from '../../shared/input/refusal';
import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';

// the phone each item's request sent, for its output: read and evaluated once per item
const sentPhones = new WeakMap<IExecuteSingleFunctions, string>();

function fulfilledPhone(context: IExecuteSingleFunctions): string {
	return toE164(context.getNodeParameter('phone'), 'Phone', defaultCountry(context));
}

export async function prepareFulfill(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return refuseInput(this, requestOptions, () => {
		const phone = fulfilledPhone(this);
		sentPhones.set(this, phone);
		requestOptions.body = { ...(requestOptions.body as IDataObject), phone };
	});
}

/**
 * Guayaba answers a fulfilment with a message and no contact: the item names the phone fulfilled,
 * read from the parameter as the request did, so that the next node knows which contact it was.
 */
export async function outputFulfilledPhone(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const answer =
		typeof response.body === 'object' && response.body !== null && !Array.isArray(response.body)
			? (response.body as IDataObject)
			: {};
	return [
		{
			json: {
				phone: sentPhones.get(this) ?? fulfilledPhone(this),
				status: 'fulfilled',
				...answer,
			},
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
