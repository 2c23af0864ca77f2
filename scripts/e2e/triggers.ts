/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { CAMPAIGNS, GUAYABA_KEY } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import {
	CALLAIDAN_WEBHOOK_TOKEN,
	callAidanCall,
	postRaw,
	QYVO_SIGNING_SECRET,
	qyvoDelivery,
	sendCallAidanCall,
	sendQyvoDelivery,
	type SentDelivery,
} from '../../sandbox/webhooks';
import { SANDBOX_CREDENTIALS, say, type EditorApi, type N8nInstance } from '../n8n-instance';

/** The part of the e2e suite's Checks this module uses. */
interface Checks {
	equal(name: string, actual: unknown, expected: unknown): void;
	section(name: string, run: () => Promise<void>): Promise<void>;
}

type Json = Record<string, unknown>;

/** n8n's REST API stores execution data with `flatted`: strings are indexes into one array. */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') return entry;
		if (done.has(index)) return done.get(index);
		const copy: Json | unknown[] = Array.isArray(entry) ? [] : {};
		done.set(index, copy);
		for (const [key, value] of Object.entries(entry as Json))
			(copy as Json)[key] = typeof value === 'string' ? resolve(Number(value)) : value;
		return copy;
	};
	return resolve(0);
}

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

/** The items the trigger node output in each execution of a workflow, oldest execution first. */
async function triggerOutputs(
	editor: EditorApi,
	workflowId: string,
	nodeName: string,
): Promise<Json[][]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { results } = await editor.call<{ results: ExecutionSummary[] }>(
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	const outputs: Json[][] = [];
	for (const { id } of [...results].sort((a, b) => Number(a.id) - Number(b.id))) {
		const execution = await editor.call<{ data: string }>('GET', `/rest/executions/${id}`);
		const data = unflatten(execution.data) as {
			resultData: {
				runData: Record<string, Array<{ data: { main: Array<Array<{ json: Json }>> } }>>;
			};
		};
		const items = data.resultData.runData[nodeName]?.[0]?.data.main[0] ?? [];
		outputs.push(items.map((item) => item.json));
	}
	return outputs;
}

