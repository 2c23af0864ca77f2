/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { seedCallAidanContacts } from '../sandbox/callAidan';
import { CAMPAIGNS, GUAYABA_KEY } from '../sandbox/guayaba';
import type { Sandbox } from '../sandbox/main';
import { seedQyvoContacts } from '../sandbox/qyvo';
import type { ReceivedRequest } from '../sandbox/server';
import {
	CALLAIDAN_WEBHOOK_TOKEN,
	callAidanCall,
	postRaw,
	QYVO_SIGNING_SECRET,
	qyvoDelivery,
	sendCallAidanCall,
	sendQyvoDelivery,
	type SentDelivery,
} from '../sandbox/webhooks';
import type { Checks } from './e2e-checks';
import { unflatten } from './e2e/triggers';
import { ROOT, say, SANDBOX_CREDENTIALS, type EditorApi, type N8nInstance } from './n8n-instance';

type Json = Record<string, unknown>;

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const EXAMPLE = 'examples/triggers-once-per-delivery.json';

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

interface ExecutionRun {
	id: string;
	status: string;
	mode: string;
	/** Items out of each node that ran; a node that did not run is absent. */
	outputs: Record<string, Json[]>;
}

/** Which worker (1 or 2) logged that it started the execution. */
export function workerOf(workers: N8nInstance[], executionId: string): number | undefined {
	const index = workers.findIndex((worker) =>
		new RegExp(`Worker started execution ${executionId} \\(`).test(worker.printed.join('')),
	);
	return index === -1 ? undefined : index + 1;
}

/** The finished executions of a workflow, oldest first, once there are `count` of them. */
async function finishedExecutions(
	editor: EditorApi,
	workflowId: string,
	count: number,
	timeoutMs = 60_000,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { results } = await editor.call<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		const finished = results
			.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status))
			.sort((a, b) => Number(a.id) - Number(b.id));
		if (finished.length >= count || Date.now() > deadline) return finished;
		await sleep(500);
	}
}

async function executionRun(editor: EditorApi, id: string): Promise<ExecutionRun> {
	const execution = await editor.call<{ status: string; mode: string; data: string }>(
		'GET',
		`/rest/executions/${id}`,
	);
	const data = unflatten(execution.data) as {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Json }>> } }>>;
		};
	};
	const outputs = Object.fromEntries(
		Object.entries(data.resultData.runData).map(([node, runs]) => [
			node,
			(runs[0]?.data?.main[0] ?? []).map((item) => item.json),
		]),
	);
	return { id, status: execution.status, mode: execution.mode, outputs };
}

async function createCredential(editor: EditorApi, type: string, name: string, data: Json) {
	const { id } = await editor.call<{ id: string }>('POST', '/rest/credentials', {
		name,
		type,
		data,
	});
	return { id, name };
}

