/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- a developer script that runs n8n, never loaded by n8n; the sandbox owner password is made up */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { CALLAIDAN_KEY } from '../sandbox/callAidan';
import { GUAYABA_KEY } from '../sandbox/guayaba';
import type { Sandbox } from '../sandbox/main';
import { QYVO_TOKEN } from '../sandbox/qyvo';
import { CALLAIDAN_WEBHOOK_TOKEN, QYVO_SIGNING_SECRET } from '../sandbox/webhooks';

// npm runs the scripts from the package root; the bundles live in node_modules/.cache
export const ROOT = process.cwd();
export const WORK = path.join(ROOT, 'node_modules/.cache/outreach');
/** Where scripts/n8n-runtime.sh installs n8n and Node 24, outside the repository. */
export const CACHE =
	process.env.N8N_OUTREACH_CACHE ?? path.join(process.env.HOME ?? '', '.cache/n8n-nodes-outreach');

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Outreach',
	lastName: 'Owner',
	password: 'Outreach-sandbox-1',
};

/** The credentials every example uses, by fixed ID, pointing at the sandbox APIs. */
export const SANDBOX_CREDENTIALS = {
	guayabaApi: { id: 'sandboxGuayaba01', name: 'Guayaba (sandbox)' },
	callAidanApi: { id: 'sandboxCallAidan1', name: 'CallAidan (sandbox)' },
	qyvoApi: { id: 'sandboxQyvo000001', name: 'Qyvo (sandbox)' },
};

/**
 * The webhook credentials the example triggers use, holding the secrets the sandbox signs its test
 * events with (`npm run send-event`).
 */
export const SANDBOX_WEBHOOK_CREDENTIALS = {
	qyvoWebhookApi: { id: 'sandboxQyvoHook01', name: 'Qyvo webhook (sandbox)' },
	callAidanWebhookApi: { id: 'sandboxCallAidanH', name: 'CallAidan webhook (sandbox)' },
};

export function say(message: string): void {
	process.stderr.write(`[outreach] ${message}\n`);
}

/** Numbered steps, so that a long first start shows where it is. */
export class Steps {
	private done = 0;

	constructor(private readonly total: number) {}

	next(message: string): void {
		this.done++;
		process.stderr.write(`[${this.done}/${this.total}] ${message}\n`);
	}
}

/** Where the build's and the n8n install's own output goes, instead of the terminal. */
export const BUILD_LOG = path.join(WORK, 'build.log');

/** A real n8n 2.x and the Node 24 it runs on, installed once into a cache outside the repo. */
export interface N8nRuntime {
	node: string;
	n8n: string;
	version: string;
}

/**
 * Runs scripts/n8n-runtime.sh and returns the `NAME=value` lines it prints, requiring `names`;
 * `--node-only` fetches Node 24 alone.
 */
export function runtimeScript<Name extends string>(
	names: Name[],
	args: string[] = [],
): Record<Name, string> {
	const output = execFileSync('bash', [path.join(ROOT, 'scripts/n8n-runtime.sh'), ...args], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const values = Object.fromEntries(
		output
			.split('\n')
			.map((line) => /^(\w+)=(.*)$/.exec(line))
			.filter((match) => match !== null)
			.map((match) => [match[1], match[2]]),
	) as Record<string, string>;
	const missing = names.filter((name) => !values[name]);
	if (missing.length > 0)
		throw new Error(`scripts/n8n-runtime.sh printed no ${missing.join('=, ')}= line:\n${output}`);
	return values as Record<Name, string>;
}

/**
 * The n8n version scripts/n8n-runtime.sh installs (OUTREACH_N8N_VERSION, or its default), and
 * whether it and the Node it runs on are in the cache already, so that the start says how long
 * the wait is.
 */
export function cachedRuntime(): { version: string; cached: boolean } {
	const script = readFileSync(path.join(ROOT, 'scripts/n8n-runtime.sh'), 'utf8');
	const version =
		process.env.OUTREACH_N8N_VERSION ??
		/^N8N_VERSION=\$\{OUTREACH_N8N_VERSION:-([^}]+)\}$/m.exec(script)?.[1] ??
		'';
	const nodeVersion = /^NODE_VERSION=(\S+)$/m.exec(script)?.[1] ?? '';
	const node =
		Number(process.versions.node.split('.')[0]) >= 24 ||
		existsSync(path.join(CACHE, `node-${nodeVersion}`, 'bin/node'));
	return { version, cached: node && existsSync(path.join(CACHE, `n8n-${version}`, '.complete')) };
}

