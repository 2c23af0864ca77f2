/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { CALLAIDAN_KEY, seedCallAidanContacts } from '../sandbox/callAidan';
import { CAMPAIGNS, GUAYABA_KEY, seedContacts, STATUSES, UPDATED_AT } from '../sandbox/guayaba';
import type { Sandbox } from '../sandbox/main';
import { QYVO_BASE_PATH, QYVO_TOKEN, QYVO_UPDATED_AT, seedQyvoContacts } from '../sandbox/qyvo';
import { checkAddedOperations } from './e2e/addedOperations';
import { checkHostileAnswers } from './e2e/hostileAnswers';
import { checkCredentialTestsAtStrangeHosts } from './e2e/credentialTests';
import { checkExamples } from './e2e/examples';
import { checkStartKeepsChangedExamples } from './e2e/keptExamples';
import { checkSendEvent } from './e2e/sendEvent';
import {
	Checks,
	executeWorkflow,
	fulfilEachPhone,
	jsonItems,
	nodeOutput,
	paired,
	runExample,
	sentBodies,
	writeWorkflow,
} from './e2e/helpers';
import { EditorApi, SANDBOX_CREDENTIALS, say, type N8nInstance } from './n8n-instance';
import { checkQyvoOperations } from './e2e/qyvo';
import { checkErrorsInTheEditor } from './e2e/errorsInTheEditor';
import { checkPickersInTheEditor } from './e2e/pickers';
import { checkToolTestRuns } from './e2e/toolTestRun';
import { checkTriggers } from './e2e/triggers';

// the queue-mode check and the bench take these from here
export {
	Checks,
	fulfilEachPhone,
	jsonItems,
	paired,
	writeWorkflow,
	type Item,
	type WorkflowNode,
} from './e2e/helpers';

const [GUAYABA_JOHN, , GUAYABA_SAM] = seedContacts();
const [CALLAIDAN_MARIA] = seedCallAidanContacts();
const [QYVO_ROMAIN, QYVO_SAM] = seedQyvoContacts();

/** The bulk run's key: a budget of 450 writes a minute, above the server's 15 per 2 seconds. */
const BULK_CREDENTIAL = { id: 'e2eGuayaba450wpm', name: 'Guayaba (e2e: 450 writes a minute)' };

/**
 * A 90-item bulk run against a server that allows 15 requests per 2 seconds, on a key whose
 * credential allows more, so that the server's answers set the pace.
 */
async function writeBulkWorkflow(
	n8n: N8nInstance,
	sandbox: Sandbox,
	folder: string,
	phones: string[],
): Promise<void> {
	const credentials = path.join(folder, 'bulk-credential.json');
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		credentials,
		JSON.stringify([
			{
				...BULK_CREDENTIAL,
				type: 'guayabaApi',
				data: { apiKey: GUAYABA_KEY, baseUrl: sandbox.baseUrls.guayaba, writesPerMinute: 450 },
			},
		]),
	);
	await n8n.cli(['import:credentials', `--input=${credentials}`]);
	rmSync(credentials);
	writeWorkflow(folder, {
		id: 'outreachE2eBulk90',
		name: 'e2e: 90 contacts fulfilled under a rate limit',
		branches: [fulfilEachPhone(phones, 450, BULK_CREDENTIAL)],
	});
}

