import type { INodeProperties } from 'n8n-workflow';

import { outputContact } from '../../../shared/answers/outputs';
import { contactIdField } from '../../../shared/descriptions/fields';
import { CALLAIDAN } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { outputContactAsSent, prepareContactCreate } from '../../helpers/create';
import { prepareContactGet } from '../../helpers/get';
import { prepareContactUpdate } from '../../helpers/hooks';
import { description as createDescription } from './create';
import { description as getDescription } from './get';
import { description as updateDescription } from './update';

export const contactDescription: INodeProperties[] = [
	operationSelector(
		'contact',
		[
			operation({
				name: 'Create',
				value: 'create',
				action: 'Create or update a contact',
				description:
					'Add a contact, or update the one CallAidan already has: its tags are added to the ones it has. Outputs the contact as sent, since CallAidan answers with no body.',
				request: { method: 'POST', url: '/contacts/' },
				rules: prepareContactCreate,
				output: [outputContactAsSent],
			}),
			operation({
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description:
					'Read a contact by its ID, with its tags, do-not-disturb flag and its three most recent calls and chats',
				request: {
					method: 'GET',
					url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
				},
				rules: prepareContactGet,
				output: [outputContact(CALLAIDAN)],
			}),
			operation({
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description:
					'Change the fields of a contact found by its ID. Tags sent replace all its tags (unlike Create, which adds them).',
				request: {
					method: 'PATCH',
					url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}',
				},
				rules: prepareContactUpdate,
				output: [outputContact(CALLAIDAN)],
			}),
		],
		'update',
	),
	// one property for Get and Update: n8n evaluates its expression for every property of its name
	{
		...contactIdField('3c90c3cc-0d44-4b50-8888-8dd25736052a'),
		description: "CallAidan's ID of the contact",
		displayOptions: { show: { resource: ['contact'], operation: ['get', 'update'] } },
	},
	...createDescription,
	...getDescription,
	...updateDescription,
];