/** The step that gets n8n and Node 24: how long it takes is said only when they are not cached yet. */
export function runtimeStep(): string {
	const { version, cached } = cachedRuntime();
	return cached
		? `n8n ${version} and Node 24, from ${CACHE}`
		: `n8n ${version} and Node 24 (the first time only: about 10 minutes and 3 GB in ${CACHE})`;
}

export function n8nRuntime(): N8nRuntime {
	const { NODE, N8N, VERSION } = runtimeScript(['NODE', 'N8N', 'VERSION']);
	return { node: NODE, n8n: N8N, version: VERSION };
}

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */
export function packPackage(): string {
	mkdirSync(WORK, { recursive: true });
	for (const old of readdirSync(WORK).filter((name) => name.endsWith('.tgz')))
		rmSync(path.join(WORK, old));
	const log = openSync(BUILD_LOG, 'w');
	const build = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', log, log],
	});
	closeSync(log);
	if (build.status !== 0) throw new Error(`the build failed: its output is in ${BUILD_LOG}`);
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', WORK], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.trim()
		.split('\n')
		.pop()!;
	return path.join(WORK, name);
}

export interface N8nInstanceOptions {
	/** Settings added to n8n's environment, for example another database or queue mode. */
	env?: Record<string, string>;
}

export class N8nInstance {
	private process?: ChildProcess;

	/** Everything n8n printed, from every CLI command and the server, for the secret check. */
	readonly printed: string[] = [];

	private cliRuns = 0;

	constructor(
		private readonly runtime: N8nRuntime,
		readonly home: string,
		readonly port: number,
		private readonly options: N8nInstanceOptions = {},
	) {}

