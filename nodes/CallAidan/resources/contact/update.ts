import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	contactIdField,
	contactOptions,
	emailField,
	phoneNumberField,
	updateFieldsCollection,
} from '../../../shared/descriptions/fields';
import { CALLAIDAN_LIMIT } from '../../helpers/limits';
import {
	businessNameField,
	contactTagsField,
	customFieldsField,
	doNotDisturbField,
	fullNameField,
	leadSourceField,
	notesField,
	sendAs,
} from './fields';

const properties: INodeProperties[] = [
	contactIdField('3c90c3cc-0d44-4b50-8888-8dd25736052a'),
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
			routing: sendAs('first_name'),
		},
		fullNameField,
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: 'Last name. Use First and Last Name, or Full Name, not both.',
			routing: sendAs('last_name'),
		},
		leadSourceField,
		notesField,
		phoneNumberField({
			sendAs: 'phone_number',
			description:
				'Phone number, sent in E.164 form (CallAidan stores numbers exactly as received). Numbers without a leading + need Default Country under Options.',
		}),
		contactTagsField(
			'Comma-separated tags, or an array from an expression. They replace all the tags of the contact (unlike Create, which adds them to the tags it has); leave empty to remove every tag.',
		),
	]),
	contactOptions(CALLAIDAN_LIMIT),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);
