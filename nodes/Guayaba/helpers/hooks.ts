import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { replacingPairsToObject } from '../../shared/collections';
import { refuseInput } from '../../shared/errors';
import { toE164 } from '../../shared/phone';
import { defaultCountry } from '../../shared/parameters';
import {
	assertAnyField,
	assertMaxLength,
	assertNotEmpty,
	assertText,
	assertTimeZone,
	assertUuid,
} from '../../shared/validation';

export async function prepareUpdateByPhone(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	return refuseInput(this, requestOptions, () => {
		body.phone = toE164(body.phone, 'Phone', defaultCountry(this));
		assertAnyField(body, { status: 'Status', campaignId: 'Campaign' }, 'Update by Phone');
		checkStatusAndCampaign(body);
	});
}

export async function prepareUpdateById(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const clearCustomVariables =
		this.getNodeParameter('updateFields.clearCustomVariables', false) === true;
	return refuseInput(this, requestOptions, () => {
		assertUuid(this.getNodeParameter('contactId'), 'Contact ID');
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
		checkStatusAndCampaign(body);
	});
}

function checkStatusAndCampaign(body: IDataObject): void {
	if ('status' in body) assertNotEmpty(assertText(body.status, 'Status'), 'Status');
	if ('campaignId' in body) body.campaignId = assertUuid(body.campaignId, 'Campaign');
}
