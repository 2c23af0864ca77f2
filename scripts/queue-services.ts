/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a developer script that installs and runs n8n's services, never loaded by n8n */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

import { say } from './n8n-instance';

export const asRoot = process.getuid?.() === 0;

/**
 * Runs a command as root: directly when we are root, through sudo otherwise; its output goes to
 * `log` when one is given.
 */
export function runAsRoot(command: string, args: string[], log?: string): void {
	const [file, fileArgs] = asRoot ? [command, args] : ['sudo', [command, ...args]];
	const output = log === undefined ? 'inherit' : openSync(log, 'a');
	const run = spawnSync(file, fileArgs, { stdio: ['ignore', output, output] });
	if (typeof output === 'number') closeSync(output);
	if (run.status === 0) return;
	const tail =
		log === undefined
			? ''
			: `; the last lines of ${log}:\n${readFileSync(log, 'utf8').split('\n').slice(-30).join('\n')}`;
	throw new Error(`${command} ${args.join(' ')} exited with ${run.status ?? run.signal}${tail}`);
}

/** Whether a command exists on the PATH. */
function onPath(command: string): string | undefined {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The bin folder of the newest PostgreSQL Debian installed, or where `initdb` is on the PATH. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((version) => existsSync(path.join(root, version, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return path.join(root, versions[0], 'bin');
	const initdb = onPath('initdb');
	return initdb ? path.dirname(initdb) : undefined;
}

export interface ServiceBinaries {
	redisServer: string;
	postgresBin: string;
	/** How long the apt install took, when one was needed. */
	installedInMs?: number;
}

/**
 * Finds redis-server and PostgreSQL's binaries, installing the missing ones with apt-get. Debian's
 * packages start and enable their system services; those of the packages installed here are
 * stopped and disabled again, as only the private instances below are wanted.
 */
export function serviceBinaries(log: string): ServiceBinaries {
	const missing = [
		...(onPath('redis-server') ? [] : ['redis-server']),
		...(postgresBin() ? [] : ['postgresql']),
	];
	let installedInMs: number | undefined;
	if (missing.length > 0) {
		say(
			`${missing.join(' and ')} not installed: apt-get update && apt-get install -y ${missing.join(' ')}${asRoot ? '' : ' (with sudo)'}, output in ${log}`,
		);
		mkdirSync(path.dirname(log), { recursive: true });
		writeFileSync(log, '');
		const started = Date.now();
		runAsRoot('apt-get', ['update', '-qq'], log);
		runAsRoot(
			'env',
			[
				'DEBIAN_FRONTEND=noninteractive',
				'apt-get',
				'install',
				'-y',
				'-qq',
				'--no-install-recommends',
				...missing,
			],
			log,
		);
		installedInMs = Date.now() - started;
		for (const service of missing) {
			// a machine without systemd or without the service refuses some of these: nothing to undo then
			for (const [command, args] of [
				['service', [service, 'stop']],
				['systemctl', ['disable', '--quiet', service]],
				['update-rc.d', [service, 'disable']],
			] as const) {
				try {
					runAsRoot(command, [...args], log);
				} catch {
					// not running, or not managed this way
				}
			}
		}
		say(
			`installed ${missing.join(' and ')} in ${(installedInMs / 1000).toFixed(0)} s; their system services are stopped and disabled`,
		);
	}
	const redisServer = onPath('redis-server');
	const bin = postgresBin();
	if (!redisServer || !bin)
		throw new Error(`apt-get installed ${missing.join(' and ')}, but they are still not found`);
	return { redisServer, postgresBin: bin, installedInMs };
}

/** The PID in a pid file, if that process still runs `command`. */
function runningPid(pidFile: string, command: string): number | undefined {
	if (!existsSync(pidFile)) return undefined;
	const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(command) ? pid : undefined;
	} catch {
		return undefined;
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A Redis of its own on 127.0.0.1, nothing saved to disk, stopped with the check. */
export class PrivateRedis {
	private process?: ChildProcess;

	private readonly output: string[] = [];

	constructor(
		private readonly redisServer: string,
		private readonly folder: string,
		readonly port: number,
	) {}

	private get pidFile(): string {
		return path.join(this.folder, 'redis.pid');
	}

	async start(): Promise<void> {
		mkdirSync(this.folder, { recursive: true });
		// a run killed before it could stop its Redis left it running on the port
		const left = runningPid(this.pidFile, 'redis-server');
		if (left !== undefined) {
			say(`stopping the Redis a previous run left (PID ${left})`);
			process.kill(left, 'SIGTERM');
			while (runningPid(this.pidFile, 'redis-server') !== undefined) await sleep(100);
		}
		const child = spawn(
			this.redisServer,
			[
				'--bind',
				'127.0.0.1',
				'--port',
				String(this.port),
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				this.folder,
				'--pidfile',
				this.pidFile,
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		this.process = child;
		child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
		const deadline = Date.now() + 20_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`redis-server exited with ${child.exitCode}:\n${this.output.join('')}`);
			if ((await this.ping()) === '+PONG') return;
			await sleep(200);
		}
		throw new Error(`Redis did not answer PING within 20 s:\n${this.output.join('')}`);
	}

	private async ping(): Promise<string> {
		return await new Promise((resolve) => {
			const socket = connect({ host: '127.0.0.1', port: this.port });
			socket.setTimeout(1000, () => socket.destroy());
			socket.once('error', () => resolve(''));
			socket.once('close', () => resolve(''));
			socket.once('data', (data) => {
				resolve(data.toString().trim());
				socket.destroy();
			});
			socket.write('PING\r\n');
		});
	}

	async stop(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
}

/**
 * A PostgreSQL cluster of its own, created afresh in `folder` with one database for n8n, listening
 * on 127.0.0.1 only (no Unix socket), trusting connections from there: a throwaway for the check.
 * PostgreSQL refuses to run as root, so its commands run as the `postgres` user Debian's package
 * creates.
 */
export class PrivatePostgres {
	readonly database = 'n8n';

	readonly user = 'n8n';

	constructor(
		private readonly bin: string,
		private readonly folder: string,
		readonly port: number,
	) {}

	private get dataDir(): string {
		return path.join(this.folder, 'data');
	}

	private get logFile(): string {
		return path.join(this.folder, 'postgres.log');
	}

	private runAsPostgres(command: string, args: string[]) {
		const file = path.join(this.bin, command);
		const [runner, runnerArgs] = asRoot
			? ['runuser', ['-u', 'postgres', '--', file, ...args]]
			: ['sudo', ['-u', 'postgres', file, ...args]];
		return spawnSync(runner, runnerArgs, { encoding: 'utf8' });
	}

	private asPostgres(command: string, args: string[]): void {
		const run = this.runAsPostgres(command, args);
		if (run.status !== 0)
			throw new Error(
				`${command} ${args.join(' ')} exited with ${run.status}:\n${run.stdout}${run.stderr}`,
			);
	}

	/** Whether a postmaster runs on the data folder (`pg_ctl status` exits 0 only then). */
	private get running(): boolean {
		return this.runAsPostgres('pg_ctl', ['status', '-D', this.dataDir]).status === 0;
	}

	async start(): Promise<void> {
		// a run killed before it could stop its cluster left it running
		if (this.running) {
			say('stopping the PostgreSQL a previous run left');
			this.asPostgres('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w']);
		}
		// the previous cluster's files belong to postgres
		runAsRoot('rm', ['-rf', this.folder]);
		mkdirSync(this.folder, { recursive: true });
		runAsRoot('chown', ['postgres:postgres', this.folder]);
		this.asPostgres('initdb', [
			'-D',
			this.dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
		]);
		const settings = [
			'listen_addresses=127.0.0.1',
			`port=${this.port}`,
			'unix_socket_directories=',
			// a throwaway database: durability only costs time here
			'fsync=off',
			'synchronous_commit=off',
			'full_page_writes=off',
		];
		this.asPostgres('pg_ctl', [
			'start',
			'-D',
			this.dataDir,
			'-l',
			this.logFile,
			'-w',
			'-t',
			'60',
			'-o',
			settings.map((setting) => `-c ${setting}`).join(' '),
		]);
		this.psql(`CREATE ROLE ${this.user} LOGIN`);
		this.psql(`CREATE DATABASE ${this.database} OWNER ${this.user}`);
	}

	private psql(sql: string): void {
		execFileSync(
			path.join(this.bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-qc', sql],
			{ stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}

	/** The settings n8n reads to use this database. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
		};
	}

	async stop(): Promise<void> {
		if (this.running) this.asPostgres('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w']);
	}
}
