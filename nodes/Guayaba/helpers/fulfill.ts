import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { defaultCountry } from '../../shared/input/parameters';
import { toE164 } from '../../shared/input/phone';
import { isObject } from '../../shared/input/values';
import { checkInput } from '../../shared/transport/checkInput';
import { nodeRunOf } from '../../shared/transport/nodeRun';

export async function prepareFulfill(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await checkInput(this, requestOptions, () => {
		const phone = toE164(this.getNodeParameter('phone'), 'Phone', defaultCountry(this));
		requestOptions.body = { ...(requestOptions.body as IDataObject), phone };
	});
}

/**
 * Guayaba answers a fulfilment with a message and no contact: the item names the phone the
 * request fulfilled, so that the next node knows which contact it was.
 */
export async function outputFulfilledPhone(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const sent = nodeRunOf(this).sent[this.getItemIndex()]?.body;
	const answer = isObject(response.body) ? response.body : {};
	return [
		{
			json: {
				phone: isObject(sent) ? sent.phone : undefined,
				status: 'fulfilled',
				...answer,
			},
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
