/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: it runs in Jest, never inside n8n */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialType, IHttpRequestOptions, INodeType } from 'n8n-workflow';

import { runNode } from '../helpers/engine';

/**
 * What n8n itself gives a declarative node when its execution is cancelled: the facts the nodes'
 * cancel handling (a `workflowExecuteAfter` hook, not the execution's signal) rests on. Run on the
 * n8n-core in node_modules; /work/briefing/triggers-research.md (A3) has the same on 1.123 and 2.41.
 */
describe("n8n's cancel signal and a declarative node (n8n's own engine)", () => {
	let server: Server;
	const requests: string[] = [];
	let requestArrived: () => void = () => undefined;
	let answerRequest: () => void = () => undefined;

	beforeAll(async () => {
		server = createServer((request, response) => {
			requests.push(String(request.url));
			// answered only when the test says so, like an API that is slow to answer
			answerRequest = () => response.writeHead(200).end('{}');
			requestArrived();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});

	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	const seenSignals: Array<IHttpRequestOptions['abortSignal']> = [];
	const credentialType: ICredentialType = {
		name: 'slowApi',
		displayName: 'Slow API',
		properties: [],
		authenticate: async (_credentials, requestOptions: IHttpRequestOptions) => {
			seenSignals.push(requestOptions.abortSignal);
			return requestOptions;
		},
	};
	const nodeType = (port: number): INodeType => ({
		description: {
			displayName: 'Slow',
			name: 'slow',
			group: ['transform'],
			version: 1,
			description: 'A declarative node with one request',
			defaults: { name: 'Slow' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'slowApi', required: true }],
			requestDefaults: { baseURL: `http://127.0.0.1:${port}` },
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					default: 'get',
					options: [
						{ name: 'Get', value: 'get', routing: { request: { method: 'GET', url: '/slow' } } },
					],
				},
			],
		},
	});

	it('gives the request no abort signal; the execution still ends as cancelled', async () => {
		const { port } = server.address() as AddressInfo;
		const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
		const running = runNode({
			nodeType: nodeType(port),
			credentialType,
			credentials: {},
			parameters: { operation: 'get' },
			cancelWhen: arrived,
		});
		// runNode cancels first; the request is answered only then (n8n's execution promise waits
		// for the node)
		void arrived.then(() => answerRequest());
		const { run } = await running;
		expect(requests).toEqual(['/slow']);
		// RoutingNode passes on the signal of the context WorkflowExecute gives it, which has none
		expect(seenSignals).toEqual([undefined]);
		expect(run.status).toBe('canceled');
	});
});