/** The operations no example runs: Guayaba's Update by ID and Get Many, Qyvo found by ID. */
function writeOtherOperationsWorkflow(folder: string): void {
	writeWorkflow(folder, {
		id: 'outreachE2eOtherOps',
		name: 'e2e: the operations no example runs',
		branches: [
			[
				{
					name: 'List statuses',
					type: 'n8n-nodes-outreach.guayaba',
					credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
					parameters: { resource: 'contactStatus', operation: 'getAll' },
				},
			],
			[
				...jsonItems('Guayaba rows', [
					{ id: GUAYABA_SAM.id, name: 'Sam Lee-Park', phone: '020 7946 0958' },
					{ id: GUAYABA_JOHN.id, name: 'John Doe', phone: '+1 123 456 7890' },
				]),
				{
					name: 'Update by ID',
					type: 'n8n-nodes-outreach.guayaba',
					credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
					parameters: {
						resource: 'contact',
						operation: 'updateById',
						contactId: '={{ $json.id }}',
						updateFields: {
							name: '={{ $json.name }}',
							phoneNumber: '={{ $json.phone }}',
							timezone: 'Europe/Dublin',
							status: 'active',
							customVariables: { values: [{ name: 'row', value: '={{ $itemIndex }}' }] },
						},
						options: { defaultCountry: 'GB' },
					},
				},
			],
			[
				{
					name: 'Qyvo by ID',
					type: 'n8n-nodes-outreach.qyvo',
					credentials: { qyvoApi: SANDBOX_CREDENTIALS.qyvoApi },
					parameters: {
						resource: 'contact',
						operation: 'update',
						lookupBy: 'contactId',
						contactId: QYVO_ROMAIN.id,
						updateFields: { email: '', tags: 'vip, renewal' },
						options: {},
					},
				},
			],
		],
	});
}

