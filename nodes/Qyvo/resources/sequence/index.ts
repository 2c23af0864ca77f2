import type { INodeProperties } from 'n8n-workflow';

import { outputObject } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareReadById, prepareSessionStart } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as startDescription } from './start';

export const sequenceOperation: INodeProperties = operationSelector(
	'sequence',
	[
		operation({
			name: 'Get',
			value: 'get',
			action: 'Get a sequence',
			description: 'Get a sequence: its name, status, sessions count and publication date',
			request: { method: 'POST', url: '/actions/get-sequence' },
			rules: prepareReadById('sequence_id', 'Sequence ID', "the sequence's ID"),
			output: [outputObject(QYVO)],
		}),
		operation({
			name: 'Start',
			value: 'start',
			action: 'Start a sequence for a contact',
			description:
				'Start a published sequence for a contact found by ID or phone; a sequence already running for the contact is left running',
			request: { method: 'POST', url: '/actions/trigger-sequence' },
			rules: prepareSessionStart('sequence_id', 'Sequence ID', "the sequence's ID"),
			output: [outputObject(QYVO)],
		}),
	],
	'start',
);

export const sequenceFields: INodeProperties[] = [...getDescription, ...startDescription];