	/** n8n's major version: 1 or 2. */
	get major(): number {
		return Number(this.runtime.version.split('.')[0]);
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	private get env(): NodeJS.ProcessEnv {
		return {
			// n8n starts its task runner with the `node` it finds first
			PATH: `${path.dirname(this.runtime.node)}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.home,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// `n8n execute` prints its result at the info level
			N8N_LOG_LEVEL: process.env.OUTREACH_N8N_LOG_LEVEL ?? 'info',
			DB_SQLITE_POOL_SIZE: '2',
			...this.options.env,
		};
	}

	/** Whether this user folder already holds an n8n database (workflows, credentials, owner). */
	get hasUserData(): boolean {
		return existsSync(path.join(this.home, '.n8n/database.sqlite'));
	}

	/**
	 * The tarball installed where n8n's own Community Nodes install puts packages
	 * (`<user folder>/.n8n/nodes/node_modules`), so node types are `n8n-nodes-outreach.guayaba`;
	 * n8n-workflow is left to n8n, as there. `fresh` starts from an empty user folder; otherwise
	 * the user's workflows, credentials and login are kept and only the package is replaced.
	 */
	installPackage(tarball: string, { fresh }: { fresh: boolean }): void {
		if (fresh) rmSync(this.home, { recursive: true, force: true });
		const nodesFolder = path.join(this.home, '.n8n/nodes');
		mkdirSync(nodesFolder, { recursive: true });
		writeFileSync(
			path.join(nodesFolder, 'package.json'),
			'{ "name": "installed-nodes", "private": true }\n',
		);
		execFileSync(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--omit=peer',
				'--omit=dev',
				tarball,
			],
			{ cwd: nodesFolder, stdio: ['ignore', 'ignore', 'inherit'] },
		);
		// n8n gives a community package its own n8n-workflow through NODE_PATH, a fallback that a
		// user folder inside this repository never reaches: the repository's node_modules comes
		// first, a second n8n-workflow whose NodeApiError n8n does not recognise (it re-wraps the
		// error, and its panel shows "Error code: none"). Pointing at n8n's copy gives what an
		// installation outside the repository gets.
		const ownCopy = path.join(nodesFolder, 'node_modules/n8n-workflow');
		rmSync(ownCopy, { recursive: true, force: true });
		symlinkSync(path.resolve(this.runtime.n8n, '../../../n8n-workflow'), ownCopy);
	}

	/**
	 * Runs an n8n CLI command (import, execute) against this user folder, and returns what it wrote
	 * to its standard output. It is asynchronous: the sandbox APIs n8n calls live in this process and
	 * must keep answering meanwhile. The output goes through a file: n8n exits without waiting for a
	 * pipe to drain, which loses the end of a long output (`execute --rawOutput` of many items).
	 */
	async cli(args: string[]): Promise<string> {
		const file = path.join(this.home, `cli-output-${process.pid}-${++this.cliRuns}.txt`);
		const out = openSync(file, 'w');
		const child = spawn(this.runtime.node, [this.runtime.n8n, ...args], {
			env: this.env,
			stdio: ['ignore', out, 'pipe'],
		});
		closeSync(out);
		const stderr: Buffer[] = [];
		child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
		const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>(
			(resolve) => child.once('close', (code, signal) => resolve({ code, signal })),
		);
		const output = readFileSync(file, 'utf8');
		rmSync(file, { force: true });
		const errors = Buffer.concat(stderr).toString('utf8');
		this.printed.push(output, errors);
		if (code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} ${code === null ? `was ended by ${signal}` : `exited with ${code}`}:\n${output}\n${errors}`,
			);
		return output;
	}

	async importSandboxCredentials(sandbox: Sandbox): Promise<void> {
		const file = path.join(this.home, 'sandbox-credentials.json');
		const { guayabaApi, callAidanApi, qyvoApi } = SANDBOX_CREDENTIALS;
		writeFileSync(
			file,
			JSON.stringify([
				{
					...guayabaApi,
					type: 'guayabaApi',
					data: { apiKey: GUAYABA_KEY, baseUrl: sandbox.baseUrls.guayaba },
				},
				{
					...callAidanApi,
					type: 'callAidanApi',
					data: { apiKey: CALLAIDAN_KEY, baseUrl: sandbox.baseUrls.callAidan },
				},
				{
					...qyvoApi,
					type: 'qyvoApi',
					data: { apiToken: QYVO_TOKEN, baseUrl: sandbox.baseUrls.qyvo },
				},
				{
					...SANDBOX_WEBHOOK_CREDENTIALS.qyvoWebhookApi,
					type: 'qyvoWebhookApi',
					data: { signingSecret: QYVO_SIGNING_SECRET },
				},
				{
					...SANDBOX_WEBHOOK_CREDENTIALS.callAidanWebhookApi,
					type: 'callAidanWebhookApi',
					data: { token: CALLAIDAN_WEBHOOK_TOKEN },
				},
			]),
		);
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(folder: string): Promise<void> {
		await this.cli(['import:workflow', '--separate', `--input=${folder}`]);
	}

	/** Runs an n8n command that keeps running (`start`, `worker`), its output kept in `printed`. */
	private spawnServer(args: string[]): ChildProcess {
		const child = spawn(this.runtime.node, [this.runtime.n8n, ...args], {
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process = child;
		const log = this.printed;
		child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
		return child;
	}

	async start(): Promise<void> {
		const child = this.spawnServer(['start']);
		const log = this.printed;
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n exited with ${child.exitCode}:\n${log.join('')}`);
			try {
				// n8n 1.x is "ready" a moment before its REST API is mounted
				const ready = await fetch(`${this.url}/healthz/readiness`);
				const rest = ready.ok && (await fetch(`${this.url}/rest/settings`));
				if (rest && rest.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error(`n8n did not become ready within 3 minutes:\n${log.join('')}`);
	}

	/**
	 * Starts a queue-mode worker (`n8n worker`) that runs up to `concurrency` executions at once,
	 * and waits until it takes jobs from the queue.
	 */
	async startWorker(concurrency: number): Promise<void> {
		const child = this.spawnServer(['worker', `--concurrency=${concurrency}`]);
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n worker exited with ${child.exitCode}:\n${this.printed.join('')}`);
			if (this.printed.join('').includes('n8n worker is now ready')) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n worker did not become ready within 3 minutes:\n${this.printed.join('')}`);
	}

	/**
	 * Starts a queue-mode webhook process (`n8n webhook`): it serves production webhooks only and
	 * hands their executions to the queue. Waits until it answers on its port.
	 */
	async startWebhookProcess(): Promise<void> {
		const child = this.spawnServer(['webhook']);
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n webhook exited with ${child.exitCode}:\n${this.printed.join('')}`);
			try {
				if ((await fetch(`${this.url}/healthz`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n webhook did not answer within 3 minutes:\n${this.printed.join('')}`);
	}

	async stop(): Promise<void> {
		const child = this.process;
		// a process ended by a signal has no exit code, and its 'exit' event has passed already
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(forced);
	}
}

/** The editor's REST API, logged in as the owner. */
export class EditorApi {
	private cookie = '';

	constructor(private readonly baseUrl: string) {}

	async setUpOwnerAndLogIn(): Promise<void> {
		await this.call('POST', '/rest/owner/setup', OWNER, false);
		await this.call('POST', '/rest/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
	}

	async call<T = unknown>(
		method: string,
		route: string,
		body?: unknown,
		mustSucceed = true,
	): Promise<T> {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (mustSucceed && !response.ok) {
			throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
		}
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}
}
