import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { refuseInput } from '../../shared/input/refusal';
import { assertUuid } from '../../shared/input/rules';

export async function prepareContactGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return refuseInput(this, requestOptions, () => {
		assertUuid(this.getNodeParameter('contactId'), 'Contact ID');
	});
}
