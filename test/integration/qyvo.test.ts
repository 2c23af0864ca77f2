import type { INodeParameters } from 'n8n-workflow';

import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import {
	FakeQyvo,
	QYVO_BASE_PATH,
	QYVO_TOKEN,
	QYVO_UPDATED_AT,
	qyvoView,
	seedQyvoContacts,
} from '../../sandbox/qyvo';
import { NO_CLIENT_LIMIT } from '../helpers/credentials';

const api = new FakeQyvo();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [romain, sam] = seedQyvoContacts();
const baseUrl = () => `${api.url}${QYVO_BASE_PATH}`;

function node(parameters: INodeParameters, extra: Partial<NodeUnderTest> = {}): NodeUnderTest {
	return {
		nodeType: new Qyvo(),
		credentialType: new QyvoApi(),
		credentials: { apiToken: QYVO_TOKEN, baseUrl: baseUrl(), ...NO_CLIENT_LIMIT },
		parameters: {
			resource: 'contact',
			operation: 'update',
			...parameters,
			// these tests are about what is sent and output: the rate limit has its own tests
			options: { ...(parameters.options as INodeParameters | undefined) },
		},
		...extra,
	};
}

describe('Contact > Update', () => {
	it('finds by phone, sends only the phone as identifier, metadata as one object, and outputs the contact', async () => {
		const { outputs, error } = await runNode(
			node({
				lookupBy: 'phone',
				phone: '(415) 555-0123',
				contactId: romain.id,
				updateFields: {
					metadata: { values: [{ name: 'lifetime_value', value: '={{ 9120.5 }}' }] },
				},
				options: { defaultCountry: 'US' },
			}),
		);

		expect(error).toBeUndefined();
		expect(api.received).toHaveLength(1);
		const [request] = api.received;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/actions/update-contact');
		expect(request.headers).toMatchObject({
			authorization: `Bearer ${QYVO_TOKEN}`,
			'content-type': 'application/json',
			accept: 'application/json',
		});
		expect(request.body).toEqual({ phone: '+14155550123', metadata: { lifetime_value: 9120.5 } });
		expect(outputs).toEqual([
			[{ json: { ...qyvoView(romain), updated_at: QYVO_UPDATED_AT }, pairedItem: { item: 0 } }],
		]);
		expect(api.contacts[0].metadata).toEqual({ plan: 'gold', lifetime_value: 9120.5 });
	});

	it('finds by ID, sends "" to clear name and email, and tags as one CSV string', async () => {
		const { outputs, error } = await runNode(
			node(
				{
					lookupBy: 'contactId',
					contactId: ` ${sam.id} `,
					updateFields: { name: '', email: '', tags: ' vip, b2b ,vip,' },
				},
				{ credentials: { apiToken: QYVO_TOKEN, baseUrl: `${baseUrl()}/`, ...NO_CLIENT_LIMIT } },
			),
		);

		expect(error).toBeUndefined();
		expect(api.received.map(({ path, body }) => ({ path, body }))).toEqual([
			{
				path: '/api/v1/actions/update-contact',
				body: { contact_id: sam.id, name: '', email: '', tags: 'vip,b2b' },
			},
		]);
		expect(outputs[0][0].json).toEqual({
			...qyvoView(sam),
			name: null,
			email: null,
			tags: ['vip', 'b2b'],
			updated_at: QYVO_UPDATED_AT,
		});
	});

	it('takes tags as an array from an expression', async () => {
		await runNode({
			...node({
				lookupBy: 'contactId',
				contactId: romain.id,
				updateFields: { tags: '={{ $json.tags }}' },
			}),
			items: [{ json: { tags: ['a', ' b '] } }],
		});
		expect(api.received.map((request) => request.body)).toEqual([
			{ contact_id: romain.id, tags: 'a,b' },
		]);
	});
});

