import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loaderRequest } from '../../shared/transport/sideRequest';
import { GUAYABA_DELIVERY } from '../helpers/limits';

interface GuayabaStatus {
	name: string;
	label: string;
	isTerminal?: boolean;
	displayOrder?: number;
}

interface CampaignPage {
	data: Array<{ id: string; name: string; status?: string }>;
	pagination?: { totalPages?: number; currentPage?: number };
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatusList(body: unknown): body is GuayabaStatus[] {
	return (
		Array.isArray(body) &&
		body.every((status) => isRecord(status) && typeof status.name === 'string')
	);
}

function isCampaignPage(body: unknown): body is CampaignPage {
	return (
		isRecord(body) &&
		Array.isArray(body.data) &&
		body.data.every(
			(campaign) =>
				isRecord(campaign) && typeof campaign.id === 'string' && typeof campaign.name === 'string',
		)
	);
}

const CAMPAIGNS_PER_PAGE = 100;
// a bound, so that an API that never reports its last page cannot keep the editor waiting
const MAX_CAMPAIGN_PAGES = 200;

export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await loaderRequest(this, GUAYABA_DELIVERY, {
		method: 'GET',
		path: '/contacts/statuses',
		expected: 'a list of statuses',
		isExpected: isStatusList,
	});
	return [...statuses]
		.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
		.map((status) => ({
			name: typeof status.label === 'string' && status.label !== '' ? status.label : status.name,
			value: status.name,
			description: status.isTerminal
				? `Terminal (${status.name}): cancels every scheduled call, SMS and WhatsApp message`
				: `Not terminal (${status.name}): outreach goes on`,
		}));
}

export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaigns: INodePropertyOptions[] = [];
	for (let page = 1; page <= MAX_CAMPAIGN_PAGES; page++) {
		const { data, pagination } = await loaderRequest(this, GUAYABA_DELIVERY, {
			method: 'GET',
			path: '/campaigns',
			qs: { page, limit: CAMPAIGNS_PER_PAGE },
			expected: 'a list of campaigns',
			isExpected: isCampaignPage,
		});
		for (const campaign of data) {
			campaigns.push({
				name: campaign.name,
				value: campaign.id,
				description: campaign.status ? `Status: ${campaign.status}` : undefined,
			});
		}
		const { currentPage, totalPages } = pagination ?? {};
		// an answer that does not say there is a next page is the last one
		if (
			data.length === 0 ||
			typeof currentPage !== 'number' ||
			typeof totalPages !== 'number' ||
			currentPage >= totalPages
		)
			break;
	}
	return campaigns.sort((a, b) => a.name.localeCompare(b.name));
}
