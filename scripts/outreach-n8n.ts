/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a developer script that runs n8n, never loaded by n8n */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_PORTS, startSandbox, type Sandbox } from '../sandbox/main';
import {
	BUILD_LOG,
	EditorApi,
	N8nInstance,
	n8nRuntime,
	OWNER,
	packPackage,
	ROOT,
	runtimeStep,
	SANDBOX_CREDENTIALS,
	SANDBOX_WEBHOOK_CREDENTIALS,
	say,
	Steps,
	WORK,
} from './n8n-instance';
import { runEndToEndChecks } from './e2e-checks';
import { describeRefresh, refreshExamples } from './example-workflows';
import { takeScreenshots } from './screenshots';

// OUTREACH_PORT_OFFSET moves every port, so that two checkouts can run their suites side by side
const PORT_OFFSET = Number(process.env.OUTREACH_PORT_OFFSET ?? 0);

const START_STEPS = 6;

async function prepare(
	port: number,
	home: string,
	{ fresh, steps }: { fresh: boolean; steps: Steps },
): Promise<{ n8n: N8nInstance; sandbox: Sandbox }> {
	steps.next(runtimeStep());
	const runtime = n8nRuntime();
	steps.next(`building and packing the package (build output in ${BUILD_LOG})`);
	const tarball = packPackage();
	const n8n = new N8nInstance(runtime, home, port + PORT_OFFSET);
	const keeping = !fresh && n8n.hasUserData;
	steps.next(
		keeping
			? `installing ${path.basename(tarball)} into the n8n user folder ${home}, keeping your workflows, credentials and login`
			: `installing ${path.basename(tarball)} into a new n8n user folder ${home}`,
	);
	n8n.installPackage(tarball, { fresh });
	steps.next('starting the sandbox APIs');
	const sandbox = await startSandbox(
		Object.fromEntries(
			Object.entries(SANDBOX_PORTS).map(([service, sandboxPort]) => [
				service,
				sandboxPort + PORT_OFFSET,
			]),
		) as typeof SANDBOX_PORTS,
	);
	const examples = readdirSync(path.join(ROOT, 'examples')).filter((name) =>
		name.endsWith('.json'),
	);
	steps.next(
		keeping
			? `refreshing the 5 sandbox credentials (changes you made to them are replaced) and the example workflows you have not changed or published`
			: `importing the ${examples.length} example workflows and the 5 sandbox credentials`,
	);
	await n8n.importSandboxCredentials(sandbox);
	const refresh = await refreshExamples(n8n, path.join(ROOT, 'examples'));
	if (keeping) say(describeRefresh(refresh));
	return { n8n, sandbox };
}

async function start(): Promise<void> {
	const steps = new Steps(START_STEPS);
	const { n8n, sandbox } = await prepare(5678, path.join(WORK, 'n8n-home'), {
		fresh: process.argv.includes('--fresh'),
		steps,
	});
	steps.next(`starting n8n on ${n8n.url}`);
	await n8n.start();
	await new EditorApi(n8n.url).setUpOwnerAndLogIn();
	const example = (file: string) =>
		JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')) as {
			id: string;
			nodes: Array<{ type: string; webhookId?: string }>;
		};
	const examples = example('guayaba-bulk-do-not-call.json');
	const callSummary = example('callaidan-call-summary-to-crm.json');
	const whatsApp = example('qyvo-ai-agent-answers-whatsapp.json');
	const testUrl = (workflow: ReturnType<typeof example>, vendorPath: string) =>
		`${n8n.url}/webhook-test/${workflow.nodes.find((node) => node.webhookId)?.webhookId}/${vendorPath}`;
	const requestLog = (server: { url: string }) => `${server.url}/__sandbox/requests`;
	process.stdout.write(`
n8n is running with n8n-nodes-outreach at ${n8n.url}

  1. Open ${n8n.url} and sign in as ${OWNER.email} / ${OWNER.password}
  2. Open a workflow, for example ${n8n.url}/workflow/${examples.id}, and click "Execute workflow"
  3. Or add a Guayaba, CallAidan or Qyvo node to a new workflow: the credentials
     "${SANDBOX_CREDENTIALS.guayabaApi.name}", "${SANDBOX_CREDENTIALS.callAidanApi.name}" and "${SANDBOX_CREDENTIALS.qyvoApi.name}" point at the sandbox APIs:
       Guayaba    ${sandbox.baseUrls.guayaba}
       CallAidan  ${sandbox.baseUrls.callAidan}
       Qyvo       ${sandbox.baseUrls.qyvo}
     What each received: ${requestLog(sandbox.guayaba)}
                         ${requestLog(sandbox.callAidan)}
                         ${requestLog(sandbox.qyvo)}
  4. Send a test event to a trigger: open a workflow with a Qyvo or CallAidan Trigger, for example
     ${n8n.url}/workflow/${callSummary.id}, click "Execute workflow", then run
       npm run send-event -- ${testUrl(callSummary, 'callaidan')}
       npm run send-event -- ${testUrl(whatsApp, 'qyvo')} [message.status.read|...]
     (the trigger's Production URL once the workflow is published). It signs or adds ?token= with
     the secret of the "${SANDBOX_WEBHOOK_CREDENTIALS.qyvoWebhookApi.name}" and "${SANDBOX_WEBHOOK_CREDENTIALS.callAidanWebhookApi.name}" credentials;
     "npm run send-event" alone lists the events.

Your workflows and credentials are kept in ${n8n.home} from one start to the next
("npm start -- --fresh" starts from an empty one). Press Ctrl-C to stop n8n and the sandbox.
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
	const { n8n, sandbox } = await prepare(5690, path.join(WORK, 'n8n-e2e-home'), {
		fresh: true,
		steps: new Steps(5),
	});
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
	const { n8n, sandbox } = await prepare(5692, path.join(WORK, 'n8n-screenshots-home'), {
		fresh: true,
		steps: new Steps(5),
	});
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
