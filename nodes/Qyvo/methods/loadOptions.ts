import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loaderRequest } from '../../shared/request';

interface QyvoTemplate {
	id: string;
	name: string;
	category?: string;
	languages?: string[];
}

/** The account's approved templates: only those can be sent. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await loaderRequest<QyvoTemplate[]>(this, 'Qyvo', 'qyvoApi', {
		method: 'POST',
		path: '/actions/list-templates',
		body: { status: 'APPROVED' },
	});
	return templates
		.map((template) => ({
			name: template.name,
			value: template.id,
			description: [template.category, template.languages?.join(', ')].filter(Boolean).join(' · '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
