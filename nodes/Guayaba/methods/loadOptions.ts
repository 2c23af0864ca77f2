import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isObject } from '../../shared/input/values';
import { MAX_PAGE_SIZE, readPages } from '../../shared/transport/pages';
import { DROPDOWN_TIME_MS } from '../../shared/transport/sideRequest';
import { CAMPAIGNS, guayabaPages } from '../helpers/lists';
import { readStatuses } from '../helpers/statuses';

// a bound on the pages of one dropdown, besides its time
const MAX_DROPDOWN_PAGES = 200;

export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const statuses = await readStatuses(this, Date.now() + DROPDOWN_TIME_MS);
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

interface Campaign extends IDataObject {
	id: string;
	name: string;
}

function isCampaign(record: unknown): record is Campaign {
	return isObject(record) && typeof record.id === 'string' && typeof record.name === 'string';
}

/**
 * The account's campaigns, every page of them, within DROPDOWN_TIME_MS: when the API keeps
 * reporting more, the list shows what it read, and says so in its last entry.
 */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaigns: INodePropertyOptions[] = [];
	const end = await readPages(
		guayabaPages(this, CAMPAIGNS, '/campaigns', {
			deadline: Date.now() + DROPDOWN_TIME_MS,
			isRecord: isCampaign,
		}),
		{
			pageSize: MAX_PAGE_SIZE,
			maxPages: MAX_DROPDOWN_PAGES,
			deadline: Date.now() + DROPDOWN_TIME_MS,
		},
		(records) => {
			for (const campaign of records as Campaign[]) {
				campaigns.push({
					name: campaign.name,
					value: campaign.id,
					description:
						typeof campaign.status === 'string' ? `Status: ${campaign.status}` : undefined,
				});
			}
			return 'more';
		},
	);
	campaigns.sort((a, b) => a.name.localeCompare(b.name));
	if (end === 'timeBound' || end === 'pageBound') {
		campaigns.push({
			name: `… only the first ${campaigns.length} campaigns are listed`,
			value: '',
			description:
				'Guayaba kept reporting more pages, so the list stopped reading to answer in time. To use another campaign, give its ID with an expression.',
		});
	}
	return campaigns;
}
