import type { ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { CallAidanApi } from '../../credentials/CallAidanApi.credentials';
import { GuayabaApi } from '../../credentials/GuayabaApi.credentials';
import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { CALLAIDAN_KEY, FakeCallAidan, seedCallAidanContacts } from '../../sandbox/callAidan';
import { FakeGuayaba, GUAYABA_KEY, seedContacts } from '../../sandbox/guayaba';
import { FakeQyvo, QYVO_BASE_PATH, QYVO_TOKEN, seedQyvoContacts } from '../../sandbox/qyvo';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';
import { runNode } from '../helpers/engine';
import { countEvaluations } from '../helpers/evaluations';

const guayaba = new FakeGuayaba();
const callAidan = new FakeCallAidan();
const qyvo = new FakeQyvo();
const servers = [guayaba, callAidan, qyvo];
beforeAll(async () => {
	await Promise.all(servers.map((server) => server.start()));
});
afterAll(async () => {
	await Promise.all(servers.map((server) => server.stop()));
});
beforeEach(() => servers.forEach((server) => server.reset()));

/** How often a run of one item for each of `items` evaluated each expression, per item. */
async function perItem(
	nodeType: INodeType,
	credentialType: ICredentialType,
	credentials: Record<string, unknown>,
	parameters: INodeParameters,
	items: Array<Record<string, string>>,
) {
	const count = await countEvaluations(async () => {
		const { outputs, error } = await runNode({
			nodeType,
			credentialType,
			credentials: { ...credentials, ...NO_CLIENT_LIMIT },
			parameters,
			items: items.map((json) => ({ json })),
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(items.length);
	});
	return Object.fromEntries(
		[...count.byExpression].map(([expression, times]) => [expression, times / items.length]),
	);
}

// in a real n8n each expression is evaluated in an isolate, the costliest step of an item; n8n's
// RoutingNode evaluates a parameter once for each property of its name, twice over (for the
// request, and for the Base URL check), and once more for a routed property that is shown
describe('Expression evaluations per item', () => {
	const phones = seedContacts().map((contact) => ({ phone: contact.phoneNumber }));

	it.each(['updateByPhone', 'fulfill'])(
		'Guayaba Contact > %s: the key once, the phone twice inside n8n and once for the request',
		async (operation) => {
			expect(
				await perItem(
					new Guayaba(),
					new GuayabaApi(),
					{ apiKey: GUAYABA_KEY, baseUrl: guayaba.url },
					{
						resource: 'contact',
						operation,
						phone: '={{ $json.phone }}',
						...(operation === 'updateByPhone' ? { updateFields: { status: 'DNC' } } : {}),
					},
					phones,
				),
			).toEqual({ '={{ $json.phone }}': 3, '={{$credentials.apiKey}}': 1 });
		},
	);

	it.each<[string, INodeParameters]>([
		['update', { lookupBy: 'phone', updateFields: { name: 'Ana' } }],
		['create', {}],
	])(
		"Qyvo Contact > %s: the phone's two properties (finding a contact, sending to one) twice each, and the one shown twice more to route it",
		async (operation, parameters) => {
			expect(
				await perItem(
					new Qyvo(),
					new QyvoApi(),
					{ apiToken: QYVO_TOKEN, baseUrl: `${qyvo.url}${QYVO_BASE_PATH}` },
					{ resource: 'contact', operation, phone: '={{ $json.phone }}', ...parameters },
					seedQyvoContacts().map((contact) => ({ phone: contact.phone })),
				),
			).toEqual({ '={{ $json.phone }}': 6, '=Bearer {{$credentials.apiToken}}': 1 });
		},
	);

	it('CallAidan Contact > Update: the contact ID twice inside n8n, once for the URL and once for its rule', async () => {
		const contacts = seedCallAidanContacts();
		expect(
			await perItem(
				new CallAidan(),
				new CallAidanApi(),
				{ apiKey: CALLAIDAN_KEY, baseUrl: callAidan.url },
				{
					resource: 'contact',
					operation: 'update',
					contactId: '={{ $json.id }}',
					updateFields: { notes: 'called back' },
				},
				contacts.map((contact) => ({ id: contact.id })),
			),
		).toEqual({
			'={{ $json.id }}': 4,
			'={{"/contacts/" + encodeURIComponent(String($parameter.contactId).trim()) + "/"}}': 1,
			'={{$credentials.apiKey}}': 1,
		});
	});
});
