import type { INodeProperties } from 'n8n-workflow';

import { outputContact, outputObject } from '../../../shared/answers/outputs';
import { GUAYABA } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareCreate } from '../../helpers/create';
import { outputFulfilledPhone, prepareFulfill } from '../../helpers/fulfill';
import { prepareUpdateById, prepareUpdateByPhone } from '../../helpers/hooks';
import { prepareGetManyContacts } from '../../helpers/lists';
import { contactPhoneField } from './fields';
import { description as createDescription } from './create';
import { description as fulfillDescription } from './fulfill';
import { description as getAllDescription } from './getAll';
import { description as updateByIdDescription } from './updateById';
import { description as updateByPhoneDescription } from './updateByPhone';

export const contactDescription: INodeProperties[] = [
	operationSelector(
		'contact',
		[
			operation({
				name: 'Create',
				value: 'create',
				action: 'Create a contact in a campaign',
				description:
					'Add a contact to a campaign or a splitter, which starts its calls and messages. Guayaba matches by phone: an existing contact is updated (or re-added) instead of created twice.',
				request: { method: 'POST', url: '/contacts' },
				rules: prepareCreate,
				output: [outputContact(GUAYABA, 'data')],
			}),
			operation({
				name: 'Fulfill',
				value: 'fulfill',
				action: 'Mark a contact fulfilled by phone number',
				description:
					'Mark the contact with this phone number fulfilled: this cancels every call, SMS, WhatsApp message and trigger scheduled for it',
				request: { method: 'POST', url: '/contacts/fulfill' },
				rules: prepareFulfill,
				output: [outputFulfilledPhone],
			}),
			operation({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description:
					'List contacts, one item each, filtered by status, campaign, name or phone, sorted by when they were created, fulfilled or re-added',
				request: { method: 'GET', url: '/contacts' },
				rules: prepareGetManyContacts,
				// each page as one item: the delivery hook reads the contacts out of it
				output: [outputObject(GUAYABA)],
			}),
			operation({
				name: 'Update by ID',
				value: 'updateById',
				action: 'Update a contact by ID',
				description: 'Change any field of a contact found by its ID',
				request: {
					method: 'PUT',
					url: '={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim())}}',
				},
				rules: prepareUpdateById,
				output: [outputContact(GUAYABA, 'contact')],
			}),
			operation({
				name: 'Update by Phone',
				value: 'updateByPhone',
				action: 'Update a contact by phone number',
				description: 'Change the status or campaign of a contact found by its phone number',
				request: { method: 'POST', url: '/contacts/update' },
				rules: prepareUpdateByPhone,
				output: [outputContact(GUAYABA, 'contact')],
			}),
		],
		'updateByPhone',
	),
	contactPhoneField,
	...createDescription,
	...fulfillDescription,
	...getAllDescription,
	...updateByIdDescription,
	...updateByPhoneDescription,
];
