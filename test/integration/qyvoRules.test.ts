import type { INodeParameters } from 'n8n-workflow';

import { QyvoApi } from '../../credentials/QyvoApi.credentials';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/limiter/retryPolicy';
import { runNode, type NodeUnderTest } from '../helpers/engine';
import { withRetryPolicy } from '../helpers/retries';
import {
	FakeQyvo,
	QYVO_BASE_PATH,
	QYVO_TOKEN,
	seedQyvoContacts,
	seedQyvoFlows,
	seedQyvoSequences,
	seedQyvoTemplates,
} from '../../sandbox/qyvo';

const api = new FakeQyvo();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

const [romain] = seedQyvoContacts();
const [orderConfirmation] = seedQyvoTemplates();
const [welcomeSeries] = seedQyvoSequences();
const [reviewFlow] = seedQyvoFlows();

function node(
	resource: string,
	operation: string,
	parameters: INodeParameters,
	requestsPerMinute = 0,
): NodeUnderTest {
	return {
		nodeType: new Qyvo(),
		credentialType: new QyvoApi(),
		credentials: { apiToken: QYVO_TOKEN, baseUrl: `${api.url}${QYVO_BASE_PATH}` },
		parameters: {
			resource,
			operation,
			...parameters,
			options: { requestsPerMinute, ...(parameters.options as INodeParameters | undefined) },
		},
	};
}

const ID_HELP = (field: string, what: string) =>
	`${field} takes ${what}: a UUID like 550e8400-e29b-41d4-a716-446655440000, or a 26-character ID like 01J1Y8Z6K3M4N5P6Q7R8S9T0VW.`;

describe('rules refuse bad input before any request', () => {
	it.each<[string, string, string, INodeParameters, string, string]>([
		[
			'Create: a phone without country code',
			'contact',
			'create',
			{ phone: '415 555 0199', additionalFields: {} },
			'Phone "415 555 0199" has no country code: write it with + and the country code, like +14155552671, or set Default Country under Options',
			'Default Country (for example US) reads numbers written without a +. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'Create: a name that is not text',
			'contact',
			'create',
			{ phone: romain.phone, additionalFields: { name: '={{ { first: "Ada" } }}' } },
			'Name must be text, not an object ({"first":"Ada"})',
			'Enter text for Name, or use an expression that returns text.',
		],
		[
			'Create: a metadata pair without a name',
			'contact',
			'create',
			{
				phone: romain.phone,
				additionalFields: { metadata: { values: [{ name: ' ', value: 1 }] } },
			},
			'Metadata has a pair with no name (pair 1)',
			'Give every pair under Metadata a name, or remove the empty pair.',
		],
		[
			'Create: metadata over 64 KB',
			'contact',
			'create',
			{
				phone: romain.phone,
				additionalFields: { metadata: { values: [{ name: 'notes', value: 'x'.repeat(65_536) }] } },
			},
			'Metadata is 65 KB as JSON; Qyvo keeps at most 64 KB',
			'Store less under Metadata, or keep large data elsewhere and store a link to it.',
		],
		[
			'Get: an email that is not one',
			'contact',
			'get',
			{ lookupBy: 'email', email: 'romain@' },
			'Email "romain@" is not an email address',
			'Write it like name@example.com.',
		],
		[
			'Get: an empty email',
			'contact',
			'get',
			{ lookupBy: 'email', email: '={{ "" }}' },
			'Email is empty',
			'Enter a value for Email.',
		],
		[
			'Get: a lookup that is none of the choices',
			'contact',
			'get',
			{ lookupBy: '={{ "name" }}', contactId: romain.id, phone: romain.phone, email: 'a@b.co' },
			'Find Contact By "name" is not one of the choices',
			'Choose how to find the contact from the list.',
		],
		[
			'Search: an email filter that is not one',
			'contact',
			'search',
			{ filters: { email: 'someone' } },
			'Email "someone" is not an email address',
			'Write it like name@example.com.',
		],
		[
			'Add Tag: no tag',
			'contact',
			'addTag',
			{ lookupBy: 'contactId', contactId: romain.id, tag: '={{ "  " }}' },
			'Tag is empty',
			'Enter a value for Tag.',
		],
		[
			'Remove Tag: a contact ID of the wrong form',
			'contact',
			'removeTag',
			{ lookupBy: 'contactId', contactId: 'romain', tag: 'vip' },
			'Contact ID "romain" is not a valid ID',
			ID_HELP('Contact ID', "the contact's ID"),
		],
		[
			'Send Text: an empty message',
			'message',
			'sendText',
			{ phone: romain.phone, message: '={{ " " }}' },
			'Message is empty',
			'Enter a value for Message.',
		],
		[
			'Send Text: 4,097 characters',
			'message',
			'sendText',
			{ phone: romain.phone, message: 'a'.repeat(4097) },
			'Message is 4097 characters long; the most is 4096',
			'Shorten Message to 4096 characters or fewer, or send it as two messages.',
		],
		[
			'Send Text: a message that is not text',
			'message',
			'sendText',
			{ phone: romain.phone, message: '={{ ["hi"] }}' },
			'Message must be text, not a list (["hi"])',
			'Enter text for Message, or use an expression that returns text.',
		],
		[
			'Send Template: no template',
			'message',
			'sendTemplate',
			{ phone: romain.phone, templateId: '={{ "" }}' },
			'Template is empty',
			'Enter a value for Template.',
		],
		[
			'Send Template: a template given by name',
			'message',
			'sendTemplate',
			{ phone: romain.phone, templateId: 'order_confirmation' },
			'Template "order_confirmation" is not a valid ID',
			ID_HELP('Template', "the template's ID"),
		],
		[
			'Send Template: a language that is not a code',
			'message',
			'sendTemplate',
			{ phone: romain.phone, templateId: orderConfirmation.id, language: 'English' },
			'Language "English" is not a WhatsApp language code',
			'Write it as WhatsApp does, like en, en_US or pt_BR, or leave it empty to use any approved translation.',
		],
		[
			'Send Template: a variable that is an object',
			'message',
			'sendTemplate',
			{
				phone: romain.phone,
				templateId: orderConfirmation.id,
				variables: { values: [{ name: '1', value: '={{ { total: 42 } }}' }] },
			},
			'Variables "1" must be text, not {"total":42}',
			'Each value under Variables is sent as text: use a string, a number or a boolean.',
		],
		[
			'Send Template: the same variable twice',
			'message',
			'sendTemplate',
			{
				phone: romain.phone,
				templateId: orderConfirmation.id,
				variables: {
					values: [
						{ name: '1', value: 'a' },
						{ name: '1', value: 'b' },
					],
				},
			},
			'Variables has the name "1" twice',
			'Keep one pair per name under Variables.',
		],
		[
			'Template Get Many: a status that is none',
			'template',
			'getAll',
			{ filters: { status: '={{ "archived" }}' } },
			'Status "archived" is not a template status',
			'Use one of APPROVED, PENDING, REJECTED.',
		],
		[
			'Template Get: an ID of the wrong form',
			'template',
			'get',
			{ templateId: '42' },
			'Template ID "42" is not a valid ID',
			ID_HELP('Template ID', "the template's ID"),
		],
		[
			'Tag Get Many: a name that is not text',
			'tag',
			'getAll',
			{ filters: { name: '={{ { a: 1 } }}' } },
			'Name must be text, not an object ({"a":1})',
			'Enter text for Name, or use an expression that returns text.',
		],
		[
			'Sequence Start: an impossible phone',
			'sequence',
			'start',
			{ sequenceId: welcomeSeries.id, lookupBy: 'phone', phone: '+1 415' },
			'Phone "+1 415" is too short: write the whole number, like +14155552671',
			'Check for missing digits. Numbers are sent in E.164 form: a + then the country code and the number, like +14155552671.',
		],
		[
			'Sequence Start: no sequence ID',
			'sequence',
			'start',
			{ sequenceId: '={{ "" }}', lookupBy: 'contactId', contactId: romain.id },
			'Sequence ID is empty',
			'Enter a value for Sequence ID.',
		],
		[
			'Sequence Get: an ID of the wrong form',
			'sequence',
			'get',
			{ sequenceId: 'welcome' },
			'Sequence ID "welcome" is not a valid ID',
			ID_HELP('Sequence ID', "the sequence's ID"),
		],
		[
			'Flow Start: a context pair without a name',
			'flow',
			'start',
			{
				flowId: reviewFlow.id,
				lookupBy: 'contactId',
				contactId: romain.id,
				context: { values: [{ name: '', value: 'x' }] },
			},
			'Context has a pair with no name (pair 1)',
			'Give every pair under Context a name, or remove the empty pair.',
		],
		[
			'Flow Get: an ID that is not text',
			'flow',
			'get',
			{ flowId: '={{ 12 }}' },
			'Flow ID "12" is not a valid ID',
			ID_HELP('Flow ID', "the flow's ID"),
		],
	])('%s', async (_case, resource, operation, parameters, message, description) => {
		const { error, outputs } = await runNode(node(resource, operation, parameters));
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expect(outputs).toEqual([]);
		expect(api.received).toEqual([]);
	});
});

