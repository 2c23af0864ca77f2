import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/descriptions/groups';
import { contactOptions, emailField } from '../../../shared/descriptions/fields';
import { CREATE_FIELDS } from '../../helpers/create';
import { CALLAIDAN_LIMIT } from '../../helpers/limits';
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
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155552671',
		description:
			'Phone number of the contact, sent in E.164 form. A contact CallAidan already has is updated instead of created twice. Numbers without a leading + need Default Country under Options.',
		routing: { send: { type: 'body', property: 'phone_number' } },
	},
	additionalFieldsCollection([
		businessNameField,
		customFieldsField,
		doNotDisturbField,
		{
			...emailField(CREATE_FIELDS.email),
			description: 'Email address; CallAidan stores it in lower case',
		},
		fullNameField,
		leadSourceField,
		notesField,
		contactTagsField(
			'Comma-separated tags, or an array from an expression. On a contact CallAidan already has, they are added to its tags (unlike Update, which replaces them).',
		),
	]),
	contactOptions(CALLAIDAN_LIMIT),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);
