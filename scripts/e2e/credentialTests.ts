import { LoopbackServer } from '../../sandbox/server';
import { SANDBOX_CREDENTIALS, type EditorApi } from '../n8n-instance';

interface Checks {
	equal(name: string, actual: unknown, expected: unknown): void;
	section(name: string, run: () => Promise<void>): Promise<void>;
}

const SECRETS = { guayabaApi: 'apiKey', callAidanApi: 'apiKey', qyvoApi: 'apiToken' } as const;

/**
 * The credential Test buttons in the real n8n, at a Base URL that is not the vendor's: one that
 * redirects to another host (which must never receive the secret), and, for CallAidan, a server
 * answering 404 to anything (which must not pass for a good key).
 */
export async function checkCredentialTestsAtStrangeHosts(
	checks: Checks,
	editor: EditorApi,
): Promise<void> {
	const elsewhere = await new LoopbackServer(() => ({ status: 200, body: { id: 1 } })).start();
	const redirector = await new LoopbackServer(() => ({
		status: 302,
		headers: { Location: `${elsewhere.url}/steal` },
	})).start();
	const notFound = await new LoopbackServer(() => ({
		status: 404,
		body: { error: 'Not found' },
	})).start();
	const test = (type: keyof typeof SECRETS, baseUrl: string) =>
		editor.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
			credentials: {
				...SANDBOX_CREDENTIALS[type],
				type,
				data: { [SECRETS[type]]: 'e2e-secret-for-strange-hosts', baseUrl },
			},
		});
	try {
		await checks.section('credential Test buttons at a Base URL that is not the API', async () => {
			for (const type of Object.keys(SECRETS) as Array<keyof typeof SECRETS>) {
				checks.equal(
					`${type}: a 302 to another host fails the Test`,
					(await test(type, redirector.url)).status,
					'Error',
				);
			}
			checks.equal('the other host received nothing, so no secret', elsewhere.received.length, 0);
			checks.equal(
				'callAidanApi: a server answering 404 to anything fails the Test',
				(await test('callAidanApi', notFound.url)).status,
				'Error',
			);
		});
	} finally {
		await Promise.all([elsewhere.stop(), redirector.stop(), notFound.stop()]);
	}
}