/** Each operation with parameters the sandbox accepts. */
const OPERATIONS: Array<[string, string, INodeParameters]> = [
	['contact', 'create', { phone: romain.phone }],
	['contact', 'get', { lookupBy: 'contactId', contactId: romain.id }],
	['contact', 'search', {}],
	['contact', 'addTag', { lookupBy: 'contactId', contactId: romain.id, tag: 'vip' }],
	['contact', 'removeTag', { lookupBy: 'contactId', contactId: romain.id, tag: 'gone' }],
	[
		'contact',
		'update',
		{ lookupBy: 'contactId', contactId: romain.id, updateFields: { name: 'R' } },
	],
	['message', 'sendText', { phone: romain.phone, message: 'Hi' }],
	['message', 'sendTemplate', { phone: romain.phone, templateId: seedQyvoTemplates()[1].id }],
	['template', 'getAll', {}],
	['template', 'get', { templateId: orderConfirmation.id }],
	['tag', 'getAll', {}],
	[
		'sequence',
		'start',
		{ sequenceId: welcomeSeries.id, lookupBy: 'contactId', contactId: romain.id },
	],
	['sequence', 'get', { sequenceId: welcomeSeries.id }],
	['flow', 'start', { flowId: reviewFlow.id, lookupBy: 'contactId', contactId: romain.id }],
	['flow', 'get', { flowId: reviewFlow.id }],
];

describe('every operation goes through the rate limit', () => {
	it.each(OPERATIONS)(
		'%s > %s: at 2 requests a window of 400 ms, the third item waits for the window to pass',
		async (resource, operation, parameters) => {
			const { error } = await runNode({
				...node(resource, operation, parameters, 2),
				nodeType: withRetryPolicy(new Qyvo(), { ...DEFAULT_RETRY_POLICY, rateWindowMs: 400 }),
				items: [{ json: {} }, { json: {} }, { json: {} }],
			});
			expect(error).toBeUndefined();
			expect(api.received).toHaveLength(3);
			// without the limit all three leave at once
			const [first, , third] = api.received.map((request) => request.at);
			expect(third - first).toBeGreaterThanOrEqual(380);
		},
	);
});
