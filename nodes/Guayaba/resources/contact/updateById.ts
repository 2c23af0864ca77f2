import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { phoneField } from '../../../shared/descriptions/fields';
import { updateFieldsCollection } from '../../../shared/descriptions/groups';
import { contactOptions } from '../../../shared/descriptions/options';
import {
	campaignField,
	contactPicker,
	customVariablesField,
	nameField,
	statusField,
	timezoneField,
} from './fields';
import { GUAYABA, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [
	contactPicker,
	updateFieldsCollection([
		campaignField,
		{
			displayName: 'Clear All Custom Variables',
			name: 'clearCustomVariables',
			type: 'boolean',
			default: false,
			description:
				'Whether to remove every custom variable of the contact. Leave Custom Variables out when this is on.',
		},
		customVariablesField(
			'Custom data of the contact. The API replaces the whole object: pairs not listed here are removed. To remove them all, use Clear All Custom Variables instead.',
		),
		nameField,
		phoneField({
			name: 'phoneNumber',
			what: 'New phone number of the contact',
			note: 'Guayaba checks it and refuses a number another contact of the team has.',
			sendAs: 'phoneNumber',
		}),
		statusField,
		timezoneField,
	]),
	contactOptions(limitFor(GUAYABA, 'PUT')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateById'] } },
	properties,
);
