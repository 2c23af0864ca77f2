import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { nameValuePairsToObject, parseTags, tagsToCsv } from '../../shared/collections';
import { refuseInput } from '../../shared/errors';
import { defaultCountry } from '../../shared/parameters';
import { toE164 } from '../../shared/phone';
import {
	assertAnyField,
	assertEmailOrEmpty,
	assertText,
	assertUuidOrUlid,
} from '../../shared/validation';

export async function prepareContactUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	return refuseInput(this, requestOptions, () => {
		// only the field of the chosen lookup is shown, so only it reaches the body
		if ('contact_id' in body) body.contact_id = assertUuidOrUlid(body.contact_id, 'Contact ID');
		if ('phone' in body) body.phone = toE164(body.phone, 'Phone', defaultCountry(this));
		assertAnyField(
			body,
			{ name: 'Name', email: 'Email', tags: 'Tags', metadata: 'Metadata' },
			'Update',
		);
		if ('name' in body) body.name = assertText(body.name, 'Name');
		if ('email' in body) body.email = assertEmailOrEmpty(body.email, 'Email');
		if ('tags' in body) body.tags = tagsToCsv(parseTags(body.tags, 'Tags'), 'Tags');
		if ('metadata' in body) body.metadata = nameValuePairsToObject(body.metadata, 'Metadata');
	});
}
