/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: it runs in Jest and the sandbox script, never inside n8n */
import {
	createServer,
	type IncomingHttpHeaders,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { ServerRateLimit, type RateLimit } from './rateLimits';

export type { RateLimit, ServerBehaviour } from './rateLimits';

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** The parsed JSON body, `undefined` when none was sent. */
	body: unknown;
	rawBody: string;
	/** When it arrived, in ms since the epoch. */
	at: number;
	/** The status it was answered with; undefined when its connection was dropped. */
	status?: number;
}

export interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How long the server takes to answer, as a slow API does. */
	delayMs?: number;
}

export type Handler = (request: ReceivedRequest) => Answer | Promise<Answer>;

/** An answer sent `bytes` bytes at a time, one piece every `everyMs`. */
export interface Trickle {
	trickle: Answer & { everyMs: number; bytes: number };
}

/**
 * An answer forced on the next request; `reset` drops its connection without a word, `silence`
 * keeps it open and never answers, `echo` answers with that status and a body that repeats the
 * request's key, headers and body, `trickle` sends its answer slowly.
 */
export type Fault = Answer | 'reset' | 'silence' | { echo: number } | Trickle;

const CONTROL = '/__sandbox';

/**
 * An answer that repeats the key the request carried in its words (`Invalid API key gua_...`), and
 * its headers and body in full, as a careless API or a proxy does.
 */
function echoed(status: number, request: ReceivedRequest): Answer {
	const key = String(request.headers['x-api-key'] ?? request.headers.authorization ?? '');
	return {
		status,
		body: {
			error: `Invalid API key ${key.replace(/^Bearer /, '')}`,
			received: { headers: request.headers, body: request.rawBody },
		},
	};
}

/**
 * A real HTTP server on 127.0.0.1 that records every request it receives and answers through a
 * handler, standing in for a vendor's API. Under /__sandbox it answers the tests and scripts that
 * drive it: `GET /__sandbox/requests` lists what it received, `POST /__sandbox/reset` starts over.
 */
export class LoopbackServer {
	readonly received: ReceivedRequest[] = [];

	/** Requests answered 429 by the rate limit, counted apart from `received`. */
	refused = 0;

	private server?: Server;

	private limit?: ServerRateLimit;

	private readonly faults: Array<{ fault: Fault; applies: (request: ReceivedRequest) => boolean }> =
		[];

	/** Control routes of one vendor's fake, by `METHOD /__sandbox/...`. */
	protected readonly vendorControls = new Map<string, (request: ReceivedRequest) => Answer>();

	/** Connections a `silence` fault holds open, dropped when the server stops. */
	private readonly silenced = new Set<Socket>();

	constructor(private readonly handle: Handler) {}

	/**
	 * Enforces `requests` per window of `windowMs`, answering 429 beyond it, as the vendors do, and
	 * tells as much of it as `limit.says`.
	 */
	setRateLimit(limit: RateLimit | undefined): void {
		this.limit = limit && new ServerRateLimit(limit);
	}

	/** The next requests get these answers, in order, before any other rule. */
	injectFaults(...faults: Fault[]): void {
		this.injectFaultsWhere(() => true, ...faults);
	}

	/** The next requests that `applies` accepts get these answers, in order. */
	injectFaultsWhere(applies: (request: ReceivedRequest) => boolean, ...faults: Fault[]): void {
		this.faults.push(...faults.map((fault) => ({ fault, applies })));
	}

	private readonly awaited: Array<{ count: number; resolve: () => void }> = [];

	/**
	 * Resolves once the server has received `count` requests (control routes aside): the event a
	 * test waits for, instead of a sleep that may be too short on a busy machine.
	 */
	async sawRequests(count: number): Promise<void> {
		if (this.received.length >= count) return;
		await new Promise<void>((resolve) => this.awaited.push({ count, resolve }));
	}

	private tellWaiters(): void {
		for (const waiter of [...this.awaited]) {
			if (this.received.length < waiter.count) continue;
			this.awaited.splice(this.awaited.indexOf(waiter), 1);
			waiter.resolve();
		}
	}

