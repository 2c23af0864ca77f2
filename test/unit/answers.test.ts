import { saysItFailed } from '../../nodes/shared/answers/apiErrors';
import { apiMessage } from '../../nodes/shared/answers/apiMessage';
import { answerExcerpt } from '../../nodes/shared/answers/excerpt';
import { InputError } from '../../nodes/shared/input/refusal';
import { normalizedBaseUrl } from '../../nodes/shared/limiter/keys';
import { withinTimeout } from '../../nodes/shared/transport/timeout';
import { hostOf } from '../../nodes/shared/answers/host';
import { credentialSecrets, redact } from '../../nodes/shared/answers/secrets';
import { assertText } from '../../nodes/shared/input/rules';

describe('normalizedBaseUrl: one spelling per Base URL', () => {
	it.each([
		['https://api.guayaba.ai', 'https://api.guayaba.ai'],
		['https://api.guayaba.ai/', 'https://api.guayaba.ai'],
		['HTTPS://API.Guayaba.AI//', 'https://api.guayaba.ai'],
		['https://api.guayaba.ai:443', 'https://api.guayaba.ai'],
		['https://user:pw@api.guayaba.ai', 'https://api.guayaba.ai'],
		['http://127.0.0.1:5701', 'http://localhost:5701'],
		['http://localhost:5701/', 'http://localhost:5701'],
		['http://[::1]:5701', 'http://localhost:5701'],
		['https://www.qyvo.io/api/v1/', 'https://www.qyvo.io/api/v1'],
		[' not a url/ ', 'not a url'],
	])('%s is %s', (baseUrl, normalized) => {
		expect(normalizedBaseUrl(baseUrl)).toBe(normalized);
	});
});

describe('hostOf: the host of an address, never its user, password or path', () => {
	it.each([
		['https://user:secret@api.guayaba.ai/contacts?key=1', undefined, 'api.guayaba.ai'],
		['http://127.0.0.1:9/api/v1', undefined, '127.0.0.1:9'],
		['/elsewhere', 'https://api.callaidan.com', 'api.callaidan.com'],
		['not a url', undefined, 'an address that is not a URL'],
	])('%s', (url, base, host) => {
		expect(hostOf(url, base)).toBe(host);
	});
});

describe('secrets', () => {
	it('are the key and the user and password of the Base URL, as typed and URL-encoded', () => {
		const secrets = credentialSecrets(
			{ apiKey: 'gua_k3y', baseUrl: 'https://me:p%40ss@api.guayaba.ai' },
			'apiKey',
		);
		expect([...secrets].sort()).toEqual(['gua_k3y', 'me', 'p%40ss', 'p@ss'].sort());
	});

	it('are removed from text wherever they appear', () => {
		expect(redact('Invalid API key gua_k3y (gua_k3y)', ['gua_k3y'])).toBe(
			'Invalid API key [redacted] ([redacted])',
		);
	});

	it('an empty key hides nothing', () => {
		expect(credentialSecrets({ apiKey: '', baseUrl: 'https://api.guayaba.ai' }, 'apiKey')).toEqual(
			[],
		);
	});
});

describe('what is taken from an answer is bounded', () => {
	it('a 20 MB message becomes 300 characters', () => {
		expect(apiMessage({ message: 'x'.repeat(20_000_000) })).toBe(`${'x'.repeat(297)}...`);
	});

	it('field errors: ten fields, five messages each, each cut short', () => {
		const errors = Object.fromEntries(
			Array.from({ length: 50 }, (_, index) => [`f${index}`, Array(50).fill('y'.repeat(500))]),
		);
		const message = apiMessage({ message: 'Invalid', errors })!;
		expect(message.length).toBeLessThanOrEqual(600);
		expect(message.startsWith('Invalid (f0: y')).toBe(true);
		expect(message).not.toContain('f10:');
	});

	it('the excerpt n8n keeps is three levels deep, twenty entries wide, without secrets', () => {
		let deep: unknown = 'bottom gua_k3y';
		for (let level = 0; level < 5000; level++) deep = { error: deep };
		expect(answerExcerpt(deep, ['gua_k3y'])).toEqual({ error: { error: { error: '{...}' } } });
		const wide = Object.fromEntries(
			Array.from({ length: 100 }, (_, index) => [`k${index}`, index]),
		);
		expect(Object.keys(answerExcerpt(wide, []) as object)).toHaveLength(20);
		expect(answerExcerpt({ note: 'key gua_k3y' }, ['gua_k3y'])).toEqual({
			note: 'key [redacted]',
		});
	});
});

describe('saysItFailed: a 200 that says it did not do the change', () => {
	it.each<[unknown, boolean]>([
		[{ success: false, error: 'locked' }, true],
		[{ error: 'Internal' }, true],
		[{ success: false }, true],
		[{ id: '1', success: true }, false],
		[{ id: '1', error: null }, false],
		[{}, false],
		[[], false],
	])('%j: %s', (body, failed) => {
		expect(saysItFailed(body)).toBe(failed);
	});
});

describe('assertText', () => {
	it.each<[unknown, string]>([
		['Ann', 'Ann'],
		['', ''],
		[42, '42'],
	])('%j is sent as %j', (value, text) => {
		expect(assertText(value, 'Name')).toBe(text);
	});

	it.each<[unknown, string]>([
		[null, 'Name must be text, not null'],
		[undefined, 'Name must be text, not no value'],
		[true, 'Name must be text, not true'],
		[['a', 'b'], 'Name must be text, not a list (["a","b"])'],
		[{ a: 1 }, 'Name must be text, not an object ({"a":1})'],
		[Number.NaN, 'Name must be text, not NaN'],
	])('%j is refused', (value, message) => {
		expect(() => assertText(value, 'Name')).toThrow(new InputError(message, ''));
	});
});

describe('withinTimeout', () => {
	it('fails a request still running at its timeout, with the code of a timeout', async () => {
		const never = new Promise<never>(() => undefined);
		await expect(withinTimeout(never, 50)).rejects.toMatchObject({ code: 'ECONNABORTED' });
	});

	it('gives the answer of a request done in time', async () => {
		await expect(withinTimeout(Promise.resolve('done'), 1000)).resolves.toBe('done');
	});
});