/** Waits until the workflow has `count` finished executions, or `timeoutMs` passed. */
async function waitForExecutions(
	editor: EditorApi,
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<void> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { results } = await editor.call<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		if (
			results.filter((execution) => execution.status !== 'running' && execution.status !== 'new')
				.length >= count
		)
			return;
		await sleep(1000);
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface TriggerWorkflow {
	id: string;
	versionId: string;
}

async function createCredential(editor: EditorApi, type: string, name: string, data: Json) {
	const { id } = await editor.call<{ id: string }>('POST', '/rest/credentials', {
		name,
		type,
		data,
	});
	return { id, name };
}

/** Creates a workflow of one trigger node, optionally followed by a Wait node, and activates it. */
async function createActiveWorkflow(
	editor: EditorApi,
	name: string,
	trigger: Json,
	waitSeconds?: number,
): Promise<TriggerWorkflow> {
	const nodes: Json[] = [{ id: 'trigger', typeVersion: 1, position: [0, 0], ...trigger }];
	const connections: Json = {};
	if (waitSeconds !== undefined) {
		nodes.push({
			id: 'wait',
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [220, 0],
			parameters: { amount: waitSeconds },
			webhookId: `${String(trigger.webhookId)}-wait`,
		});
		connections[String(trigger.name)] = {
			main: [[{ node: 'Wait', type: 'main', index: 0 }]],
		};
	}
	const created = await editor.call<TriggerWorkflow>('POST', '/rest/workflows', {
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	});
	await editor.call('POST', `/rest/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	return created;
}

/**
 * Waits until n8n serves the webhook (activation registers it a moment after it answers), probing
 * with a request the trigger refuses (401) and so starts nothing.
 */
async function waitForWebhook(url: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const probe = await postRaw(url, '{}', {});
		if (probe.status === 401) return;
		await sleep(500);
	}
	throw new Error(`n8n did not serve ${url} within ${timeoutMs / 1000} s of activation`);
}

async function reactivate(editor: EditorApi, workflowId: string): Promise<void> {
	await editor.call('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	const { versionId } = await editor.call<{ versionId: string }>(
		'GET',
		`/rest/workflows/${workflowId}`,
	);
	await editor.call('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

const answered = (sent: SentDelivery) => {
	let body: unknown = sent.body;
	try {
		body = JSON.parse(sent.body);
	} catch {
		// keep the text
	}
	return [sent.status, body];
};

/**
 * The three triggers in a real n8n: the webhook triggers activated and sent good, unsigned,
 * wrongly signed, stale, replayed and filtered deliveries; the polling trigger fed contacts
 * between polls. Each check says which executions ran, with what data.
 */
export async function checkTriggers(
	checks: Checks,
	n8n: N8nInstance,
	sandbox: Sandbox,
	editor: EditorApi,
): Promise<void> {
	await checks.section('Qyvo Trigger: signed deliveries to an active workflow', async () => {
		const credential = await createCredential(editor, 'qyvoWebhookApi', 'Qyvo webhook (e2e)', {
			signingSecret: QYVO_SIGNING_SECRET,
		});
		const workflow = await createActiveWorkflow(
			editor,
			'e2e: Qyvo Trigger',
			{
				name: 'Qyvo Trigger',
				type: 'n8n-nodes-outreach.qyvoTrigger',
				webhookId: 'e2e-qyvo-trigger',
				parameters: { events: ['message.received', 'message.status.read'] },
				credentials: { qyvoWebhookApi: credential },
			},
			4,
		);
		const url = `${n8n.url}/webhook/e2e-qyvo-trigger/qyvo`;
		await waitForWebhook(url);
		const received = qyvoDelivery('message.received', 1);
		const read = qyvoDelivery('message.status.read', 2);

		const started = Date.now();
		const good = await sendQyvoDelivery(url, received);
		const answerMs = Date.now() - started;
		checks.equal(
			'a signed message.received is answered 200: the workflow started',
			answered(good),
			[200, { message: 'Workflow was started' }],
		);
		checks.equal(
			'it is answered before the workflow (a 4 s Wait after the trigger) ends',
			answerMs < 3500 ? 'before' : `after ${answerMs} ms`,
			'before',
		);
		const cases: Array<[string, () => Promise<SentDelivery>, unknown[]]> = [
			[
				'unsigned',
				() => sendQyvoDelivery(url, qyvoDelivery('message.received', 3), { unsigned: true }),
				[401, { error: 'The delivery has no signature' }],
			],
			[
				'signed with another secret',
				() => sendQyvoDelivery(url, qyvoDelivery('message.received', 4), { secret: 'whsec_wrong' }),
				[401, { error: 'The signature does not match' }],
			],
			[
				'signed 10 minutes ago',
				() => sendQyvoDelivery(url, qyvoDelivery('message.received', 5), { skewSeconds: -600 }),
				[401, { error: 'The signature is more than 5 minutes old or ahead' }],
			],
			[
				'replayed',
				() => postRaw(url, good.request.rawBody, good.request.headers),
				[200, { received: true, started: false, reason: 'replay' }],
			],
			[
				'webhook.test',
				() => sendQyvoDelivery(url, qyvoDelivery('webhook.test', 6)),
				[200, { received: true, started: false }],
			],
			[
				'an event not chosen (message.status.failed)',
				() => sendQyvoDelivery(url, qyvoDelivery('message.status.failed', 7)),
				[200, { received: true, started: false }],
			],
		];
		for (const [name, send, expected] of cases)
			checks.equal(
				`a delivery ${name} is answered ${String(expected[0])}`,
				answered(await send()),
				expected,
			);
		checks.equal(
			'a signed message.status.read (chosen) starts the workflow',
			answered(await sendQyvoDelivery(url, read)),
			[200, { message: 'Workflow was started' }],
		);

		await waitForExecutions(editor, workflow.id, 2, 30_000);
		await sleep(3000);
		checks.equal(
			'exactly two executions ran, each with the delivery as sent and its delivery key',
			await triggerOutputs(editor, workflow.id, 'Qyvo Trigger'),
			[
				[{ ...received, deliveryKey: 'message.received:01J1Y9MSG00000000000000001' }],
				[{ ...read, deliveryKey: 'message.status.read:01J1Y9MSG00000000000000002' }],
			],
		);
	});

	await checks.section('CallAidan Trigger: completed calls to an active workflow', async () => {
		const credential = await createCredential(
			editor,
			'callAidanWebhookApi',
			'CallAidan webhook (e2e)',
			{ token: CALLAIDAN_WEBHOOK_TOKEN },
		);
		const workflow = await createActiveWorkflow(editor, 'e2e: CallAidan Trigger', {
			name: 'CallAidan Trigger',
			type: 'n8n-nodes-outreach.callAidanTrigger',
			webhookId: 'e2e-callaidan-trigger',
			parameters: { filters: { statuses: ['did-succeed'], minimumScore: 50 } },
			credentials: { callAidanWebhookApi: credential },
		});
		const url = `${n8n.url}/webhook/e2e-callaidan-trigger/callaidan`;
		await waitForWebhook(url);
		const good = callAidanCall(1);
		const noTranscript = callAidanCall(2, { transcript: null, score: 50 });
		const refused = [
			401,
			{ error: 'The webhook URL has no token, or not the one in the CallAidan Webhook credential' },
		];
		const ignored = [200, { received: true, started: false }];
		const cases: Array<[string, Json, string | undefined, unknown[]]> = [
			['with the token', good, CALLAIDAN_WEBHOOK_TOKEN, [200, { message: 'Workflow was started' }]],
			['without a token', callAidanCall(3), undefined, refused],
			['with a wrong token', callAidanCall(4), 'cat_wrong-token-0000000', refused],
			[
				'not answered (status filter)',
				callAidanCall(5, { status: 'did-not-answer' }),
				CALLAIDAN_WEBHOOK_TOKEN,
				ignored,
			],
			['scored 49 (minimum 50)', callAidanCall(6, { score: 49 }), CALLAIDAN_WEBHOOK_TOKEN, ignored],
			[
				'scored 50, no transcript',
				noTranscript,
				CALLAIDAN_WEBHOOK_TOKEN,
				[200, { message: 'Workflow was started' }],
			],
		];
		const answers: SentDelivery[] = [];
		for (const [name, call, token, expected] of cases) {
			const sent = await sendCallAidanCall(url, call, token);
			answers.push(sent);
			checks.equal(`a call ${name} is answered ${String(expected[0])}`, answered(sent), expected);
		}
		await waitForExecutions(editor, workflow.id, 2, 30_000);
		await sleep(2000);
		checks.equal(
			'exactly two executions ran, each with the call as sent and its delivery key',
			await triggerOutputs(editor, workflow.id, 'CallAidan Trigger'),
			[
				[{ ...good, deliveryKey: `call:${String(good.id)}` }],
				[{ ...noTranscript, deliveryKey: `call:${String(noTranscript.id)}` }],
			],
		);
		checks.equal(
			'no answer repeats the token',
			answers.filter((sent) => sent.body.includes(CALLAIDAN_WEBHOOK_TOKEN)).length,
			0,
		);
	});

	await checks.section('Guayaba Trigger: contacts added between polls', async () => {
		const { guayaba } = sandbox;
		guayaba.reset();
		// two contacts a page, so that a poll reads several pages
		guayaba.contactsPageCap = 2;
		const add = async (phone: string, at: string) => {
			guayaba.now = () => new Date(at);
			const response = await fetch(`${guayaba.url}/contacts`, {
				method: 'POST',
				headers: { 'X-API-Key': GUAYABA_KEY, 'Content-Type': 'application/json' },
				body: JSON.stringify({ phoneNumber: phone, campaignId: CAMPAIGNS[0].id }),
			});
			if (response.status !== 201) throw new Error(`the sandbox refused ${phone}`);
		};
		const workflow = await createActiveWorkflow(editor, 'e2e: Guayaba Trigger', {
			name: 'Guayaba Trigger',
			type: 'n8n-nodes-outreach.guayabaTrigger',
			parameters: { event: 'contactCreated', pollTimes: { item: [{ mode: 'everyMinute' }] } },
			credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
		});
		const contactReads = () =>
			guayaba.received.filter(
				(request) => request.method === 'GET' && request.path === '/contacts',
			);
		// n8n polls once on activation, a moment after it answers; it only notes where to start
		const activated = Date.now();
		while (contactReads().length === 0 && Date.now() - activated < 75_000) await sleep(500);
		say(
			`the Guayaba Trigger first polled ${Math.round((Date.now() - activated) / 1000)} s after activation`,
		);
		await sleep(2000);
		checks.equal(
			'its first poll started nothing for the contacts already there',
			[
				contactReads().length > 0,
				(await triggerOutputs(editor, workflow.id, 'Guayaba Trigger')).length,
			],
			[true, 0],
		);

		const first = ['+14155550201', '+14155550202', '+14155550203'];
		await add(first[0], '2026-07-01T09:00:00.000Z');
		await add(first[1], '2026-07-01T09:00:01.000Z');
		await add(first[2], '2026-07-01T09:00:01.000Z');
		say('waiting for the Guayaba Trigger to poll (every minute)');
		const polledAt = Date.now();
		await waitForExecutions(editor, workflow.id, 1, 75_000);
		say(`it polled after ${Math.round((Date.now() - polledAt) / 1000)} s`);

		// the same timestamp as the last two, and a later one; n8n polls again on activation
		const second = ['+14155550204', '+14155550205'];
		await add(second[0], '2026-07-01T09:00:01.000Z');
		await add(second[1], '2026-07-01T09:05:00.000Z');
		await sleep(2000);
		await reactivate(editor, workflow.id);
		await waitForExecutions(editor, workflow.id, 2, 75_000);
		await sleep(2000);
		const outputs = await triggerOutputs(editor, workflow.id, 'Guayaba Trigger');
		const phonesOf = (items: Json[]) => items.map((item) => [item.event, item.phoneNumber]);
		checks.equal(
			'two executions: the contacts of each interval, each once, oldest first',
			outputs.map(phonesOf),
			[first, second].map((phones) => phones.map((phone) => ['contactCreated', phone])),
		);
		checks.equal(
			'the polls read several pages, sorted by createdAt, newest first',
			contactReads().every(
				(request) => request.query.sortBy === 'createdAt' && request.query.sortOrder === 'desc',
			) &&
				guayaba.received.some(
					(request) => request.path === '/contacts' && request.query.page === '2',
				),
			true,
		);
		await editor.call('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
		guayaba.reset();
	});

	await checks.section('the webhook secrets appear nowhere n8n printed', async () => {
		const printed = n8n.printed.join('');
		checks.equal(
			'no signing secret and no token in the log',
			[QYVO_SIGNING_SECRET, CALLAIDAN_WEBHOOK_TOKEN].filter((secret) => printed.includes(secret))
				.length,
			0,
		);
	});
}