async function createActiveWorkflow(editor: EditorApi, workflow: Json): Promise<string> {
	const created = await editor.call<{ id: string; versionId: string }>(
		'POST',
		'/rest/workflows',
		workflow,
	);
	await editor.call('POST', `/rest/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	return created.id;
}

/** Waits until a webhook process serves a trigger's URL: a bare probe is refused there with 401. */
async function waitForTriggerWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if ((await postRaw(url, '{}', {})).status === 401) return;
		await sleep(500);
	}
	throw new Error(`no webhook process served ${url} within 30 s of activation`);
}

const answered = (sent: SentDelivery) => {
	try {
		return [sent.status, JSON.parse(sent.body) as unknown];
	} catch {
		return [sent.status, sent.body];
	}
};

const STARTED = [200, { message: 'Workflow was started' }];
const REPLAY = [200, { received: true, started: false, reason: 'replay' }];

/** A message.received from the sandbox Qyvo's first contact, who wrote within the last day. */
function qyvoMessage(n: number): Json {
	const { id, phone, name } = seedQyvoContacts()[0];
	const delivery = qyvoDelivery('message.received', n) as { message: Json; contact: Json };
	return {
		...delivery,
		message: { ...delivery.message, contact_id: id, contact_phone: phone, contact_name: name },
		contact: { ...delivery.contact, id, phone, name },
	};
}

/** A completed call with the sandbox CallAidan's first contact. */
function callWithContact(n: number): Json {
	const call = callAidanCall(n);
	return { ...call, contact: { ...(call.contact as Json), id: seedCallAidanContacts()[0].id } };
}

export interface ScaledOut {
	editor: EditorApi;
	workers: N8nInstance[];
	/** The `n8n webhook` processes. */
	webhooks: N8nInstance[];
	sandbox: Sandbox;
}

/**
 * Qyvo and CallAidan deliveries through two `n8n webhook` processes, into the example workflow
 * that puts Remove Duplicates on each item's delivery key: each delivery to either process runs
 * once, forged ones are refused, a replay reaching the other process is not started (Qyvo) or
 * reaches nothing after Remove Duplicates (a Qyvo retry signed again, a CallAidan replay).
 * Each delivery that starts a run is sent once the previous run has finished: two runs that reach
 * Remove Duplicates at the same moment read and write its history without a lock.
 */
export async function checkWebhookProcesses(checks: Checks, scaled: ScaledOut): Promise<void> {
	const { editor, workers, webhooks, sandbox } = scaled;
	const began = Date.now();
	const qyvoCredential = await createCredential(editor, 'qyvoWebhookApi', 'Qyvo webhook (queue)', {
		signingSecret: QYVO_SIGNING_SECRET,
	});
	const callAidanCredential = await createCredential(
		editor,
		'callAidanWebhookApi',
		'CallAidan webhook (queue)',
		{ token: CALLAIDAN_WEBHOOK_TOKEN },
	);
	const example = JSON.parse(readFileSync(path.join(ROOT, EXAMPLE), 'utf8')) as {
		name: string;
		nodes: Json[];
		connections: Json;
		settings: Json;
	};
	const triggerCredentials: Record<string, Json> = {
		'n8n-nodes-outreach.qyvoTrigger': { qyvoWebhookApi: qyvoCredential },
		'n8n-nodes-outreach.callAidanTrigger': { callAidanWebhookApi: callAidanCredential },
	};
	const workflowId = await createActiveWorkflow(editor, {
		name: `queue mode: ${example.name}`,
		nodes: example.nodes.map((node) => {
			const credentials = triggerCredentials[String(node.type)];
			return credentials ? { ...node, credentials } : node;
		}),
		connections: example.connections,
		settings: example.settings,
		active: false,
	});
	const webhookIdOf = (type: string) =>
		String(example.nodes.find((node) => node.type === type)?.webhookId);
	const qyvoUrls = webhooks.map(
		(process) => `${process.url}/webhook/${webhookIdOf('n8n-nodes-outreach.qyvoTrigger')}/qyvo`,
	);
	const callAidanUrls = webhooks.map(
		(process) =>
			`${process.url}/webhook/${webhookIdOf('n8n-nodes-outreach.callAidanTrigger')}/callaidan`,
	);
	for (const url of [...qyvoUrls, ...callAidanUrls]) await waitForTriggerWebhook(url);
	sandbox.qyvo.reset();
	sandbox.callAidan.reset();

	let started = 0;
	/** Sends a delivery that must start a run, and waits until that run has finished. */
	const startOne = async (send: () => Promise<SentDelivery>): Promise<SentDelivery> => {
		const sent = await send();
		if (sent.status === 200 && sent.body.includes('Workflow was started')) {
			started++;
			await finishedExecutions(editor, workflowId, started);
		}
		return sent;
	};

	await checks.section(
		'Qyvo Trigger behind two n8n webhook processes, then Remove Duplicates on the delivery key',
		async () => {
			const [first, second] = [qyvoMessage(201), qyvoMessage(202)];
			const toFirst = await startOne(() => sendQyvoDelivery(qyvoUrls[0], first));
			const toSecond = await startOne(() => sendQyvoDelivery(qyvoUrls[1], second));
			checks.equal(
				'a signed message.received to webhook process 1, another to process 2: both started',
				[answered(toFirst), answered(toSecond)],
				[STARTED, STARTED],
			);
			const forged: Array<[string, () => Promise<SentDelivery>, string]> = [
				[
					'unsigned, to process 1',
					() => sendQyvoDelivery(qyvoUrls[0], qyvoMessage(203), { unsigned: true }),
					'The delivery has no signature',
				],
				[
					'signed with another secret, to process 2',
					() => sendQyvoDelivery(qyvoUrls[1], qyvoMessage(204), { secret: 'whsec_forged' }),
					'The signature does not match',
				],
				[
					'signed 10 minutes ago, to process 1',
					() => sendQyvoDelivery(qyvoUrls[0], qyvoMessage(205), { skewSeconds: -600 }),
					'The signature is more than 5 minutes old or ahead',
				],
				[
					"with the first delivery's signature on a changed body, to process 2",
					() =>
						postRaw(
							qyvoUrls[1],
							toFirst.request.rawBody.replace('Hello', 'Hellp'),
							toFirst.request.headers,
						),
					'The signature does not match',
				],
			];
			for (const [name, send, reason] of forged)
				checks.equal(`a delivery ${name} is refused with 401`, answered(await startOne(send)), [
					401,
					{ error: reason },
				]);
			const replays = [
				await startOne(() =>
					postRaw(qyvoUrls[1], toFirst.request.rawBody, toFirst.request.headers),
				),
				await startOne(() =>
					postRaw(qyvoUrls[0], toSecond.request.rawBody, toSecond.request.headers),
				),
			];
			checks.equal(
				'each delivery replayed as it was to the other process is acknowledged and not started: the signature is in the static data process 1 or 2 saved',
				replays.map(answered),
				[REPLAY, REPLAY],
			);
			const retry = await startOne(() =>
				sendQyvoDelivery(qyvoUrls[1], first, { skewSeconds: -30 }),
			);
			checks.equal(
				'the first delivery signed again (as a vendor retry is), to process 2: started',
				answered(retry),
				STARTED,
			);

			const runs = await Promise.all(
				(await finishedExecutions(editor, workflowId, 3)).map(
					async (execution) => await executionRun(editor, execution.id),
				),
			);
			const keyOf = (delivery: Json) => `message.received:${String((delivery.message as Json).id)}`;
			checks.equal(
				'three runs, all succeeded, started by webhook, on the workers',
				runs.map((run) => [run.status, run.mode, workerOf(workers, run.id) !== undefined]),
				Array(3).fill(['success', 'webhook', true]),
			);
			checks.equal(
				'the trigger gave each run its delivery key; Remove Duplicates let the first two through and stopped the retry, so "Acknowledge on WhatsApp" ran twice',
				runs.map((run) => [
					run.outputs['WhatsApp message received']?.map((item) => item.deliveryKey),
					run.outputs['Each message once']?.length,
					run.outputs['Acknowledge on WhatsApp']?.length,
				]),
				[
					[[keyOf(first)], 1, 1],
					[[keyOf(second)], 1, 1],
					[[keyOf(first)], 0, undefined],
				],
			);
			const sends = sandbox.qyvo.received.filter((request) =>
				request.path.endsWith('/actions/send-text-message'),
			);
			checks.equal(
				'the sandbox Qyvo received two acknowledgements, both to the contact who wrote',
				sends.map((request) => [request.status, (request.body as Json).phone]),
				Array(2).fill([200, seedQyvoContacts()[0].phone]),
			);
			const { staticData } = await editor.call<{ staticData?: Json }>(
				'GET',
				`/rest/workflows/${workflowId}`,
			);
			const signatures = (staticData?.['node:WhatsApp message received'] as Json | undefined)
				?.signatures as Json | undefined;
			say(
				`the workflow's static data in PostgreSQL holds ${signatures ? Object.keys(signatures).length : 'no'} accepted Qyvo signature(s)`,
			);
		},
	);

	await checks.section(
		'CallAidan Trigger behind two n8n webhook processes, then Remove Duplicates on the delivery key',
		async () => {
			const before = started;
			const [first, second] = [callWithContact(301), callWithContact(302)];
			const toFirst = await startOne(() =>
				sendCallAidanCall(callAidanUrls[0], first, CALLAIDAN_WEBHOOK_TOKEN),
			);
			const toSecond = await startOne(() =>
				sendCallAidanCall(callAidanUrls[1], second, CALLAIDAN_WEBHOOK_TOKEN),
			);
			checks.equal(
				'a completed call to webhook process 1, another to process 2, with the token: both started',
				[answered(toFirst), answered(toSecond)],
				[STARTED, STARTED],
			);
			const refused = [
				401,
				{
					error: 'The webhook URL has no token, or not the one in the CallAidan Webhook credential',
				},
			];
			checks.equal(
				'a call without the token to process 1, and one with a wrong token to process 2, are refused with 401',
				[
					answered(await startOne(() => sendCallAidanCall(callAidanUrls[0], callWithContact(303)))),
					answered(
						await startOne(() =>
							sendCallAidanCall(callAidanUrls[1], callWithContact(304), 'cat_forged-token-000000'),
						),
					),
				],
				[refused, refused],
			);
			const target = new URL(callAidanUrls[1]);
			target.searchParams.set('token', CALLAIDAN_WEBHOOK_TOKEN);
			const replay = await startOne(() => postRaw(target.toString(), toFirst.request.rawBody, {}));
			checks.equal(
				'the first call replayed to process 2 is started (CallAidan signs nothing to tell it apart)',
				answered(replay),
				STARTED,
			);

			const finished = await finishedExecutions(editor, workflowId, before + 3);
			const runs = await Promise.all(
				finished.slice(before).map(async (execution) => await executionRun(editor, execution.id)),
			);
			checks.equal(
				'three runs, all succeeded, started by webhook, on the workers',
				runs.map((run) => [run.status, run.mode, workerOf(workers, run.id) !== undefined]),
				Array(3).fill(['success', 'webhook', true]),
			);
			checks.equal(
				'Remove Duplicates let the two calls through and stopped the replay: "Call summary to the contact" ran twice',
				runs.map((run) => [
					run.outputs['Call completed']?.map((item) => item.deliveryKey),
					run.outputs['Each call once']?.length,
					run.outputs['Call summary to the contact']?.length,
				]),
				[
					[[`call:${String(first.id)}`], 1, 1],
					[[`call:${String(second.id)}`], 1, 1],
					[[`call:${String(first.id)}`], 0, undefined],
				],
			);
			const patches = sandbox.callAidan.received.filter(
				(request: ReceivedRequest) => request.method === 'PATCH',
			);
			checks.equal(
				"the sandbox CallAidan received two updates, each with its call's summary",
				patches.map((request) => [
					request.status,
					String((request.body as Json).notes).endsWith(String(first.summary))
						? 'call 301'
						: String((request.body as Json).notes).endsWith(String(second.summary))
							? 'call 302'
							: 'other',
				]),
				[
					[200, 'call 301'],
					[200, 'call 302'],
				],
			);
			checks.equal(
				`the workflow ran ${started} times in all: no forged delivery and no Qyvo replay started it`,
				(await finishedExecutions(editor, workflowId, started, 0)).length,
				6,
			);
		},
	);
	await editor.call('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	say(`webhook processes: ${((Date.now() - began) / 1000).toFixed(0)} s`);
}