describe('rules refuse bad input before any request', () => {
	it.each<[string, INodeParameters, string, string]>([
		[
			'no field to update',
			{ lookupBy: 'contactId', contactId: romain.id, updateFields: {} },
			'Update needs at least one field to update',
			'Add Name, Email, Tags or Metadata under Update Fields.',
		],
		[
			'a contact ID of the wrong form',
			{ lookupBy: 'contactId', contactId: 'romain', updateFields: { name: 'R' } },
			'Contact ID "romain" is not a valid ID',
			"Contact ID takes the contact's ID: a UUID like 550e8400-e29b-41d4-a716-446655440000, or a 26-character ID like 01J1Y8Z6K3M4N5P6Q7R8S9T0VW.",
		],
		[
			'an empty phone',
			{ lookupBy: 'phone', phone: '={{ "" }}', updateFields: { name: 'R' } },
			'Phone is empty: give a number like +14155552671',
			'Enter the phone number, or map it from the input. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'an impossible phone',
			{ lookupBy: 'phone', phone: '+44 12', updateFields: { name: 'R' } },
			'Phone "+44 12" is too short: write the whole number, like +14155552671',
			'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'a tag holding a comma, from an array',
			{ lookupBy: 'contactId', contactId: romain.id, updateFields: { tags: '={{ ["a,b"] }}' } },
			'Tags has the tag "a,b", which holds a comma',
			'The API reads commas as separators between tags: remove the comma from the tag.',
		],
		[
			'an email that is not one',
			{ lookupBy: 'contactId', contactId: romain.id, updateFields: { email: 'romain@' } },
			'Email "romain@" is not an email address',
			'Write it like name@example.com, or leave Email empty to clear it.',
		],
	])('%s', async (_case, parameters, message, description) => {
		const { error, outputs } = await runNode(node(parameters));
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(outputs).toEqual([]);
		expect(api.received).toEqual([]);
	});
});

describe('API failures', () => {
	it('404 and 422 reach the user in the API words, paired, with Continue On Fail', async () => {
		const { outputs, error, run } = await runNode({
			...node(
				{
					lookupBy: 'phone',
					phone: '={{ $json.phone }}',
					updateFields: { email: '={{ $json.email }}' },
				},
				{ onError: 'continueRegularOutput' },
			),
			items: [
				// no contact has this phone: 404
				{ json: { phone: '+14155550199', email: 'nobody@example.com' } },
				// Sam may not take Romain's email: 422
				{ json: { phone: sam.phone, email: romain.email } },
				{ json: { phone: romain.phone, email: 'romain@new.example.com' } },
			],
		});

		expect(error).toBeUndefined();
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({
			error: 'Contact not found (phone +14155550199)',
			details: {
				description:
					'Check the ID, phone or email: Qyvo answers 404 for what does not exist, a sequence or flow not published, or a record of another workspace.',
				httpCode: '404',
			},
		});
		expect(items[1].json).toEqual({
			error:
				'The given data was invalid. (email: The email has already been taken.) (phone +442079460958)',
			details: {
				description: 'Qyvo could not process the fields sent: check their values',
				httpCode: '422',
			},
		});
		expect(items[2].json.email).toBe('romain@new.example.com');
		expect(api.received.map((request) => request.status)).toEqual([404, 422, 200]);
		expect(JSON.stringify(run)).not.toContain(QYVO_TOKEN);
	});

	it('a 422 validation answer keeps the field errors', async () => {
		const { error } = await runNode(
			node({ lookupBy: 'contactId', contactId: sam.id, updateFields: { email: romain.email } }),
		);
		expect(api.received.map((request) => request.status)).toEqual([422]);
		expect(error?.message).toBe(
			`The given data was invalid. (email: The email has already been taken.) (ID ${sam.id})`,
		);
		expect(error?.description).toBe('Qyvo could not process the fields sent: check their values');
		expect(error?.httpCode).toBe('422');
	});

	it('says the token was refused on 401', async () => {
		const { error, run } = await runNode(
			node(
				{ lookupBy: 'contactId', contactId: romain.id, updateFields: { name: 'R' } },
				{ credentials: { apiToken: 'qyvo_wrong', baseUrl: baseUrl() } },
			),
		);
		expect(error?.message).toBe('The API key was refused: check the Qyvo credential');
		expect(error?.description).toBe('Unauthenticated.');
		expect(error?.httpCode).toBe('401');
		expect(JSON.stringify(run)).not.toContain('qyvo_wrong');
	});
});
