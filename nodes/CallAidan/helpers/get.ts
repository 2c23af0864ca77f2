import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { refuseInput } from '../../shared/errors';
import { assertUuid } from '../../shared/validation';

export async function prepareContactGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return refuseInput(this, requestOptions, () => {
		assertUuid(this.getNodeParameter('contactId'), 'Contact ID');
	});
}
