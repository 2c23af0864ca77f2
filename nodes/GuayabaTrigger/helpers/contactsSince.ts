import type { IDataObject } from 'n8n-workflow';

import { readPages, type Page, type PageBounds } from '../../shared/transport/pages';

/**
 * Where the last poll stopped: the newest timestamp emitted and the IDs emitted at exactly that
 * timestamp, so that a contact sharing it but arriving later is still new, and none is emitted
 * twice. `key` names the event and filters it was made for; another key starts over.
 */
export interface Cursor {
	key: string;
	at: number;
	ids: string[];
}

export interface NewContacts {
	/** Oldest first. */
	contacts: IDataObject[];
	cursor: Cursor;
	/** The page bound was reached before the cursor: older new contacts were not read. */
	truncated: boolean;
}

// the IDs kept at one timestamp; more share one only in a bulk import
const MAX_IDS_AT_CURSOR = 1000;

function timestampOf(contact: IDataObject, field: string): number | undefined {
	const value = contact[field];
	const at = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(at) ? undefined : at;
}

/**
 * Reads the contacts list, newest first by `field`, until it reaches the cursor, and returns those
 * that are new since it. Without a cursor (the first poll after activation) it returns none, only
 * the cursor to start from. Contacts without a value in `field` (never fulfilled, never re-added)
 * are skipped wherever the API sorts them.
 */
export async function contactsSince(
	fetchPage: (page: number, pageSize: number) => Promise<Page<IDataObject>>,
	field: string,
	key: string,
	previous: Cursor | undefined,
	bounds: PageBounds,
): Promise<NewContacts> {
	const cursor = previous?.key === key ? previous : undefined;
	const fresh: Array<{ contact: IDataObject; at: number; order: number }> = [];
	const seen = new Set<string>();
	let newestAt: number | undefined;
	let sawValue = false;
	const end = await readPages(fetchPage, bounds, (contacts) => {
		for (const contact of contacts) {
			const at = timestampOf(contact, field);
			if (at === undefined) {
				// the API sorts them last: nothing valued comes after
				if (sawValue) return 'enough';
				continue;
			}
			sawValue = true;
			const id = String(contact.id);
			if (cursor === undefined) {
				// first poll: only the newest timestamp and the IDs at it are remembered
				newestAt ??= at;
				if (at < newestAt) return 'enough';
				seen.add(id);
				continue;
			}
			if (at < cursor.at) return 'enough';
			if ((at === cursor.at && cursor.ids.includes(id)) || seen.has(id)) continue;
			seen.add(id);
			fresh.push({ contact, at, order: fresh.length });
		}
		return 'more';
	});
	const truncated = end === 'pageBound';

	if (cursor === undefined) {
		return {
			contacts: [],
			cursor: { key, at: newestAt ?? 0, ids: [...seen].slice(-MAX_IDS_AT_CURSOR) },
			truncated: false,
		};
	}
	if (fresh.length === 0) return { contacts: [], cursor, truncated };

	// oldest first; at one timestamp, in the order the API lists them
	fresh.sort((a, b) => a.at - b.at || a.order - b.order);
	const newest = fresh[fresh.length - 1].at;
	const idsAtNewest = fresh
		.filter((entry) => entry.at === newest)
		.map((entry) => String(entry.contact.id));
	const ids = newest === cursor.at ? [...cursor.ids, ...idsAtNewest] : idsAtNewest;
	return {
		contacts: fresh.map((entry) => entry.contact),
		cursor: { key, at: newest, ids: ids.slice(-MAX_IDS_AT_CURSOR) },
		truncated,
	};
}