	/** The vendor's 429 body; each fake gives its vendor's own shape. */
	protected rateLimitedBody(retryAfterSeconds: number | undefined): unknown {
		return { error: 'Too Many Requests', retryAfter: retryAfterSeconds };
	}

	/** The rate-limit headers of an accepted request, or the 429 of a refused one. */
	private rateLimit(): { refusal?: Answer; headers?: Record<string, string> } {
		if (!this.limit) return {};
		const { accepted, headers, retryAfterSeconds } = this.limit.count(Date.now());
		if (accepted) return { headers };
		this.refused++;
		return { refusal: { status: 429, body: this.rateLimitedBody(retryAfterSeconds), headers } };
	}

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
					at: Date.now(),
				};
				let answer: Answer;
				if (request.path.startsWith(CONTROL)) {
					answer = this.control(request);
				} else {
					this.received.push(request);
					this.tellWaiters();
					const index = this.faults.findIndex((entry) => entry.applies(request));
					const fault = index === -1 ? undefined : this.faults.splice(index, 1)[0].fault;
					if (fault === 'reset') {
						req.socket.destroy();
						return;
					}
					if (fault === 'silence') {
						this.silenced.add(req.socket);
						req.socket.once('close', () => this.silenced.delete(req.socket));
						return;
					}
					if (fault !== undefined && 'trickle' in fault) {
						request.status = fault.trickle.status;
						this.trickle(res, fault.trickle);
						return;
					}
					if (fault !== undefined) {
						answer = 'echo' in fault ? echoed(fault.echo, request) : fault;
					} else {
						const { refusal, headers } = this.rateLimit();
						answer = refusal ?? (await this.handle(request));
						// every answer tells what the server tells of its budget, successes and failures alike
						if (headers) answer = { ...answer, headers: { ...headers, ...answer.headers } };
					}
					request.status = answer.status;
					if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
				}
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
			// A bulk run opens thousands of connections at once. With Node's default backlog (511) the
			// kernel drops the connections beyond it and the client retries them a second later,
			// so every bulk timing measured that retry instead of the requests.
			this.server!.listen({ port, host: '127.0.0.1', backlog: 4096 }, resolve);
		});
		return this;
	}

	private trickle(
		response: ServerResponse,
		{ status, body, headers, everyMs, bytes }: Trickle['trickle'],
	): void {
		const text = typeof body === 'string' ? body : JSON.stringify(body ?? {});
		const socket = response.socket!;
		this.silenced.add(socket);
		response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		let sent = 0;
		const timer = setInterval(() => {
			response.write(text.slice(sent, sent + bytes));
			sent += bytes;
			if (sent >= text.length) {
				clearInterval(timer);
				response.end();
			}
		}, everyMs);
		socket.once('close', () => {
			clearInterval(timer);
			this.silenced.delete(socket);
		});
	}

	private control(request: ReceivedRequest): Answer {
		if (request.method === 'GET' && request.path === `${CONTROL}/requests`) {
			return { status: 200, body: { received: this.received, refused: this.refused } };
		}
		if (request.method === 'POST' && request.path === `${CONTROL}/rate-limit`) {
			this.setRateLimit(request.body as RateLimit);
			return { status: 200, body: { rateLimit: request.body } };
		}
		if (request.method === 'POST' && request.path === `${CONTROL}/reset`) {
			this.reset();
			return { status: 200, body: { reset: true } };
		}
		const vendorControl = this.vendorControls.get(`${request.method} ${request.path}`);
		if (vendorControl) return vendorControl(request);
		return { status: 404, body: { error: `No sandbox control at ${request.path}` } };
	}

	reset(): void {
		this.received.length = 0;
		this.refused = 0;
		this.faults.length = 0;
		this.setRateLimit(undefined);
	}

	async stop(): Promise<void> {
		for (const socket of this.silenced) socket.destroy();
		await new Promise<void>((resolve, reject) =>
			this.server?.close((error) => (error ? reject(error) : resolve())),
		);
	}
}
