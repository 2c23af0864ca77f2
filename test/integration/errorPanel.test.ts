import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import { runNode } from '../helpers/engine';
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

const run = (phone: string) =>
	runNode({
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

describe('the error a stopped run stores', () => {
	it('for refused input: its message and fix, and no code (n8n would show "Error code: none")', async () => {
		const { error } = await run('hello');

		expect(error).toMatchObject({
			message: 'Phone "hello" is not a phone number: write it like +14155552671',
			description:
				'Write digits only, with spaces, dashes, dots or brackets if you like. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
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
