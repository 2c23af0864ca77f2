import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/descriptions/groups';
import { emailField, phoneField } from '../../../shared/descriptions/fields';
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
	phoneField({
		name: 'phoneNumber',
		what: 'Phone number of the contact',
		note: 'A contact CallAidan already has is updated instead of created twice.',
		required: true,
		sendAs: 'phone_number',
	}),
	additionalFieldsCollection([
		businessNameField,
		customFieldsField,
		doNotDisturbField,
		{
			...emailField('email'),
			description: 'Email address; CallAidan stores it in lower case',
		},
		fullNameField,
		leadSourceField,
		notesField,
		contactTagsField(
			'Comma-separated tags, or an array from an expression. On a contact CallAidan already has, they are added to its tags (unlike Update, which replaces them).',
		),
	]),
	contactOptions(limitFor(CALLAIDAN, 'POST')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);
