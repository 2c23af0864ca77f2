import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/descriptions/groups';
import { phoneField } from '../../../shared/descriptions/fields';
import { contactOptions } from '../../../shared/descriptions/options';
import { campaignPicker, customVariablesField, nameField, timezoneField } from './fields';
import { GUAYABA, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [
	phoneField({
		name: 'phoneNumber',
		what: 'Phone number of the contact',
		note: 'Guayaba matches contacts by phone: an existing contact with this number is updated (or re-added if it was removed) instead of created twice.',
		required: true,
		sendAs: 'phoneNumber',
	}),
	{
		displayName: 'Enroll In',
		name: 'enrollIn',
		type: 'options',
		options: [
			{
				name: 'Campaign',
				value: 'campaign',
				description: 'Put the contact in a campaign you pick',
			},
			{
				name: 'Splitter',
				value: 'splitter',
				description: 'Let a splitter pick the campaign by its distribution strategy',
			},
		],
		default: 'campaign',
		description: 'Whether the contact goes to a campaign or to a splitter that picks one',
	},
	{
		...campaignPicker(
			'Campaign to enrol the contact in; its calls, SMS and WhatsApp messages start on its schedule. Pick it from the list (search by name), or give its ID.',
		),
		required: true,
		displayOptions: { show: { enrollIn: ['campaign'] } },
	},
	{
		displayName: 'Splitter ID',
		name: 'splitterId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7f3c9a2e-5b1d-4e8f-9a6c-2d4b8e1f0a35',
		description:
			'ID (a UUID) of the splitter, from the Guayaba dashboard, where splitters are managed. It picks the campaign by percentage, time or results.',
		displayOptions: { show: { enrollIn: ['splitter'] } },
		routing: { send: { type: 'body', property: 'splitterId' } },
	},
	additionalFieldsCollection([
		customVariablesField(
			"Data for the campaign's messages and voice agent, used there as {{name}}. Every value is sent as text. A campaign with appointment scheduling needs an <code>email</code> pair.",
		),
		nameField,
		{
			...timezoneField,
			description:
				"IANA time zone the contact is called in. Left out, Guayaba guesses it from the phone number's area code.",
		},
	]),
	contactOptions(limitFor(GUAYABA, 'POST')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);
