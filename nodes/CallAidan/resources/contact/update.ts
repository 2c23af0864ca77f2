import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { emailField, phoneField, sendAsBody } from '../../../shared/descriptions/fields';
import { updateFieldsCollection } from '../../../shared/descriptions/groups';
import { contactOptions } from '../../../shared/descriptions/options';
import { CALLAIDAN, limitFor } from '../../../shared/vendors';
import {
	businessNameField,
	contactTagsField,
	customFieldsField,
	doNotDisturbField,
	fullNameField,
	leadSourceField,
	notesField,
} from './fields';

const properties: INodeProperties[] = [
	updateFieldsCollection([
		businessNameField,
		customFieldsField,
		// whoever adds the field on an update most likely means to turn it on
		{ ...doNotDisturbField, default: true },
		emailField('email'),
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: 'First name. Use First and Last Name, or Full Name, not both.',
			routing: sendAsBody('first_name'),
		},
		fullNameField,
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: 'Last name. Use First and Last Name, or Full Name, not both.',
			routing: sendAsBody('last_name'),
		},
		leadSourceField,
		notesField,
		phoneField({
			name: 'phoneNumber',
			what: 'Phone number of the contact',
			note: 'CallAidan stores numbers exactly as received.',
			sendAs: 'phone_number',
		}),
		contactTagsField(
			'Comma-separated tags, or an array from an expression. They replace all the tags of the contact (unlike Create, which adds them to the tags it has); leave empty to remove every tag.',
		),
	]),
	contactOptions(limitFor(CALLAIDAN, 'PATCH')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);
