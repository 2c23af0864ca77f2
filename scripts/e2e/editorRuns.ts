/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import type { EditorApi } from '../n8n-instance';

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion?: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
}

export interface StoredError {
	name?: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
}

export interface TaskData {
	error?: StoredError;
	data?: Record<
		string,
		Array<Array<{
			json: Record<string, unknown>;
			pairedItem?: { item: number } | Array<{ item: number }>;
		}> | null>
	>;
}

export interface RunData {
	resultData: { runData: Record<string, TaskData[]>; error?: StoredError };
}

/** n8n stores run data in the `flatted` format: every object and string an index into one array. */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		if (revived.has(index)) return revived.get(index);
		const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, entry] of Object.entries(value)) {
			(copy as Record<string, unknown>)[key] =
				typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return copy;
	};
	return revive(0);
}

/** Saves a workflow as the editor does; returns it as n8n stored it. */
export async function saveWorkflow(editor: EditorApi, workflow: Workflow): Promise<Workflow> {
	const nodes = workflow.nodes.map((node, index) => ({
		id: `e2e-${index}`,
		typeVersion: 1,
		position: [index * 220, 0],
		...node,
	}));
	return await editor.call<Workflow>('POST', '/rest/workflows', {
		// n8n 1.x requires `active`
		active: false,
		settings: { executionOrder: 'v1' },
		...workflow,
		nodes,
	});
}

/** Waits until an execution has ended; its status and what it ran. */
export async function finishedExecution(
	editor: EditorApi,
	executionId: string,
	timeoutMs = 60_000,
): Promise<{ status: string; run: RunData }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await editor.call<{ finished: boolean; status: string; data: string }>(
			'GET',
			`/rest/executions/${executionId}`,
		);
		if (execution.finished || !['new', 'running', 'waiting'].includes(execution.status))
			return { status: execution.status, run: unflatten(execution.data) as RunData };
		if (Date.now() > deadline)
			throw new Error(
				`execution ${executionId} did not finish within ${Math.round(timeoutMs / 1000)} s`,
			);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * "Execute step" on `nodeName`, as the editor asks for it: on n8n 2.x the saved workflow runs, on
 * 1.x the one in the request; `agentRequest` holds what the $fromAI dialog collected.
 */
export async function executeStep(
	editor: EditorApi,
	workflow: Workflow,
	nodeName: string,
	agentRequest?: unknown,
): Promise<RunData> {
	const started = await editor.call<{ executionId?: string; waitingForWebhook?: boolean }>(
		'POST',
		`/rest/workflows/${workflow.id}/run`,
		{
			workflowData: workflow,
			destinationNode: { nodeName, mode: 'inclusive' },
			agentRequest,
		},
	);
	if (!started.executionId) throw new Error(`n8n started no execution: ${JSON.stringify(started)}`);
	return (await finishedExecution(editor, started.executionId)).run;
}

/**
 * "Execute workflow" as the editor asks for it, from its trigger `trigger`: on n8n 2.x the saved
 * workflow runs, on 1.x the one in the request. `extra` holds what the chat adds: n8n 2.x's chat
 * session, or n8n 1.x's message as the trigger's data. The execution's ID, or undefined when n8n
 * waits for a test event at the trigger's Test URL.
 */
export async function executeWorkflow(
	editor: EditorApi,
	workflow: Workflow,
	trigger: string,
	extra: { chatSessionId?: string; triggerData?: unknown } = {},
): Promise<string | undefined> {
	const started = await editor.call<{ executionId?: string; waitingForWebhook?: boolean }>(
		'POST',
		`/rest/workflows/${workflow.id}/run`,
		{
			workflowData: workflow,
			startNodes: [],
			triggerToStartFrom: { name: trigger, data: extra.triggerData },
			chatSessionId: extra.chatSessionId,
		},
	);
	if (started.executionId) return started.executionId;
	if (started.waitingForWebhook) return undefined;
	throw new Error(`n8n neither started nor waits: ${JSON.stringify(started)}`);
}

/** The newest execution of a workflow: its ID as a number, 0 when there is none. */
export async function lastExecutionId(editor: EditorApi, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { results } = await editor.call<{ results: Array<{ id: string }> }>(
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	return Math.max(0, ...results.map((execution) => Number(execution.id)));
}

/** Waits for an execution of the workflow newer than `after` to appear; its ID. */
export async function newExecution(
	editor: EditorApi,
	workflowId: string,
	after: number,
	timeoutMs = 30_000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const last = await lastExecutionId(editor, workflowId);
		if (last > after) return String(last);
		if (Date.now() > deadline)
			throw new Error(
				`no execution of workflow ${workflowId} appeared within ${Math.round(timeoutMs / 1000)} s`,
			);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The items a node output in its first run (its main output), as JSON. */
export function nodeItems(run: RunData, nodeName: string): Array<Record<string, unknown>> {
	return (run.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Which input item each output item of a node's first run is paired to. */
export function nodePairing(run: RunData, nodeName: string): Array<number | undefined> {
	return (run.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map(
		(item) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item,
	);
}

/** A workflow: a manual trigger, a Set node that outputs `rows` one item each, then `node`. */
export function rowsInto(name: string, rows: unknown[], node: WorkflowNode): Workflow {
	const connect = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
			},
			{
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				parameters: { fieldToSplitOut: 'rows', options: {} },
			},
			node,
		],
		connections: {
			Start: connect('Rows'),
			Rows: connect('One item per row'),
			'One item per row': connect(node.name),
		},
	};
}
