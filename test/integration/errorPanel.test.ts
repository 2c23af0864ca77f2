import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { callAsTool, runNode } from '../helpers/engine';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

// what the editor's error panel reads from a stopped run: message, description and httpCode
// (shown as "Error code" whenever it is set)
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
const run = async (phone: string) => await runNode(updateByPhone(phone));

const REFUSED = 'Phone "hello" is not a phone number: write it like +14155552671';
const PHONE_FIX =
	'Write digits only, with spaces, dashes, dots or brackets if you like. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.';

describe('the error a stopped run stores', () => {
	it('for refused input: its message and fix, and no code (n8n would show "Error code: none")', async () => {
		const { error } = await run('hello');

		expect(error).toMatchObject({
			message: REFUSED,
			description: PHONE_FIX,
			httpCode: null,
			context: { itemIndex: 0 },
		});
		expect(api.received).toEqual([]);
	});

	it('for a 404: the contact it looked up, and the HTTP code', async () => {
		const { error } = await run('+1 415 555 0100');

		expect(error).toMatchObject({
			message: 'Contact not found (phone +14155550100)',
			description: 'Guayaba found no such contact or campaign: check the ID or phone number',
			httpCode: '404',
		});
	});
});

// Run as an AI Agent's tool, n8n-core appends an error's description to its message ("Details: …")
// and keeps the description: the fix must read once, in the message, with nothing left to repeat.
describe('the error of a node run as a tool', () => {
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
});
