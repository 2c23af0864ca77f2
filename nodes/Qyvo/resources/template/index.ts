import type { INodeProperties } from 'n8n-workflow';

import { QYVO } from '../../../shared/vendors';

import { outputEachElement, outputObject } from '../../../shared/answers/outputs';
import { prepareReadById, prepareTemplateGetAll } from '../../helpers/hooks';
import { description as getDescription } from './get';
import { description as getAllDescription } from './getAll';

export const templateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Get a template with its body, header, footer, buttons and placeholders',
				routing: {
					request: { method: 'POST', url: '/actions/get-template' },
					send: {
						preSend: [prepareReadById('template_id', 'Template ID', "the template's ID")],
						paginate: true,
					},
					output: { postReceive: [outputObject(QYVO)] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many templates',
				description: 'List the WhatsApp templates of the account, one item per template',
				routing: {
					request: { method: 'POST', url: '/actions/list-templates' },
					send: { preSend: [prepareTemplateGetAll], paginate: true },
					output: { postReceive: [outputEachElement(QYVO, 'templates')] },
				},
			},
		],
		default: 'getAll',
	},
	...getDescription,
	...getAllDescription,
];
