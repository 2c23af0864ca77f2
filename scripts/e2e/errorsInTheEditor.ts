import { GUAYABA_KEY, STATUSES } from '../../sandbox/guayaba';
import type { Sandbox } from '../../sandbox/main';
import type { Checks } from './helpers';
import { SANDBOX_CREDENTIALS, type EditorApi } from '../n8n-instance';
import { executeStep, rowsInto, saveWorkflow, type RunData, type WorkflowNode } from './editorRuns';

const NODE = 'Guayaba';

function guayabaNode(
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name: NODE,
		type: 'n8n-nodes-outreach.guayaba',
		credentials: { guayabaApi: SANDBOX_CREDENTIALS.guayabaApi },
		parameters: {
			resource: 'contact',
			operation: 'updateByPhone',
			phone: '={{ $json.phone }}',
			options: {},
			...parameters,
		},
		...extra,
	};
}

/** What the editor's error panel shows for the node: its message, description and code. */
function panel(run: RunData) {
	const error = run.resultData.runData[NODE]?.[0]?.error;
	if (!error) return { error: 'none stored' };
	return {
		message: error.message,
		description: error.description ?? null,
		httpCode: error.httpCode ?? null,
	};
}

const output = (run: RunData) =>
	(run.resultData.runData[NODE]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);

/**
 * Runs in the editor that show what a user sees: a status read from its label or ID, the contact
 * named in its error, and the error panel's code for API answers and for refused input.
 */
export async function checkErrorsInTheEditor(
	checks: Checks,
	editor: EditorApi,
	sandbox: Sandbox,
): Promise<void> {
	const { guayaba } = sandbox;
	const run = async (name: string, rows: unknown[], node: WorkflowNode) => {
		guayaba.reset();
		const workflow = await saveWorkflow(editor, rowsInto(`e2e: ${name}`, rows, node));
		return await executeStep(editor, workflow, NODE);
	};
	const sent = () =>
		guayaba.received
			.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.body ?? null)}`)
			.sort();

	await checks.section(
		'Guayaba Status in the editor: a label, an ID, any letter case',
		async () => {
			const paused = STATUSES.find((status) => status.name === 'paused')!;
			const result = await run(
				'statuses by label and ID',
				[
					{ phone: '+1 415 555 2671', status: 'do not call' },
					{ phone: '+44 20 7946 0958', status: paused.id },
				],
				guayabaNode({ updateFields: { status: '={{ $json.status }}' } }),
			);
			checks.equal(
				'each contact gets the status its label or ID names',
				output(result).map((contact) => [contact.phoneNumber, contact.status]),
				[
					['+14155552671', 'DNC'],
					['+442079460958', 'paused'],
				],
			);
			checks.equal('the statuses were read once for the run', sent(), [
				'GET /contacts/statuses null',
				'POST /contacts/update {"phone":"+14155552671","status":"DNC"}',
				'POST /contacts/update {"phone":"+442079460958","status":"paused"}',
			]);

			const unknown = await run(
				'an unknown status',
				[{ phone: '+1 415 555 2671' }],
				guayabaNode({ updateFields: { status: 'archived' } }),
			);
			checks.equal(
				'a status the account lacks is refused with the valid names, and no update is sent',
				[panel(unknown).message, sent()],
				[
					'Status "archived" is not one of this account\'s statuses: use one of active, paused, fulfilled, DNC',
					['GET /contacts/statuses null'],
				],
			);
		},
	);

	await checks.section('the error panel: the contact, the HTTP code', async () => {
		const notFound = await run(
			'a contact Guayaba does not know',
			[{ phone: '+1 415 555 0100' }],
			guayabaNode({ updateFields: { status: 'DNC' } }),
		);
		checks.equal('a 404 names the contact and shows its code', panel(notFound), {
			message: 'Contact not found (phone +14155550100)',
			description: 'Guayaba found no such contact or campaign: check the ID or phone number',
			httpCode: '404',
		});

		const continued = await run(
			'a contact Guayaba does not know, with Continue On Fail',
			[{ phone: '+1 415 555 2671' }, { phone: '+1 415 555 0100' }],
			guayabaNode({ updateFields: { status: 'DNC' } }, { onError: 'continueRegularOutput' }),
		);
		checks.equal(
			'with Continue On Fail, the error item names the contact',
			output(continued).map((item) => item.error ?? item.status),
			['DNC', 'Contact not found (phone +14155550100)'],
		);

		const refusedInput = await run(
			'a phone that is not one',
			[{ phone: 'hello' }],
			guayabaNode({ updateFields: { status: 'DNC' } }),
		);
		checks.equal(
			'refused input reads as refused input, and nothing is sent',
			[panel(refusedInput), sent()],
			[
				{
					message: 'Phone "hello" is not a phone number: write it like +14155552671',
					description:
						'Write digits only, with spaces, dashes, dots or brackets if you like. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
					httpCode: null,
				},
				[],
			],
		);

		const wrongKey = await editor.call<{ id: string; name: string }>('POST', '/rest/credentials', {
			name: 'Guayaba (e2e: wrong key)',
			type: 'guayabaApi',
			data: { apiKey: `${GUAYABA_KEY}-revoked`, baseUrl: sandbox.baseUrls.guayaba },
		});
		const refusedKey = await run(
			'a refused key',
			[{ phone: '+1 415 555 2671' }],
			guayabaNode(
				{ updateFields: { status: 'DNC' } },
				{ credentials: { guayabaApi: { id: wrongKey.id, name: wrongKey.name } } },
			),
		);
		checks.equal('a 401 shows its code', panel(refusedKey), {
			message: 'The API key was refused: check the Guayaba credential',
			description: 'Invalid or missing API key',
			httpCode: '401',
		});
	});
}
