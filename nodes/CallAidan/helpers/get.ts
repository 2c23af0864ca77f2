import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { checkInput } from '../../shared/transport/checkInput';
import { assertUuid } from '../../shared/input/rules';

export async function prepareContactGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return checkInput(this, requestOptions, () => {
		assertUuid(this.getNodeParameter('contactId'), 'Contact ID');
	});
}
