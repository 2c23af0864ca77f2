/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import path from 'node:path';

import { GUAYABA_KEY, seedContacts } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import { LoopbackServer, type Fault } from '../../sandbox/server';
import {
	executeWorkflow,
	nodeOutput,
	paired,
	writeWorkflow,
	type Checks,
	type WorkflowNode,
} from './helpers';
import { SANDBOX_CREDENTIALS, type N8nInstance } from '../n8n-instance';

const nested = (levels: number): string =>
	`${'{"error":'.repeat(levels)}"too deep"${'}'.repeat(levels)}`;

/**
 * Hostile answers in a real n8n, where n8n's own HTTP client and error handling run: a redirect
 * to another host, an answer that echoes the key, one that trickles in, an error nested 3,000
 * levels deep and a 200 that says it failed. One item each, with Continue On Fail.
 */
export async function checkHostileAnswers(
	n8n: N8nInstance,
	sandbox: Sandbox,
	checks: Checks,
): Promise<void> {
	const { guayaba } = sandbox;
	const otherHost = await new LoopbackServer(() => ({
		status: 200,
		body: { contact: { id: 'from-the-other-host' } },
	})).start();
	const otherHostName = new URL(otherHost.url).host;
	const sandboxHost = new URL(guayaba.url).host;

	const faults: Array<[string, Fault]> = [
		['+14155550101', { status: 307, headers: { Location: `${otherHost.url}/contacts/update` } }],
		['+14155550102', { echo: 401 }],
		[
			'+14155550103',
			{
				trickle: {
					status: 200,
					body: { contact: { id: 'late' }, padding: 'x'.repeat(60) },
					everyMs: 100,
					bytes: 2,
				},
			},
		],
		[
			'+14155550104',
			{ status: 400, body: nested(3000), headers: { 'Content-Type': 'application/json' } },
		],
		['+14155550105', { status: 200, body: { success: false, error: 'Contact is locked' } }],
	];
	const [john] = seedContacts();
	const phones = [...faults.map(([phone]) => phone), john.phoneNumber];

	await checks.section('hostile answers in a real n8n, with Continue On Fail', async () => {
		guayaba.reset();
		for (const [phone, fault] of faults) {
			guayaba.injectFaultsWhere(
				(request) => (request.body as { phone?: string } | undefined)?.phone === phone,
				fault,
			);
		}
		const hostile: WorkflowNode & { onError: string } = {
			name: 'Hostile',
			type: 'n8n-nodes-outreach.guayaba',
			credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'contact',
				operation: 'updateByPhone',
				phone: '={{ $json.phone }}',
				updateFields: { status: 'DNC' },
				options: { requestsPerMinute: 0 },
				requestOptions: { timeout: 1500 },
			},
		};
		const folder = path.join(n8n.home, 'e2e-hostile');
		writeWorkflow(folder, {
			id: 'outreachE2eHostile',
			name: 'e2e: hostile answers',
			branches: [
				[
					{
						name: 'Contacts',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						parameters: {
							mode: 'raw',
							jsonOutput: JSON.stringify({ items: phones.map((phone) => ({ phone })) }),
							options: {},
						},
					},
					{
						name: 'One each',
						type: 'n8n-nodes-base.splitOut',
						parameters: { fieldToSplitOut: 'items', options: {} },
					},
					hostile,
				],
			],
		});
		await n8n.importWorkflows(folder);
		const raw = await executeWorkflow(n8n, 'outreachE2eHostile');
		const items = nodeOutput(raw, 'Hostile');

		checks.equal('six items in, six out, paired in order', paired(items), [0, 1, 2, 3, 4, 5]);
		checks.equal(
			'each hostile answer is a clear error of its own item; the last contact is updated',
			items.map((item) => item.json.error ?? item.json.status),
			[
				`Guayaba answered with a redirect (HTTP 307) to ${otherHostName}, which was not followed`,
				'The API key was refused: check the Guayaba credential',
				`Guayaba did not answer in time (${sandboxHost})`,
				'Guayaba refused the request as invalid: check the fields sent (phone +14155550104)',
				'Guayaba answered that the request failed: Contact is locked',
				'DNC',
			],
		);
		checks.equal(
			'the echoed key is shown redacted',
			(items[1].json.details as { description?: string } | undefined)?.description,
			'Invalid API key [redacted]',
		);
		checks.equal('the other host received nothing: no key, no body', otherHost.received.length, 0);
		checks.equal(
			'the key is nowhere in what n8n execute printed',
			raw.includes(GUAYABA_KEY),
			false,
		);
	});
	await otherHost.stop();
}