/** How long the polling check watches after the first poll: more than a minute, so that any process polling once a minute shows. */
const POLL_WATCH_MS = 65_000;

/**
 * A Guayaba Trigger polling every minute while two workers and two webhook processes run with the
 * package installed: only the main instance polls, at activation and then once a minute, always at
 * the same second of the minute (n8n's cron for the trigger picks one at random); a poll that finds
 * contacts starts one execution, which a worker runs. It starts the workflow and returns at once;
 * the returned function waits until 65 s have passed since the first poll, then checks.
 */
export async function startPollingCheck(
	checks: Checks,
	scaled: ScaledOut,
): Promise<() => Promise<void>> {
	const { editor, workers, sandbox } = scaled;
	const { guayaba } = sandbox;
	guayaba.reset();
	const began = Date.now();
	const workflowId = await createActiveWorkflow(editor, {
		name: 'queue mode: Guayaba Trigger every minute',
		nodes: [
			{
				id: 'g1',
				name: 'Guayaba Trigger',
				type: 'n8n-nodes-outreach.guayabaTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { event: 'contactCreated', pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	const polls = () =>
		guayaba.received.filter(
			(request) =>
				request.method === 'GET' && request.path === '/contacts' && request.query.page === '1',
		);
	const addContact = async (phone: string) => {
		const response = await fetch(`${guayaba.url}/contacts`, {
			method: 'POST',
			headers: { 'X-API-Key': GUAYABA_KEY, 'Content-Type': 'application/json' },
			body: JSON.stringify({ phoneNumber: phone, campaignId: CAMPAIGNS[0].id }),
		});
		if (response.status !== 201) throw new Error(`the sandbox refused ${phone}`);
	};
	const added = ['+14155550301', '+14155550302'];

	const observed = (async () => {
		const deadline = Date.now() + 30_000;
		while (polls().length === 0 && Date.now() < deadline) await sleep(250);
		if (polls().length === 0) throw new Error('n8n did not poll within 30 s of activation');
		// after the poll at activation, which only notes where to start
		for (const phone of added) await addContact(phone);
		while (Date.now() < polls()[0].at + POLL_WATCH_MS || polls().length < 2) {
			if (Date.now() > polls()[0].at + 2 * POLL_WATCH_MS) break;
			await sleep(500);
		}
		const executions = await finishedExecutions(editor, workflowId, 1, 30_000);
		await editor.call('POST', `/rest/workflows/${workflowId}/deactivate`, {});
		return executions;
	})();
	observed.catch(() => undefined);

	return async () => {
		await checks.section(
			'Guayaba Trigger polling every minute, with two workers and two webhook processes running',
			async () => {
				const executions = await observed;
				const at = polls().map((request) => request.at);
				const later = at.slice(1);
				say(
					`polls at ${at.map((time) => `${((time - at[0]) / 1000).toFixed(1)} s`).join(', ')} after the first (${(POLL_WATCH_MS / 1000).toFixed(0)} s watched)`,
				);
				checks.equal(
					`main polled at activation, then once a minute: in the ${(POLL_WATCH_MS / 1000).toFixed(0)} s after, one more poll, or two 60 s apart (no worker or webhook process polled)`,
					later.length === 1 ||
						(later.length === 2 && Math.abs(later[1] - later[0] - 60_000) <= 2_000),
					true,
				);
				const runs = await Promise.all(
					executions.map(async (execution) => await executionRun(editor, execution.id)),
				);
				checks.equal(
					'the poll after the contacts were added started one execution, which a worker ran, with both contacts once',
					runs.map((run) => [
						run.status,
						run.mode,
						workerOf(workers, run.id) !== undefined,
						run.outputs['Guayaba Trigger']?.map((item) => item.phoneNumber),
					]),
					[['success', 'trigger', true, added]],
				);
				say(`Guayaba polling: ${((Date.now() - began) / 1000).toFixed(0)} s`);
			},
		);
	};
}
