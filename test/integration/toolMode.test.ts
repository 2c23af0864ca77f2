import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';
import { callAsTool, runNode } from '../helpers/engine';

// Run as an AI Agent's tool, n8n-core appends an error's description to its message ("Details: …")
// and keeps the description: the fix must read once, in the message, with nothing left to repeat.
const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const updateByPhone = (phone: string) => ({
	nodeType: new Guayaba(),
	credentialType: new GuayabaApi(),
	credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
	parameters: {
		resource: 'contact',
		operation: 'updateByPhone',
		phone,
		updateFields: { status: 'DNC' },
		options: {},
	},
});

const REFUSED = 'Phone "hello" is not a phone number: write it like +14155552671';
const PHONE_FIX =
	'Write digits only, with spaces, dashes, dots or brackets if you like. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.';

describe('an error of a node run as a tool', () => {
	it('for refused input: the fix once, in the message, and nothing sent', async () => {
		const failed = await callAsTool(updateByPhone('hello')).catch((error: unknown) => error);

		expect(failed).toMatchObject({ message: `${REFUSED}\n\n${PHONE_FIX}` });
		expect((failed as { description?: string }).description ?? undefined).toBeUndefined();
		expect(api.received).toEqual([]);
	});

	it('for a 404: the API error and its fix once, in the message', async () => {
		const failed = await callAsTool(updateByPhone('+1 415 555 0100')).catch(
			(error: unknown) => error,
		);

		expect(failed).toMatchObject({
			message:
				'Contact not found (phone +14155550100)\n\nGuayaba found no such contact or campaign: check the ID or phone number',
		});
		expect((failed as { description?: string }).description ?? undefined).toBeUndefined();
	});

	it('gives the agent the contact when the call succeeds', async () => {
		const answer = await callAsTool(updateByPhone('+1 415 555 2671'));

		expect(JSON.parse(answer)).toMatchObject([{ phoneNumber: '+14155552671', status: 'DNC' }]);
	});

	it('leaves the message and the fix apart when the node runs in a workflow', async () => {
		const { error } = await runNode(updateByPhone('hello'));

		expect(error).toMatchObject({ message: REFUSED, description: PHONE_FIX });
	});
});
