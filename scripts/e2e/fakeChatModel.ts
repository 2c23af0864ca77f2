/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ChatRequest {
	messages: ChatMessage[];
	tools: string[];
}

/** What the model does with the next conversation: call one tool, then answer. */
export interface ChatPlan {
	/** Picks the tool to call among the names the agent offers. */
	tool: (name: string) => boolean;
	args: Json;
	answer: string;
}

/**
 * A chat model on loopback that speaks OpenAI's Chat Completions API, for n8n's OpenAI Chat Model
 * node (its credential's Base URL pointed here): given a user message, it calls the tool its plan
 * names with the plan's arguments; given the tool's result, it answers the plan's text. It keeps
 * every request, so a check can see what the agent offered and what the tool returned.
 */
export class FakeChatModel {
	readonly requests: ChatRequest[] = [];

	plan?: ChatPlan;

	private server?: Server;

	private calls = 0;

	url = '';

	async start(): Promise<this> {
		const server = createServer((request, response) => void this.answer(request, response));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise((resolve) => this.server?.close(resolve));
	}

	private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
			response.writeHead(404, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { message: `no ${request.method} ${request.url}` } }));
			return;
		}
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
			messages: ChatMessage[];
			tools?: Array<{ function: { name: string } }>;
			stream?: boolean;
		};
		const tools = (body.tools ?? []).map((tool) => tool.function.name);
		this.requests.push({ messages: body.messages, tools });
		const message = this.reply(body.messages, tools);
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-e2e-${this.requests.length}`, created: 1, model: 'gpt-4o-mini' };
		if (!body.stream) {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
			return;
		}
		response.writeHead(200, { 'Content-Type': 'text/event-stream' });
		const send = (choice: Json) =>
			response.write(
				`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`,
			);
		const delta = message.tool_calls
			? {
					role: 'assistant',
					content: null,
					tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
				}
			: { role: 'assistant', content: message.content };
		send({ index: 0, delta, finish_reason: null });
		send({ index: 0, delta: {}, finish_reason: finish });
		response.end('data: [DONE]\n\n');
	}

	private reply(messages: ChatMessage[], tools: string[]): ChatMessage {
		const last = messages.at(-1);
		const plan = this.plan;
		if (!plan) return { role: 'assistant', content: 'The e2e gave the model no plan.' };
		if (last?.role === 'tool') return { role: 'assistant', content: plan.answer };
		const tool = tools.find(plan.tool);
		if (!tool)
			return { role: 'assistant', content: `No tool fits the plan among: ${tools.join(', ')}` };
		return {
			role: 'assistant',
			content: null,
			tool_calls: [
				{
					id: `call_e2e_${++this.calls}`,
					type: 'function',
					function: { name: tool, arguments: JSON.stringify(plan.args) },
				},
			],
		};
	}
}
