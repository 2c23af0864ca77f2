/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line program, never loaded by n8n */
import {
	CALLAIDAN_WEBHOOK_TOKEN,
	callAidanCall,
	QYVO_SIGNING_SECRET,
	qyvoDelivery,
	sendCallAidanCall,
	sendQyvoDelivery,
	type CallStatus,
	type QyvoEvent,
} from '../sandbox/webhooks';

const QYVO_EVENTS: QyvoEvent[] = [
	'message.received',
	'message.status.sent',
	'message.status.delivered',
	'message.status.read',
	'message.status.failed',
	'webhook.test',
];
const CALL_STATUSES: CallStatus[] = ['did-succeed', 'did-not-answer', 'error'];

const USAGE = `usage: npm run send-event -- <trigger URL> [event] [--secret <secret>] [--score <0-100>]

Sends a test event to a Qyvo Trigger's or CallAidan Trigger's Test URL (after "Execute workflow")
or Production URL (published), as the vendor sends it:
  Qyvo Trigger (URL ending in /qyvo): signed in X-Qyvo-Signature with the webhook's signing secret;
    event: ${QYVO_EVENTS.join(', ')} (default message.received)
  CallAidan Trigger (URL ending in /callaidan): the URL gets ?token=<the webhook token>;
    event: the call's status, ${CALL_STATUSES.join(', ')} (default did-succeed); --score sets its score
The secret is the sandbox's, as the "Qyvo webhook (sandbox)" and "CallAidan webhook (sandbox)"
credentials hold it; --secret gives the one in your own Qyvo Webhook or CallAidan Webhook credential.
`;

/** The URL as printed: its token, if any, replaced. */
const shownUrl = (url: URL) => url.toString().replace('token=REDACTED', 'token=[redacted]');

interface TestEvent {
	url: string;
	event?: string;
	secret?: string;
	score?: number;
}

/** Sends the event; what was sent, in words without the secret, and n8n's answer. */
async function sendTestEvent(options: TestEvent): Promise<{
	sent: string;
	status: number;
	body: string;
}> {
	const target = new URL(options.url);
	const vendor = target.pathname.replace(/\/+$/, '').split('/').pop();
	const shown = new URL(target);
	if (shown.searchParams.has('token')) shown.searchParams.set('token', 'REDACTED');
	// each event its own IDs, so that two sends are two deliveries, never a replay
	const n = Date.now() % 100_000;
	if (vendor === 'qyvo') {
		const event = (options.event ?? 'message.received') as QyvoEvent;
		if (!QYVO_EVENTS.includes(event))
			throw new Error(`"${event}" is not a Qyvo event: use one of ${QYVO_EVENTS.join(', ')}`);
		const answer = await sendQyvoDelivery(target.toString(), qyvoDelivery(event, n), {
			secret: options.secret ?? QYVO_SIGNING_SECRET,
		});
		return {
			sent: `Qyvo ${event} to ${shownUrl(shown)}, signed with ${options.secret === undefined ? "the sandbox's signing secret" : 'the secret given'}`,
			status: answer.status,
			body: answer.body,
		};
	}
	if (vendor === 'callaidan') {
		const status = (options.event ?? 'did-succeed') as CallStatus;
		if (!CALL_STATUSES.includes(status))
			throw new Error(
				`"${status}" is not a CallAidan call status: use one of ${CALL_STATUSES.join(', ')}`,
			);
		const call = callAidanCall(n, { status, score: options.score });
		const inUrl = target.searchParams.get('token');
		const token = options.secret ?? inUrl ?? CALLAIDAN_WEBHOOK_TOKEN;
		const answer = await sendCallAidanCall(target.toString(), call, token);
		const whose =
			options.secret !== undefined
				? 'the token given'
				: inUrl !== null
					? "the URL's token"
					: "the sandbox's webhook token";
		shown.searchParams.set('token', 'REDACTED');
		return {
			sent: `a CallAidan call (${status}, score ${String(call.score)}) to ${shownUrl(shown)}, with ${whose}`,
			status: answer.status,
			body: answer.body.split(token).join('[redacted]'),
		};
	}
	throw new Error(
		`${target.toString()} is not a Qyvo Trigger's or CallAidan Trigger's URL: it ends in /qyvo or /callaidan`,
	);
}

function parse(args: string[]): TestEvent | undefined {
	const positional: string[] = [];
	const options: Record<string, string> = {};
	for (let index = 0; index < args.length; index++) {
		const flag = /^--(secret|token|score)$/.exec(args[index]);
		if (flag) options[flag[1]] = args[++index] ?? '';
		else if (args[index].startsWith('-')) return undefined;
		else positional.push(args[index]);
	}
	const [url, event] = positional;
	if (!url || positional.length > 2) return undefined;
	const score = options.score === undefined ? undefined : Number(options.score);
	if (score !== undefined && !(Number.isInteger(score) && score >= 0 && score <= 100))
		return undefined;
	return { url, event, secret: options.secret ?? options.token, score };
}

async function main(): Promise<void> {
	const options = parse(process.argv.slice(2));
	if (!options) {
		process.stderr.write(USAGE);
		process.exit(2);
	}
	const { sent, status, body } = await sendTestEvent(options);
	process.stdout.write(`sent ${sent}\nn8n answered ${status}: ${body}\n`);
	if (status === 404)
		process.stdout.write(
			'(a Test URL answers only while the editor waits: click "Execute workflow" first; a Production URL only once the workflow is published)\n',
		);
	process.exit(status >= 200 && status < 300 ? 0 : 1);
}

main().catch((error: Error & { cause?: { code?: string } }) => {
	const unreachable = error.message === 'fetch failed' && error.cause?.code;
	process.stderr.write(
		unreachable
			? `n8n could not be reached at that URL (${unreachable}): is it running?\n`
			: `${error.message}\n`,
	);
	process.exit(1);
});
