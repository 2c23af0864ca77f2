import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { apiError } from '../../shared/apiResponse';
import { intervalForRate, limiterKey, requestSpacer, retryAfterMs } from '../../shared/rateLimit';
import { joinUrl } from '../../shared/request';
import { GUAYABA_READS } from '../../Guayaba/shared/limits';
import { contactsSince, type ContactsPage, type Cursor } from './contactsSince';

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
 * Waits for a slot in the credential's read budget, the one Guayaba's Get Many operations use
 * (the same limiter key), so that polls and bulk reads together stay within 100 reads a minute.
 */
async function waitForReadSlot(key: string): Promise<void> {
	const interval = intervalForRate(GUAYABA_READS.perMinute);
	const ticket = requestSpacer.reserve(key, interval);
	if (ticket.waitMs > 0) await sleep(ticket.waitMs);
	const late = requestSpacer.depart(key, interval);
	if (late > 0) await sleep(late);
}

function pageFetcher(
	context: IPollFunctions,
	credentials: { apiKey: string; baseUrl: string },
	query: IDataObject,
	pageSize: number,
) {
	const key = limiterKey('Guayaba', 'read', credentials.baseUrl, credentials.apiKey);
	return async function fetchContactsPage(page: number): Promise<ContactsPage> {
		await waitForReadSlot(key);
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'guayabaApi',
			{
				method: 'GET',
				url: joinUrl(credentials.baseUrl, '/contacts'),
				qs: { ...query, page, limit: pageSize },
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			},
		)) as IN8nHttpFullResponse;
		if (response.statusCode === 429) {
			const wait = retryAfterMs(response.headers) ?? 60_000;
			requestSpacer.pauseUntil(key, Date.now() + wait);
		}
		if (response.statusCode >= 400)
			throw apiError(context.getNode(), 'Guayaba', response.statusCode, response.body);
		const body = response.body as { contacts?: unknown; pagination?: IDataObject } | undefined;
		if (!Array.isArray(body?.contacts)) {
			throw new NodeApiError(context.getNode(), {} as JsonObject, {
				message: 'Guayaba answered without the contacts',
				description:
					'If this repeats, the base URL in the Guayaba credential may point at the wrong server.',
				httpCode: String(response.statusCode),
			});
		}
		const contacts = body.contacts as IDataObject[];
		const { total, limit } = body.pagination ?? {};
		const last =
			contacts.length === 0 ||
			(typeof total === 'number' && page * (Number(limit) || contacts.length) >= total);
		return { contacts, last };
	};
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

	const credentials = await this.getCredentials<{ apiKey: string; baseUrl: string }>('guayabaApi');
	const asItem = (contact: IDataObject): INodeExecutionData => ({ json: { event, ...contact } });

	if (this.getMode() === 'manual') {
		const { contacts } = await pageFetcher(this, credentials, query, 10)(1);
		const newest = contacts.find((contact) => typeof contact[field] === 'string');
		return newest ? [[asItem(newest)]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const key = JSON.stringify([field, query.campaignId ?? '', query.status ?? '']);
	const found = await contactsSince(
		pageFetcher(this, credentials, query, PAGE_SIZE),
		field,
		key,
		staticData.cursor as Cursor | undefined,
		MAX_PAGES,
	);
	staticData.cursor = found.cursor as unknown as IDataObject;
	if (found.truncated)
		this.logger.warn(
			`Guayaba Trigger: more than ${MAX_PAGES * PAGE_SIZE} contacts arrived since the last poll; only the newest were emitted. Poll more often.`,
		);
	return found.contacts.length > 0 ? [found.contacts.map(asItem)] : null;
}
