import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { FakeGuayaba, GUAYABA_KEY, seedContacts } from '../../sandbox/guayaba';
import { runNode } from '../helpers/engine';
import { countEvaluations } from '../helpers/evaluations';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const contacts = seedContacts().slice(0, 3);

// in a real n8n each expression is evaluated in an isolate, the costliest step of an item
describe('Expression evaluations per item', () => {
	it.each(['updateByPhone', 'fulfill'])(
		'Contact > %s evaluates no Base URL, the key once, and the phone twice inside n8n and once for the request',
		async (operation) => {
			const count = await countEvaluations(async () => {
				const { outputs, error } = await runNode({
					nodeType: new Guayaba(),
					credentialType: new GuayabaApi(),
					credentials: { apiKey: GUAYABA_KEY, baseUrl: api.url, ...NO_CLIENT_LIMIT },
					parameters: {
						resource: 'contact',
						operation,
						phone: '={{ $json.phone }}',
						...(operation === 'updateByPhone' ? { updateFields: { status: 'DNC' } } : {}),
						options: {},
					},
					items: contacts.map((contact) => ({ json: { phone: contact.phoneNumber } })),
				});
				expect(error).toBeUndefined();
				expect(outputs[0]).toHaveLength(contacts.length);
			});

			expect(Object.fromEntries(count.byExpression)).toEqual({
				'={{ $json.phone }}': 3 * contacts.length,
				'={{$credentials.apiKey}}': contacts.length,
			});
		},
	);
});
