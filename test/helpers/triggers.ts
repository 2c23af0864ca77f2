/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: it runs in Jest, never inside n8n */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import {
	ObservableObject,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, type NodeUnderTest } from './engine';

/**
 * The workflow's row in n8n's database, as far as webhook calls use it: its static data, which
 * n8n's `LiveWebhooks.executeWebhook` reads with the workflow for every request and writes back
 * (`WorkflowStaticDataService.saveStaticData`) after the node's `webhook()` when it is marked
 * changed. Two servers given one row are two `n8n webhook` processes on one database. A new
 * workflow's static data is null, as in n8n's table.
 */
export class WorkflowRow {
	staticData = 'null';

	/** How many times a webhook call wrote the static data. */
	saves = 0;
}

/**
 * A webhook trigger of ours behind a real HTTP server on loopback, called as n8n's webhook server
 * calls it: the request's raw bytes in `rawBody`, the parsed JSON in `body`, the query in `query`,
 * then the node's `webhook` with n8n-core's WebhookContext, on a Workflow built for this request
 * with the static data of `row`. A run the node starts is recorded in `started` and answered as
 * n8n's `onReceived` mode answers it; anything else the node answers.
 */
export class WebhookTriggerServer {
	readonly started: INodeExecutionData[][][] = [];

	private server?: Server;

	constructor(
		private readonly underTest: NodeUnderTest,
		private readonly mode: WorkflowExecuteMode = 'webhook',
		readonly row = new WorkflowRow(),
	) {}

	get url(): string {
		const { port } = this.server!.address() as AddressInfo;
		return `http://127.0.0.1:${port}/webhook/test-workflow/${this.webhookPath}`;
	}

	private get webhookPath(): string {
		return String(this.underTest.nodeType.description.webhooks?.[0]?.path ?? '');
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => void this.handle(req, res, Buffer.concat(chunks)));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	private async handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const request = req as IncomingMessage & IDataObject;
		request.rawBody = rawBody;
		request.query = Object.fromEntries(url.searchParams);
		request.params = {};
		try {
			request.body = String(req.headers['content-type']).startsWith('application/json')
				? JSON.parse(rawBody.toString('utf8'))
				: {};
		} catch {
			request.body = {};
		}
		const { node, workflow } = buildWorkflow(this.underTest);
		// as n8n's Workflow constructor wraps the static data it is given (`|| {}` included)
		const loaded = JSON.parse(this.row.staticData) as IDataObject | null;
		const wrap = (data: IDataObject | null) =>
			ObservableObject.create(data ?? {}, undefined, { ignoreEmptyOnFirstChild: true });
		workflow.staticData = wrap(loaded);
		const additionalData = buildAdditionalData(this.underTest);
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const description = this.underTest.nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: this.webhookPath,
			webhookDescription: description,
			workflowId: 'test-workflow',
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			this.mode,
			webhookData,
			[],
			null,
		);
		try {
			const result = await this.underTest.nodeType.webhook!.call(context);
			// n8n 2.x: when n8n answers a run's request, it saves the static data only after
			// WorkflowRunner.run, which first builds Workflows of its own on the same loaded object
			// (establishContextForPersistence, WorkflowPreExecute); each wrap marks it unchanged
			if (result.workflowData && !result.noWebhookResponse && loaded !== null) wrap(loaded);
			if (workflow.staticData.__dataChanged === true) {
				this.row.staticData = JSON.stringify(workflow.staticData);
				this.row.saves++;
			}
			if (result.workflowData) this.started.push(result.workflowData);
			if (result.noWebhookResponse) return;
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify(
					result.workflowData ? { message: 'Workflow was started' } : result.webhookResponse,
				),
			);
		} catch (error) {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: (error as Error).message }));
		}
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

/** Runs a webhook trigger's activation (`checkExists`, then `create` when it says no), as n8n does. */
export async function activateWebhook(underTest: NodeUnderTest): Promise<void> {
	const { node, workflow } = buildWorkflow(underTest);
	const additionalData = buildAdditionalData(underTest);
	const description = underTest.nodeType.description.webhooks![0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: 'test-workflow',
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		webhookData,
	);
	const methods = underTest.nodeType.webhookMethods!.default!;
	if (!(await methods.checkExists.call(context))) await methods.create.call(context);
}

/**
 * A polling trigger of ours, polled as n8n's ActiveWorkflows polls it: one Workflow, so the
 * node's static data lives on between polls, and n8n-core's PollContext for each poll.
 */
export class PollingTrigger {
	private readonly built: ReturnType<typeof buildWorkflow>;

	constructor(private readonly underTest: NodeUnderTest) {
		this.built = buildWorkflow(underTest);
	}

	get staticData(): IDataObject {
		return this.built.workflow.getStaticData('node', this.built.node);
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const { node, workflow } = this.built;
		const context = new PollContext(
			workflow,
			node,
			buildAdditionalData(this.underTest),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const result = await this.underTest.nodeType.poll!.call(context);
		return result ? result[0] : null;
	}
}
