import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loaderRequest } from '../../shared/request';

interface GuayabaStatus {
	name: string;
	label: string;
	isTerminal: boolean;
	displayOrder: number;
}

interface CampaignPage {
	data: Array<{ id: string; name: string; status?: string }>;
	pagination: { totalPages: number; currentPage: number };
}

const CAMPAIGNS_PER_PAGE = 100;
// a bound, so that an API that never reports its last page cannot keep the editor waiting
const MAX_CAMPAIGN_PAGES = 200;

export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await loaderRequest<GuayabaStatus[]>(this, 'Guayaba', 'guayabaApi', {
		method: 'GET',
		path: '/contacts/statuses',
	});
	return [...statuses]
		.sort((a, b) => a.displayOrder - b.displayOrder)
		.map((status) => ({
			name: status.label || status.name,
			value: status.name,
			description: status.isTerminal
				? `Terminal (${status.name}): cancels every scheduled call, SMS and WhatsApp message`
				: `Not terminal (${status.name}): outreach goes on`,
		}));
}

export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaigns: INodePropertyOptions[] = [];
	for (let page = 1; page <= MAX_CAMPAIGN_PAGES; page++) {
		const { data, pagination } = await loaderRequest<CampaignPage>(this, 'Guayaba', 'guayabaApi', {
			method: 'GET',
			path: '/campaigns',
			qs: { page, limit: CAMPAIGNS_PER_PAGE },
		});
		for (const campaign of data) {
			campaigns.push({
				name: campaign.name,
				value: campaign.id,
				description: campaign.status ? `Status: ${campaign.status}` : undefined,
			});
		}
		if (data.length === 0 || pagination.currentPage >= pagination.totalPages) break;
	}
	return campaigns.sort((a, b) => a.name.localeCompare(b.name));
}
