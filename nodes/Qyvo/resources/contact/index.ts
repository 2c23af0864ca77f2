import type { INodeProperties } from 'n8n-workflow';

import { outputContact, outputEachElement } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
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

export const contactOperation: INodeProperties = operationSelector(
	'contact',
	[
		operation({
			name: 'Add Tag',
			value: 'addTag',
			action: 'Add a tag to a contact',
			description: 'Tag a contact found by ID or phone; the tag is created if it does not exist',
			request: { method: 'POST', url: '/actions/add-tag' },
			rules: prepareTagChange,
			output: oneContact,
		}),
		operation({
			name: 'Create',
			value: 'create',
			action: 'Create or update a contact',
			description: 'Create a contact, or update the one that has this phone number',
			request: { method: 'POST', url: '/actions/create-contact' },
			rules: prepareContactCreate,
			output: oneContact,
		}),
		operation({
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Get a contact found by ID, phone or email',
			request: { method: 'POST', url: '/actions/get-contact' },
			rules: prepareContactGet,
			output: oneContact,
		}),
		operation({
			name: 'Remove Tag',
			value: 'removeTag',
			action: 'Remove a tag from a contact',
			description: 'Remove a tag from a contact found by ID or phone',
			request: { method: 'POST', url: '/actions/remove-tag' },
			rules: prepareTagChange,
			output: oneContact,
		}),
		operation({
			name: 'Search',
			value: 'search',
			action: 'Search contacts',
			description:
				'Find contacts by text, tag or email: at most 50, the most recently active first',
			request: { method: 'POST', url: '/actions/search-contacts' },
			rules: prepareContactSearch,
			output: [outputEachElement(QYVO, 'contacts')],
		}),
		operation({
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change the name, email, tags or metadata of a contact found by ID or phone',
			request: { method: 'POST', url: '/actions/update-contact' },
			rules: prepareContactUpdate,
			output: oneContact,
		}),
	],
	'update',
);

export const contactFields: INodeProperties[] = [
	...addTagDescription,
	...createDescription,
	...getDescription,
	...removeTagDescription,
	...searchDescription,
	...updateDescription,
];
