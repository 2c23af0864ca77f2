import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { replacingPairsToObject } from '../../shared/input/collections';
import { checkInput } from '../../shared/transport/checkInput';
import { toE164 } from '../../shared/input/phone';
import { defaultCountry } from '../../shared/input/parameters';
import { resolveStatus } from './statuses';
import {
	assertAnyField,
	assertMaxLength,
	assertNotEmpty,
	assertText,
	assertTimeZone,
	assertUuid,
} from '../../shared/input/rules';

export async function prepareUpdateByPhone(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await checkInput(this, requestOptions, async () => {
		const phone = toE164(this.getNodeParameter('phone'), 'Phone', defaultCountry(this));
		const body: IDataObject = { phone, ...(requestOptions.body as IDataObject) };
		requestOptions.body = body;
		assertAnyField(body, { status: 'Status', campaignId: 'Campaign' }, 'Update by Phone');
		await checkStatusAndCampaign(this, body);
	});
}

export async function prepareUpdateById(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const clearCustomVariables =
		this.getNodeParameter('updateFields.clearCustomVariables', false) === true;
	return await checkInput(this, requestOptions, async () => {
		// a picker's value, or a plain ID saved before Contact ID was a picker
		assertUuid(this.getNodeParameter('contactId', '', { extractValue: true }), 'Contact ID');
		if (clearCustomVariables || 'customVariables' in body) {
			// the API replaces the whole object, so every pair is sent, and an empty one only on purpose
			body.customVariables = replacingPairsToObject(
				body.customVariables,
				'Custom Variables',
				clearCustomVariables,
				'Clear All Custom Variables',
			);
		}
		assertAnyField(
			body,
			{
				name: 'Name',
				phoneNumber: 'Phone Number',
				timezone: 'Timezone',
				status: 'Status',
				campaignId: 'Campaign',
				customVariables: 'Custom Variables',
			},
			'Update by ID',
		);
		if ('name' in body) {
			body.name = assertText(body.name, 'Name');
			assertNotEmpty(body.name, 'Name');
			body.name = assertMaxLength(body.name, 'Name', 255);
		}
		if ('phoneNumber' in body) {
			body.phoneNumber = toE164(body.phoneNumber, 'Phone Number', defaultCountry(this));
		}
		if ('timezone' in body) body.timezone = assertTimeZone(body.timezone, 'Timezone');
		await checkStatusAndCampaign(this, body);
	});
}

// the status last: reading it may ask the API, which refused input elsewhere should not cost
async function checkStatusAndCampaign(
	context: IExecuteSingleFunctions,
	body: IDataObject,
): Promise<void> {
	if ('campaignId' in body) body.campaignId = assertUuid(body.campaignId, 'Campaign');
	if ('status' in body) body.status = await resolveStatus(context, body.status);
}
