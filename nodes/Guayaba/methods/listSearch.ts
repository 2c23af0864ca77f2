import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isObject } from '../../shared/input/values';
import { MAX_PAGE_SIZE, readPickerPage } from '../../shared/transport/pages';
import { DROPDOWN_TIME_MS } from '../../shared/transport/sideRequest';
import { CAMPAIGNS, CONTACTS, guayabaPages, type GuayabaList } from '../helpers/lists';

/** The contacts a picker page asks for: a page the user scrolls through, not the whole list. */
export const CONTACT_PICKER_PAGE_SIZE = 50;

function isCampaign(record: unknown): boolean {
	return isObject(record) && typeof record.id === 'string' && typeof record.name === 'string';
}

function isContact(record: unknown): boolean {
	return isObject(record) && typeof record.id === 'string';
}

/** Guayaba matches phone numbers as it stores them, so `+1 (312) 555-0001` is searched as `+13125550001`. */
function searchText(filter: string | undefined): string | undefined {
	const text = (filter ?? '').trim();
	if (text === '') return undefined;
	return /^\+?[\d\s().-]+$/.test(text) && /\d/.test(text) ? text.replace(/[\s().-]/g, '') : text;
}

/** A picker over a Guayaba list: which list, what its records must be, how one is shown. */
interface Picker {
	list: GuayabaList;
	path: string;
	isRecord: (record: unknown) => boolean;
	pageSize: number;
	toItem: (record: IDataObject) => INodeListSearchItems;
}

/** The picker's search: one page of the records whose text holds the search, as Guayaba searches. */
function guayabaPicker(picker: Picker) {
	return async function searchGuayabaList(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const deadline = Date.now() + DROPDOWN_TIME_MS;
		const search = searchText(filter);
		const page = await readPickerPage(
			guayabaPages(this, picker.list, picker.path, {
				query: search === undefined ? {} : { search },
				deadline,
				isRecord: picker.isRecord,
			}),
			{ paginationToken, pageSize: picker.pageSize, deadline },
		);
		return { results: page.records.map(picker.toItem), paginationToken: page.paginationToken };
	};
}

function campaignItem(campaign: IDataObject): INodeListSearchItems {
	return {
		name: String(campaign.name),
		value: String(campaign.id),
		description: typeof campaign.status === 'string' ? `Status: ${campaign.status}` : undefined,
	};
}

function contactItem(contact: IDataObject): INodeListSearchItems {
	const phone = typeof contact.phoneNumber === 'string' ? contact.phoneNumber : '';
	const name = typeof contact.name === 'string' && contact.name !== '' ? contact.name : '';
	return {
		name: name && phone ? `${name} (${phone})` : name || phone || String(contact.id),
		value: String(contact.id),
		description: typeof contact.status === 'string' ? `Status: ${contact.status}` : undefined,
	};
}

/** The Campaign picker: the account's campaigns whose name holds the search, a page at a time. */
export const searchCampaigns = guayabaPicker({
	list: CAMPAIGNS,
	path: '/campaigns',
	isRecord: isCampaign,
	pageSize: MAX_PAGE_SIZE,
	toItem: campaignItem,
});

/** The Contact picker: contacts whose name or phone holds the search, newest first, a page at a time. */
export const searchContacts = guayabaPicker({
	list: CONTACTS,
	path: '/contacts',
	isRecord: isContact,
	pageSize: CONTACT_PICKER_PAGE_SIZE,
	toItem: contactItem,
});
