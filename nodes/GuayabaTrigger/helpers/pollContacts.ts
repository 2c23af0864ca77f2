import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { CONTACTS, guayabaPages } from '../../Guayaba/helpers/lists';
import { contactsSince, type Cursor } from './contactsSince';

export const CONTACT_EVENTS = [
	{
		name: 'Contact Created',
		value: 'contactCreated',
		field: 'createdAt',
		description: 'A contact was added to a campaign',
	},
	{
		name: 'Contact Fulfilled',
		value: 'contactFulfilled',
		field: 'fulfilledAt',
		description: 'A contact was marked fulfilled',
	},
	{
		name: 'Contact Re-Added',
		value: 'contactReAdded',
		field: 'reAddedAt',
		description: 'A contact that had left outreach was added again',
	},
];

const PAGE_SIZE = 100;
// a poll reads at most this many pages (2,000 contacts), a bound on its time and its reads
export const MAX_PAGES = 20;

interface Filters {
	campaignIds?: string[];
	status?: string;
}

/**
 * One poll: in a manual test, the newest contact for the event, to show its shape; when active,
 * every contact new since the last poll, oldest first, and nothing on the first poll.
 */
export async function pollContacts(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	const { field } = CONTACT_EVENTS.find((candidate) => candidate.value === event)!;
	const filters = this.getNodeParameter('filters', {}) as Filters;
	const query: IDataObject = { sortBy: field, sortOrder: 'desc' };
	if (filters.campaignIds?.length) query.campaignId = filters.campaignIds.join(',');
	if (filters.status) query.status = filters.status;

	const asItem = (contact: IDataObject): INodeExecutionData => ({ json: { event, ...contact } });

	if (this.getMode() === 'manual') {
		const { records: contacts } = await guayabaPages(this, CONTACTS, '/contacts', { query })(1, 10);
		const newest = contacts.find((contact) => typeof contact[field] === 'string');
		return newest ? [[asItem(newest)]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const key = JSON.stringify([field, query.campaignId ?? '', query.status ?? '']);
	// through the credential's read budget, so that polls and bulk reads together keep to it
	const found = await contactsSince(
		guayabaPages(this, CONTACTS, '/contacts', { query }),
		field,
		key,
		staticData.cursor as Cursor | undefined,
		{ pageSize: PAGE_SIZE, maxPages: MAX_PAGES },
	);
	staticData.cursor = found.cursor as unknown as IDataObject;
	if (found.truncated)
		this.logger.warn(
			`Guayaba Trigger: more than ${MAX_PAGES * PAGE_SIZE} contacts arrived since the last poll; only the newest were emitted. Poll more often.`,
		);
	return found.contacts.length > 0 ? [found.contacts.map(asItem)] : null;
}
