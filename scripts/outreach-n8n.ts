/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_PORTS, startSandbox, type Sandbox } from '../sandbox/main';
import {
	EditorApi,
	N8nInstance,
	n8nRuntime,
	OWNER,
	packPackage,
	ROOT,
	SANDBOX_CREDENTIALS,
	say,
	WORK,
} from './n8n-instance';
import { runEndToEndChecks } from './e2e-checks';
import { takeScreenshots } from './screenshots';

// OUTREACH_PORT_OFFSET moves every port, so that two checkouts can run their suites side by side
const PORT_OFFSET = Number(process.env.OUTREACH_PORT_OFFSET ?? 0);

async function prepare(
	port: number,
	home: string,
): Promise<{ n8n: N8nInstance; sandbox: Sandbox }> {
	const runtime = n8nRuntime();
	const tarball = packPackage();
	const n8n = new N8nInstance(runtime, home, port + PORT_OFFSET);
	n8n.installPackage(tarball);
	const sandbox = await startSandbox(
		Object.fromEntries(
			Object.entries(SANDBOX_PORTS).map(([service, sandboxPort]) => [
				service,
				sandboxPort + PORT_OFFSET,
			]),
		) as typeof SANDBOX_PORTS,
	);
	say('importing the sandbox credentials and the example workflows');
	await n8n.importSandboxCredentials(sandbox);
	await n8n.importWorkflows(path.join(ROOT, 'examples'));
	return { n8n, sandbox };
}

async function start(): Promise<void> {
	const { n8n, sandbox } = await prepare(5678, path.join(WORK, 'n8n-home'));
	await n8n.start();
	await new EditorApi(n8n.url).setUpOwnerAndLogIn();
	const examples = JSON.parse(
		readFileSync(path.join(ROOT, 'examples/guayaba-bulk-do-not-call.json'), 'utf8'),
	) as { id: string };
	process.stdout.write(`
n8n is running with n8n-nodes-outreach at ${n8n.url}

  1. Open ${n8n.url} and sign in as ${OWNER.email} / ${OWNER.password}
  2. Open a workflow, for example ${n8n.url}/workflow/${examples.id}, and click "Execute workflow"
  3. Or add a Guayaba, CallAidan or Qyvo node to a new workflow: the credentials
     "${SANDBOX_CREDENTIALS.guayabaApi.name}", "${SANDBOX_CREDENTIALS.callAidanApi.name}" and "${SANDBOX_CREDENTIALS.qyvoApi.name}" point at the sandbox APIs:
       Guayaba    ${sandbox.baseUrls.guayaba}
       CallAidan  ${sandbox.baseUrls.callAidan}
       Qyvo       ${sandbox.baseUrls.qyvo}
     (what they received: GET <base URL>/__sandbox/requests)

Press Ctrl-C to stop n8n and the sandbox.
`);
	const stop = async () => {
		say('stopping');
		await n8n.stop();
		await sandbox.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
}

async function test(): Promise<void> {
	const { n8n, sandbox } = await prepare(5690, path.join(WORK, 'n8n-e2e-home'));
	let failures: string[] = [];
	try {
		failures = await runEndToEndChecks(n8n, sandbox);
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}
	if (failures.length > 0) {
		process.stderr.write(
			`\nend-to-end: ${failures.length} check(s) failed\n${failures.map((f) => `  ✗ ${f}`).join('\n')}\n`,
		);
		process.exit(1);
	}
}

async function screenshots(): Promise<void> {
	const { n8n, sandbox } = await prepare(5692, path.join(WORK, 'n8n-screenshots-home'));
	try {
		await n8n.start();
		await takeScreenshots(n8n, path.join(ROOT, 'docs/images'));
	} finally {
		await n8n.stop();
		await sandbox.stop();
	}
}

const commands: Record<string, () => Promise<void>> = { start, test, screenshots };
const run = commands[process.argv[2]];
if (!run) {
	process.stderr.write('usage: outreach-n8n start | test | screenshots\n');
	process.exit(2);
}
run().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
