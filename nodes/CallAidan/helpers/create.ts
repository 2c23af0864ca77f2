import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { isObject } from '../../shared/input/values';
import { checkBody } from '../../shared/transport/checkInput';
import { nodeRunOf } from '../../shared/transport/nodeRun';
import { checkContactFields } from './hooks';

export const prepareContactCreate = checkBody(function contactCreate(context, body) {
	checkContactFields(context, body);
});

/**
 * CallAidan answers a create with no body, not even the contact's ID: the item is the contact as
 * it was sent (the rules applied, every value in its final form), so the next node can use it.
 */
export async function outputContactAsSent(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	const sent = nodeRunOf(this).sent[this.getItemIndex()]?.body;
	return [{ json: isObject(sent) ? { ...sent } : {}, pairedItem: { item: this.getItemIndex() } }];
}
