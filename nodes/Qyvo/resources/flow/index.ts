import type { INodeProperties } from 'n8n-workflow';

import { outputObject } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareReadById, prepareSessionStart } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as startDescription } from './start';

export const flowOperation: INodeProperties = operationSelector(
	'flow',
	[
		operation({
			name: 'Get',
			value: 'get',
			action: 'Get a flow',
			description:
				'Get a flow: its name, status, trigger type, sessions count and publication date',
			request: { method: 'POST', url: '/actions/get-flow' },
			rules: prepareReadById('flow_id', 'Flow ID', "the flow's ID"),
			output: [outputObject(QYVO)],
		}),
		operation({
			name: 'Start',
			value: 'start',
			action: 'Start a flow for a contact',
			description:
				'Start a published flow for a contact found by ID or phone; a flow already running for the contact is left running',
			request: { method: 'POST', url: '/actions/trigger-flow' },
			rules: prepareSessionStart('flow_id', 'Flow ID', "the flow's ID"),
			output: [outputObject(QYVO)],
		}),
	],
	'start',
);

export const flowFields: INodeProperties[] = [...getDescription, ...startDescription];
