import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	contactIdField,
	nameValueCollection,
	phoneField,
} from '../../../shared/descriptions/fields';
import { updateFieldsCollection } from '../../../shared/descriptions/groups';
import { contactOptions } from '../../../shared/descriptions/options';
import { campaignField, statusField, timezoneField } from './fields';
import { GUAYABA, limitFor } from '../../../shared/vendors';

const properties: INodeProperties[] = [
	contactIdField('550e8400-e29b-41d4-a716-446655440000'),
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
		nameValueCollection({
			displayName: 'Custom Variables',
			name: 'customVariables',
			pair: 'Variable',
			sendAs: 'customVariables',
			description:
				'Custom data of the contact. The API replaces the whole object: pairs not listed here are removed. To remove them all, use Clear All Custom Variables instead.',
		}),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Contact name, at most 255 characters',
			routing: { send: { type: 'body', property: 'name' } },
		},
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
