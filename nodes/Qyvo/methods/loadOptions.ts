import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { DROPDOWN_TIME_MS, sideRequest } from '../../shared/transport/sideRequest';
import { QYVO } from '../../shared/vendors';

interface QyvoTemplate {
	id: string;
	name: string;
	category?: string;
	languages?: string[];
}

function isTemplateList(body: unknown): body is QyvoTemplate[] {
	return (
		Array.isArray(body) &&
		body.every(
			(template) =>
				typeof template === 'object' &&
				template !== null &&
				typeof (template as QyvoTemplate).id === 'string' &&
				typeof (template as QyvoTemplate).name === 'string',
		)
	);
}

/** The account's approved templates: only those can be sent. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await sideRequest(this, QYVO, {
		method: 'POST',
		path: '/actions/list-templates',
		body: { status: 'APPROVED' },
		expected: 'a list of templates',
		isExpected: isTemplateList,
		deadline: Date.now() + DROPDOWN_TIME_MS,
	});
	return templates
		.map((template) => ({
			name: template.name,
			value: template.id,
			description: [template.category, template.languages?.join(', ')].filter(Boolean).join(' · '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
