import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isObject } from '../../shared/input/values';
import { matchingSearch } from '../../shared/transport/pages';
import { DROPDOWN_TIME_MS, sideRequest } from '../../shared/transport/sideRequest';
import { QYVO } from '../../shared/vendors';

// Qyvo's lists take no paging: each answers whole (capped by Qyvo), so a picker shows one page

function listOf(label: string) {
	return (body: unknown): body is IDataObject[] =>
		Array.isArray(body) &&
		body.every(
			(record) =>
				isObject(record) && typeof record.id === 'string' && typeof record[label] === 'string',
		);
}

function byName(a: INodeListSearchItems, b: INodeListSearchItems): number {
	return a.name.localeCompare(b.name);
}

async function templates(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	body: IDataObject,
): Promise<INodeListSearchResult> {
	const listed = await sideRequest(context, QYVO, {
		method: 'POST',
		path: '/actions/list-templates',
		body,
		expected: 'a list of templates',
		isExpected: listOf('name'),
		deadline: Date.now() + DROPDOWN_TIME_MS,
	});
	return {
		results: matchingSearch(listed, filter, (template) => [template.name as string])
			.map((template) => ({
				name: String(template.name),
				value: String(template.id),
				description: [
					// only a template Meta has not approved says its review status: it cannot be sent
					template.status === 'APPROVED' ? undefined : template.status,
					template.category,
					Array.isArray(template.languages) ? template.languages.join(', ') : undefined,
				]
					.filter((part) => typeof part === 'string' && part !== '')
					.join(' · '),
			}))
			.sort(byName),
	};
}

/** The Template picker of Send Template: approved templates only, since only those can be sent. */
export async function searchApprovedTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await templates(this, filter, { status: 'APPROVED' });
}

/** The Template picker of Template > Get: every template, whatever Meta's review said. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await templates(this, filter, {});
}

/** The Contact picker: Qyvo searches name, phone and email, and answers the 50 most recently active. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const query = (filter ?? '').trim();
	const found = await sideRequest(this, QYVO, {
		method: 'POST',
		path: '/actions/search-contacts',
		body: query === '' ? {} : { query },
		expected: 'a list of contacts',
		isExpected: listOf('phone'),
		deadline: Date.now() + DROPDOWN_TIME_MS,
	});
	return {
		results: found.map((contact) => ({
			name:
				typeof contact.name === 'string' && contact.name !== ''
					? `${contact.name} (${String(contact.phone)})`
					: String(contact.phone),
			value: String(contact.id),
			description: typeof contact.email === 'string' ? contact.email : undefined,
		})),
	};
}

/** Qyvo's dropdown lists (`GET /dropdowns/<what>`): `[{ id, label }]`, searched here. */
async function dropdown(
	context: ILoadOptionsFunctions,
	what: 'sequences' | 'flows',
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const listed = await sideRequest(context, QYVO, {
		method: 'GET',
		path: `/dropdowns/${what}`,
		expected: `a list of ${what}`,
		isExpected: listOf('label'),
		deadline: Date.now() + DROPDOWN_TIME_MS,
	});
	return {
		results: matchingSearch(listed, filter, (record) => [record.label as string])
			.map((record) => ({ name: String(record.label), value: String(record.id) }))
			.sort(byName),
	};
}

export async function searchSequences(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await dropdown(this, 'sequences', filter);
}

export async function searchFlows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await dropdown(this, 'flows', filter);
}
