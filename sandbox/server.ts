/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: it runs in Jest, never inside n8n */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** The parsed JSON body, `undefined` when none was sent. */
	body: unknown;
	rawBody: string;
}

export interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: ReceivedRequest) => Answer | Promise<Answer>;

const CONTROL = '/__sandbox';

/**
 * A real HTTP server on 127.0.0.1 that records every request it receives and answers through a
 * handler, standing in for a vendor's API. Under /__sandbox it answers the tests and scripts that
 * drive it: `GET /__sandbox/requests` lists what it received, `POST /__sandbox/reset` starts over.
 */
export class LoopbackServer {
	readonly received: ReceivedRequest[] = [];

	private server?: Server;

	constructor(private readonly handle: Handler) {}

	get url(): string {
		const { port } = this.server!.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	async start(port = 0): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', async () => {
				const rawBody = Buffer.concat(chunks).toString('utf8');
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				let body: unknown;
				try {
					body = rawBody === '' ? undefined : JSON.parse(rawBody);
				} catch {
					body = rawBody;
				}
				const request: ReceivedRequest = {
					method: req.method ?? '',
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					headers: req.headers,
					body,
					rawBody,
				};
				const answer = request.path.startsWith(CONTROL)
					? this.control(request)
					: (this.received.push(request), await this.handle(request));
				const text =
					answer.body === undefined
						? ''
						: typeof answer.body === 'string'
							? answer.body
							: JSON.stringify(answer.body);
				res.writeHead(answer.status, {
					'Content-Type': typeof answer.body === 'string' ? 'text/html' : 'application/json',
					...answer.headers,
				});
				res.end(text);
			});
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', resolve);
		});
		return this;
	}

	private control(request: ReceivedRequest): Answer {
		if (request.method === 'GET' && request.path === `${CONTROL}/requests`) {
			return { status: 200, body: this.received };
		}
		if (request.method === 'POST' && request.path === `${CONTROL}/reset`) {
			this.reset();
			return { status: 200, body: { reset: true } };
		}
		return { status: 404, body: { error: `No sandbox control at ${request.path}` } };
	}

	reset(): void {
		this.received.length = 0;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve, reject) =>
			this.server?.close((error) => (error ? reject(error) : resolve())),
		);
	}
}