export async function runEndToEndChecks(n8n: N8nInstance, sandbox: Sandbox): Promise<string[]> {
	const checks = new Checks();
	const { guayaba } = sandbox;

	await checks.section('example: Guayaba, move a CRM contact to another campaign', async () => {
		const items = await runExample(n8n, guayaba, 'outreachExample1', 'Move to next campaign');
		checks.equal(
			'the sandbox received one request, the phone in E.164',
			sentBodies(guayaba.received),
			[
				{
					method: 'POST',
					path: '/contacts/update',
					body: { phone: '+14155552671', campaignId: CAMPAIGNS[3].id },
				},
			],
		);
		checks.equal(
			'the output is the moved contact, paired to the CRM row',
			items.map((item) => [item.json.phoneNumber, item.json.campaignId, paired([item])[0]]),
			[['+14155552671', CAMPAIGNS[3].id, 0]],
		);
	});

	await checks.section('example: Guayaba, bulk do-not-call with Continue On Fail', async () => {
		const items = await runExample(n8n, guayaba, 'outreachExample2', 'Mark do-not-call');
		checks.equal('four items in, four items out, paired in order', paired(items), [0, 1, 2, 3]);
		checks.equal(
			'each item is the updated contact or its error',
			items.map((item) => item.json.error ?? item.json.status),
			[
				'DNC',
				'Phone "call me maybe" is not a phone number: write it like +14155552671',
				'Contact not found (phone +14155550199)',
				'DNC',
			],
		);
		checks.equal(
			'the refused phone was never sent',
			guayaba.received.map((request) => (request.body as { phone: string }).phone).sort(),
			['+14155550199', '+14155552671', '+442079460958'],
		);
	});

	await checks.section(
		'example: CallAidan, do-not-disturb for a contact who opted out',
		async () => {
			const { callAidan } = sandbox;
			const items = await runExample(n8n, callAidan, 'outreachExample4', 'Set do-not-disturb');
			checks.equal(
				'the sandbox received one PATCH with only the fields set, in snake_case',
				sentBodies(callAidan.received),
				[
					{
						method: 'PATCH',
						path: `/contacts/${CALLAIDAN_MARIA.id}/`,
						body: {
							is_dnd: true,
							tags: ['opted-out', 'web-form'],
							notes: 'Asked by email not to be called',
							phone_number: '+14155550123',
							custom_fields: { plan: 'none' },
						},
					},
				],
			);
			checks.equal(
				'the output is the contact CallAidan returned, paired to the form row',
				items.map((item) => [
					item.json.id,
					item.json.is_dnd,
					item.json.tags,
					item.json.phone,
					paired([item])[0],
				]),
				[[CALLAIDAN_MARIA.id, true, ['opted-out', 'web-form'], '+14155550123', 0]],
			);
		},
	);

	await checks.section('example: Qyvo, update a contact found by phone', async () => {
		const { qyvo } = sandbox;
		const items = await runExample(n8n, qyvo, 'outreachExample5', 'Update Qyvo contact');
		checks.equal(
			'the sandbox received the phone in E.164, the tags as one CSV string',
			sentBodies(qyvo.received),
			[
				{
					method: 'POST',
					path: `${QYVO_BASE_PATH}/actions/update-contact`,
					body: {
						phone: QYVO_SAM.phone,
						name: 'Sam Taylor',
						email: 'sam.taylor@example.com',
						tags: 'demo,pricing',
						metadata: { source: 'pricing page' },
					},
				},
			],
		);
		checks.equal('the output is the contact Qyvo returned, paired', items, [
			{
				json: {
					id: QYVO_SAM.id,
					phone: QYVO_SAM.phone,
					name: 'Sam Taylor',
					email: 'sam.taylor@example.com',
					tags: ['demo', 'pricing'],
					updated_at: QYVO_UPDATED_AT,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	await checks.section("Guayaba's Update by ID and Get Many, Qyvo found by ID", async () => {
		for (const api of [guayaba, sandbox.qyvo]) api.reset();
		const folder = path.join(n8n.home, 'e2e-workflows');
		writeOtherOperationsWorkflow(folder);
		await n8n.importWorkflows(folder);
		const output = await executeWorkflow(n8n, 'outreachE2eOtherOps');
		checks.equal(
			'Get Many outputs one item per status, paired to the trigger',
			nodeOutput(output, 'List statuses'),
			STATUSES.map((status) => ({ json: status, pairedItem: { item: 0 } })),
		);
		checks.equal(
			'Update by ID sent one PUT per row, phones in E.164, custom variables as one object',
			sentBodies(guayaba.received.filter((request) => request.method === 'PUT')),
			[
				[GUAYABA_SAM.id, 'Sam Lee-Park', '+442079460958', 0],
				[GUAYABA_JOHN.id, 'John Doe', '+11234567890', 1],
			].map(([id, name, phoneNumber, row]) => ({
				method: 'PUT',
				path: `/contacts/${id}`,
				body: {
					name,
					phoneNumber,
					timezone: 'Europe/Dublin',
					status: 'active',
					customVariables: { row },
				},
			})),
		);
		checks.equal(
			'Update by ID outputs each updated contact, paired to its row',
			nodeOutput(output, 'Update by ID').map((item) => [
				item.json.id,
				item.json.name,
				item.json.updatedAt,
				paired([item])[0],
			]),
			[
				[GUAYABA_SAM.id, 'Sam Lee-Park', UPDATED_AT, 0],
				[GUAYABA_JOHN.id, 'John Doe', UPDATED_AT, 1],
			],
		);
		checks.equal(
			'Qyvo found by ID sends contact_id only, and "" to clear the email',
			sentBodies(sandbox.qyvo.received),
			[
				{
					method: 'POST',
					path: `${QYVO_BASE_PATH}/actions/update-contact`,
					body: { contact_id: QYVO_ROMAIN.id, email: '', tags: 'vip,renewal' },
				},
			],
		);
		checks.equal(
			'Qyvo outputs the contact with its email cleared',
			nodeOutput(output, 'Qyvo by ID').map((item) => [
				item.json.id,
				item.json.email,
				item.json.tags,
			]),
			[[QYVO_ROMAIN.id, null, ['vip', 'renewal']]],
		);
	});

	await checks.section(
		'90 contacts against a server allowing 15 requests per 2 seconds',
		async () => {
			guayaba.reset();
			const phones = guayaba.addBulkContacts(90);
			guayaba.setRateLimit({ requests: 15, windowMs: 2000 });
			const folder = path.join(n8n.home, 'e2e-workflows');
			await writeBulkWorkflow(n8n, sandbox, folder, phones);
			await n8n.importWorkflows(folder);
			const started = Date.now();
			const items = nodeOutput(await executeWorkflow(n8n, 'outreachE2eBulk90'), 'Fulfil');
			const seconds = (Date.now() - started) / 1000;
			const updated = (phone: string) =>
				guayaba.received.filter(
					(r) => r.status === 200 && (r.body as { phone: string }).phone === phone,
				).length;
			checks.equal(
				'90 items out, all fulfilled, in order, each paired to its input item',
				items.map((item) => [item.json.phoneNumber, item.json.status, paired([item])[0]]),
				phones.map((phone, index) => [phone, 'fulfilled', index]),
			);
			checks.equal(
				'every contact updated exactly once',
				phones.filter((phone) => updated(phone) !== 1),
				[],
			);
			const deliveries = items.map(
				(item) => item.json.delivery as { tries: number; waitedMs: number },
			);
			const requestsFor = (phone: string) =>
				guayaba.received.filter((r) => (r.body as { phone: string }).phone === phone);
			checks.equal(
				"with Include Delivery Details, each item's tries are the requests the server got for it",
				deliveries.map((delivery) => delivery.tries),
				phones.map((phone) => requestsFor(phone).length),
			);
			checks.equal(
				'every extra try answers one 429 of the server',
				deliveries.reduce((sum, delivery) => sum + delivery.tries - 1, 0),
				guayaba.refused,
			);
			checks.equal(
				'the server refused at most 2 of the requests: the first one learns its 15 per 2 s before the rest go',
				guayaba.refused <= 2,
				true,
			);
			// an item cannot have waited longer than the run had lasted when its last try arrived
			const lastArrivals = phones.map((phone) => requestsFor(phone).at(-1)?.at ?? 0);
			const firstArrival = Math.min(...guayaba.received.map((request) => request.at));
			checks.equal(
				"each item's waitedMs is at most the time from the run's first request to its own last try",
				phones.filter((_phone, k) => deliveries[k].waitedMs > lastArrivals[k] - firstArrival + 500),
				[],
			);
			const span = Math.max(...lastArrivals) - firstArrival;
			const longestWait = Math.max(...deliveries.map((delivery) => delivery.waitedMs));
			say(
				`90 contacts: ${seconds.toFixed(1)} s in all, ${(span / 1000).toFixed(1)} s from the first request to the last (ideal 10 s), ${guayaba.refused} requests refused by the server and retried, the longest wait of an item ${(longestWait / 1000).toFixed(1)} s`,
			);
			guayaba.setRateLimit(undefined);
		},
	);

	await checkAddedOperations(n8n, sandbox, checks);
	await checkHostileAnswers(n8n, sandbox, checks);
	await checkQyvoOperations(checks, n8n, sandbox);

	await n8n.start();
	const editor = new EditorApi(n8n.url);
	await editor.setUpOwnerAndLogIn();
	// first, while the sandbox's are the only good credentials and no wrong key has been added
	await checkPickersInTheEditor(checks, n8n, editor, sandbox);
	await checkToolTestRuns(checks, editor, sandbox, n8n.major);
	await checkErrorsInTheEditor(checks, editor, sandbox);

	await checks.section("the editor's REST API", async () => {
		const nodeTypes = await editor.call<Array<{ name: string }>>('GET', '/types/nodes.json');
		checks.equal(
			'the node types and their AI-tool variants are listed',
			nodeTypes
				.map((type) => type.name)
				.filter((name) => name.startsWith('n8n-nodes-outreach.'))
				.sort(),
			[
				'callAidan',
				'callAidanTool',
				'callAidanTrigger',
				'guayaba',
				'guayabaTool',
				'guayabaTrigger',
				'qyvo',
				'qyvoTool',
				'qyvoTrigger',
			].map((name) => `n8n-nodes-outreach.${name}`),
		);
		const credentialTypes = await editor.call<Array<{ name: string }>>(
			'GET',
			'/types/credentials.json',
		);
		checks.equal(
			'the credential types are listed',
			credentialTypes
				.map((type) => type.name)
				.filter((name) => ['guayabaApi', 'callAidanApi', 'qyvoApi'].includes(name))
				.sort(),
			['callAidanApi', 'guayabaApi', 'qyvoApi'],
		);

		const loadOptions = (methodName: string, path: string) =>
			editor.call<Array<{ name: string; value: string }>>(
				'POST',
				'/rest/dynamic-node-parameters/options',
				{
					nodeTypeAndVersion: { name: 'n8n-nodes-outreach.guayaba', version: 1 },
					path,
					methodName,
					currentNodeParameters: {
						resource: 'contact',
						operation: 'updateByPhone',
						phone: '',
						updateFields: {},
					},
					credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
				},
			);
		checks.equal(
			'the Status dropdown lists the sandbox account statuses',
			(await loadOptions('getStatuses', 'updateFields.status')).map((option) => option.value),
			[...STATUSES].sort((a, b) => a.displayOrder - b.displayOrder).map((status) => status.name),
		);
		checks.equal(
			'the Campaign dropdown lists every page of campaigns',
			(await loadOptions('getCampaigns', 'updateFields.campaignId'))
				.map((option) => option.value)
				.sort(),
			CAMPAIGNS.map((campaign) => campaign.id).sort(),
		);

		// as the editor does it on both lines: the saved credential, with the data typed in the form
		// (n8n 1.x tests only saved credentials)
		const testCredential = (type: keyof typeof SANDBOX_CREDENTIALS, data: Record<string, string>) =>
			editor.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: { ...SANDBOX_CREDENTIALS[type], type, data },
			});
		const cases: Array<[keyof typeof SANDBOX_CREDENTIALS, string, Record<string, string>]> = [
			['guayabaApi', 'apiKey', { apiKey: GUAYABA_KEY, baseUrl: sandbox.baseUrls.guayaba }],
			['callAidanApi', 'apiKey', { apiKey: CALLAIDAN_KEY, baseUrl: sandbox.baseUrls.callAidan }],
			['qyvoApi', 'apiToken', { apiToken: QYVO_TOKEN, baseUrl: sandbox.baseUrls.qyvo }],
		];
		for (const [type, secret, good] of cases) {
			checks.equal(
				`the Test button accepts a good ${type}`,
				(await testCredential(type, good)).status,
				'OK',
			);
			const refused = await testCredential(type, { ...good, [secret]: 'wrong-key' });
			// n8n 1.x ignores a test request's list of statuses to fail on (docs/callaidan.md, its credential)
			if (n8n.major < 2 && type === 'callAidanApi') {
				checks.equal(
					'n8n 1.x cannot refuse a bad callAidanApi key (docs/callaidan.md says so)',
					refused.status,
					'OK',
				);
				continue;
			}
			checks.equal(`the Test button refuses a bad ${type}`, refused.status, 'Error');
			// n8n 1.x answers a declarative test's 401 with its own words, not the credential's rule
			const ownWords = n8n.major < 2;
			checks.equal(
				ownWords
					? "its message is n8n 1.x's own for a 401"
					: 'its message says the key or token was refused',
				ownWords || !/ was refused \(HTTP 401\)/.test(refused.message)
					? refused.message
					: 'says refused',
				ownWords ? 'Authorization failed - please check your credentials' : 'says refused',
			);
		}
	});

	await checkCredentialTestsAtStrangeHosts(checks, editor);
	await checkTriggers(checks, n8n, sandbox, editor);
	await checkExamples(checks, editor, n8n, sandbox);
	await checkStartKeepsChangedExamples(checks, editor, n8n);
	await checkSendEvent(checks, editor, n8n);

	await checks.section('no secret in anything n8n printed', async () => {
		await n8n.stop();
		const printed = n8n.printed.join('');
		const secrets = { GUAYABA_KEY, CALLAIDAN_KEY, QYVO_TOKEN, 'the bad key tested': 'wrong-key' };
		checks.equal(
			`${(printed.length / 1024).toFixed(0)} KiB of log and output hold no key or token`,
			Object.entries(secrets)
				.filter(([, secret]) => printed.includes(secret))
				.map(([name]) => name),
			[],
		);
	});

	checks.summary();
	return checks.failures;
}
