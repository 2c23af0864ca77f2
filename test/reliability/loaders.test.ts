import type { INodeParameters } from 'n8n-workflow';

import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { CAMPAIGNS, FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { LoopbackServer, type Fault } from '../../sandbox/server';
import { loadOptions, runNode, type NodeUnderTest } from '../helpers/engine';
import { GUAYABA } from '../../nodes/shared/vendors';
import { keyHeld } from '../helpers/events';

/**
 * The Status and Campaign dropdowns against odd and hostile answers: the same messages, rules on
 * redirects and secrets, and the same rate budget as the nodes.
 */

const api = new FakeGuayaba();
const otherHost = new LoopbackServer(() => ({ status: 200, body: [] }));

beforeAll(async () => {
	await Promise.all([api.start(), otherHost.start()]);
});
afterAll(async () => {
	await Promise.all([api.stop(), otherHost.stop()]);
});
beforeEach(() => {
	api.reset();
	otherHost.reset();
});

function guayaba(parameters: INodeParameters = {}): NodeUnderTest {
	return {
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
		parameters: { resource: 'contact', operation: 'updateByPhone', ...parameters },
	};
}

const dropdowns = [
	{ method: 'getStatuses', path: 'updateFields.status', what: 'statuses' },
	{ method: 'getCampaigns', path: 'updateFields.campaignId', what: 'campaigns' },
];

async function failureOf(method: string, path: string, ...faults: Fault[]) {
	api.injectFaults(...faults);
	try {
		await loadOptions({ ...guayaba(), method, path });
	} catch (error) {
		return error as Error & { description?: string; httpCode?: string };
	}
	throw new Error(`${method} did not fail`);
}

describe.each(dropdowns)('$method', ({ method, path, what }) => {
	it.each<[string, unknown]>([
		['an empty object', {}],
		['null', null],
		['a list of numbers', [1, 2]],
		['an object whose list is missing', { data: null, statuses: null }],
		['a list whose entries have no name', { data: [{}], pagination: {} }],
	])('names %s the way the nodes do', async (_case, body) => {
		const error = await failureOf(method, path, { status: 200, body });
		expect(error.message).toBe(`Guayaba answered without a list of ${what}`);
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/^The answer was: .*the base URL in the credential/);
	});

	it('keeps the key out of an answer that echoes it', async () => {
		const error = await failureOf(method, path, { echo: 401 });
		expect(error.message).toBe('The API key was refused: check the Guayaba credential');
		expect(error.description).toBe('Invalid API key [redacted]');
		expect(JSON.stringify(error)).not.toContain(GUAYABA_KEY);
		expect(JSON.stringify((error as { errorResponse?: unknown }).errorResponse)).not.toContain(
			GUAYABA_KEY,
		);
	});

	it('does not follow a redirect to another host', async () => {
		const error = await failureOf(method, path, {
			status: 302,
			headers: { Location: `${otherHost.url}/contacts/statuses` },
		});
		expect(error.message).toBe(
			`Guayaba answered with a redirect (HTTP 302) to ${new URL(otherHost.url).host}, which was not followed`,
		);
		expect(otherHost.received).toEqual([]);
	});

	it('keeps a 20 MB message short', async () => {
		const error = await failureOf(method, path, {
			status: 400,
			body: { message: 'x'.repeat(20_000_000) },
		});
		expect(error.message).toBe(`${'x'.repeat(297)}...`);
	});
});

it('getCampaigns reads one page when the answer says nothing of more pages', async () => {
	api.injectFaults({ status: 200, body: { data: [CAMPAIGNS[0]] } });
	const options = await loadOptions({
		...guayaba(),
		method: 'getCampaigns',
		path: 'updateFields.campaignId',
	});
	expect(options.map((option) => option.value)).toEqual([CAMPAIGNS[0].id]);
	expect(api.received).toHaveLength(1);
});

it('a dropdown waits for its turn on the same rate budget as the nodes', async () => {
	// a server of its own, and so a key of its own: what the key learned in other tests stays there
	const api = await new FakeGuayaba().start();
	const guayaba = (parameters: INodeParameters = {}): NodeUnderTest => ({
		nodeType: new Guayaba(),
		credentialType: new GuayabaApi(),
		credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url },
		parameters: { resource: 'contact', operation: 'updateByPhone', ...parameters },
	});
	// the node's read is refused with Retry-After: 1, which holds the key; the Status dropdown,
	// asked for meanwhile on the same key, waits for the hold to end instead of being refused too
	api.injectFaults({
		status: 429,
		body: { error: 'Too many requests' },
		headers: { 'Retry-After': '1' },
	});
	const nodeRun = runNode(guayaba({ resource: 'contactStatus', operation: 'getAll' }));
	await keyHeld(GUAYABA, { apiKey: GUAYABA_KEY, baseUrl: api.url }, 'GET');
	await loadOptions({ ...guayaba(), method: 'getStatuses', path: 'updateFields.status' });
	await nodeRun;
	const refusedAt = api.received[0].at;
	expect(api.received.map((request) => [request.path, request.status])).toEqual([
		['/contacts/statuses', 429],
		['/contacts/statuses', 200],
		['/contacts/statuses', 200],
	]);
	expect(api.received[1].at - refusedAt).toBeGreaterThanOrEqual(900);
	await api.stop();
});

it('the Campaign dropdown answers in time on an API that keeps reporting more pages, and says what it left out', async () => {
	let served = 0;
	// every page full and slow, and always one more: the list would never end
	api.injectFaultsWhere(
		(request) => request.path === '/campaigns',
		...Array.from({ length: 60 }, () => ({
			delayMs: 400,
			status: 200,
			body: {
				data: Array.from({ length: 100 }, () => ({
					id: `7f3c9a2e-5b1d-4e8f-9a6c-${String(served++).padStart(12, '0')}`,
					name: `Campaign ${served}`,
				})),
				pagination: { currentPage: 1, totalPages: 1000, limit: 100 },
			},
		})),
	);
	const started = Date.now();
	const options = await loadOptions({
		...guayaba(),
		method: 'getCampaigns',
		path: 'updateFields.campaignId',
	});
	// the editor gets an answer within the 10 s it may wait, whatever the pages say
	expect(Date.now() - started).toBeLessThan(10_000);
	// the pages read: the last one asked for may have run out of the time left
	const read = (options.length - 1) / 100;
	expect([api.received.length - 1, api.received.length]).toContain(read);
	expect(read).toBeGreaterThan(1);
	expect(read).toBeLessThan(60);
	expect(options.at(-1)).toEqual({
		name: `… only the first ${read * 100} campaigns are listed`,
		value: '',
		description:
			'Guayaba kept reporting more pages, so the list stopped reading to answer in time. To use another campaign, give its ID with an expression.',
	});
}, 20_000);
