import type { INodeProperties } from 'n8n-workflow';

import { outputEachElement } from '../../../shared/answers/outputs';
import { QYVO } from '../../../shared/vendors';
import { operation, operationSelector } from '../../../shared/descriptions/operations';
import { prepareTagGetAll } from '../../helpers/hooks';
import { description as getAllDescription } from './getAll';

export const tagOperation: INodeProperties = operationSelector(
	'tag',
	[
		operation({
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many tags',
			description: 'List the tags of the account, one item per tag',
			request: { method: 'POST', url: '/actions/list-tags' },
			rules: prepareTagGetAll,
			output: [outputEachElement(QYVO, 'tags')],
		}),
	],
	'getAll',
);

export const tagFields: INodeProperties[] = [...getAllDescription];
