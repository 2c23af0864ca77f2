import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputContact, outputEachElement } from '../../../shared/answers/outputs';
import {
	prepareContactCreate,
	prepareContactGet,
	prepareContactSearch,
	prepareContactUpdate,
	prepareTagChange,
} from '../../helpers/hooks';
import { description as addTagDescription } from './addTag';
import { description as createDescription } from './create';
import { description as getDescription } from './get';
import { description as removeTagDescription } from './removeTag';
import { description as searchDescription } from './search';
import { description as updateDescription } from './update';

const oneContact = [outputContact(QYVO)];

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add Tag',
				value: 'addTag',
				action: 'Add a tag to a contact',
				description: 'Tag a contact found by ID or phone; the tag is created if it does not exist',
				routing: {
					request: { method: 'POST', url: '/actions/add-tag' },
					send: { preSend: [prepareTagChange], paginate: true },
					output: { postReceive: oneContact },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create or update a contact',
				description: 'Create a contact, or update the one that has this phone number',
				routing: {
					request: { method: 'POST', url: '/actions/create-contact' },
					send: { preSend: [prepareContactCreate], paginate: true },
					output: { postReceive: oneContact },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get a contact found by ID, phone or email',
				routing: {
					request: { method: 'POST', url: '/actions/get-contact' },
					send: { preSend: [prepareContactGet], paginate: true },
					output: { postReceive: oneContact },
				},
			},
			{
				name: 'Remove Tag',
				value: 'removeTag',
				action: 'Remove a tag from a contact',
				description: 'Remove a tag from a contact found by ID or phone',
				routing: {
					request: { method: 'POST', url: '/actions/remove-tag' },
					send: { preSend: [prepareTagChange], paginate: true },
					output: { postReceive: oneContact },
				},
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search contacts',
				description:
					'Find contacts by text, tag or email: at most 50, the most recently active first',
				routing: {
					request: { method: 'POST', url: '/actions/search-contacts' },
					send: { preSend: [prepareContactSearch], paginate: true },
					output: { postReceive: [outputEachElement(QYVO, 'contacts')] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change the name, email, tags or metadata of a contact found by ID or phone',
				routing: {
					request: { method: 'POST', url: '/actions/update-contact' },
					send: { preSend: [prepareContactUpdate], paginate: true },
					output: { postReceive: oneContact },
				},
			},
		],
		default: 'update',
	},
	...addTagDescription,
	...createDescription,
	...getDescription,
	...removeTagDescription,
	...searchDescription,
	...updateDescription,
];
