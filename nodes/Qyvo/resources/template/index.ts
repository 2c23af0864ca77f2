import type { INodeProperties } from 'n8n-workflow';

import { outputEachElement, outputObject } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareReadById, prepareTemplateGetAll } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as getAllDescription } from './getAll';

export const templateOperation: INodeProperties = operationSelector(
	'template',
	[
		operation({
			name: 'Get',
			value: 'get',
			action: 'Get a template',
			description: 'Get a template with its body, header, footer, buttons and placeholders',
			request: { method: 'POST', url: '/actions/get-template' },
			rules: prepareReadById('template_id', 'Template ID', "the template's ID"),
			output: [outputObject(QYVO)],
		}),
		operation({
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many templates',
			description: 'List the WhatsApp templates of the account, one item per template',
			request: { method: 'POST', url: '/actions/list-templates' },
			rules: prepareTemplateGetAll,
			output: [outputEachElement(QYVO, 'templates')],
		}),
	],
	'getAll',
);

export const templateFields: INodeProperties[] = [...getDescription, ...getAllDescription];
