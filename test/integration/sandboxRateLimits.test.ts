import { FakeGuayaba, GUAYABA_KEY } from '../../sandbox/guayaba';
import type { ServerBehaviour } from '../../sandbox/server';

// an hour's window: two requests a few milliseconds apart fall in one fixed window
const HOUR = 3_600_000;

const api = new FakeGuayaba();
beforeAll(async () => {
	await api.start();
});
afterAll(async () => {
	await api.stop();
});
beforeEach(() => api.reset());

/** An Update by Phone through HTTP: its status, its rate headers (lower-cased), its body. */
async function update(phone: string) {
	const response = await fetch(`${api.url}/contacts/update`, {
		method: 'POST',
		headers: { 'X-API-Key': GUAYABA_KEY, 'Content-Type': 'application/json' },
		body: JSON.stringify({ phone, status: 'DNC' }),
	});
	const rateHeaders = Object.fromEntries(
		[...response.headers].filter(([name]) => /^(x-ratelimit-|retry-after$)/.test(name)),
	);
	return { status: response.status, rateHeaders, body: (await response.json()) as unknown };
}

describe('the sandbox tells on the wire what its rate limit behaviour says', () => {
	it.each<[ServerBehaviour, 'fixed' | 'rolling', string[], string[]]>([
		[
			'fullHeaders',
			'fixed',
			['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
			['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
		],
		[
			'fullHeaders',
			'rolling',
			['x-ratelimit-limit', 'x-ratelimit-remaining'],
			['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'],
		],
		['limitsOn429', 'fixed', [], ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining']],
		['limitsOn429', 'rolling', [], ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining']],
		['retryAfterOnly', 'fixed', [], ['retry-after']],
		['retryAfterOnly', 'rolling', [], ['retry-after']],
		['silent', 'fixed', [], []],
		['silent', 'rolling', [], []],
	])('%s, %s window', async (says, kind, onSuccess, onRefusal) => {
		api.setRateLimit({ requests: 1, windowMs: HOUR, rolling: kind === 'rolling', says });
		const [first, second] = api.addBulkContacts(2);

		const accepted = await update(first);
		const refused = await update(second);

		expect([accepted.status, Object.keys(accepted.rateHeaders).sort()]).toEqual([200, onSuccess]);
		expect([refused.status, Object.keys(refused.rateHeaders).sort()]).toEqual([429, onRefusal]);
		if (onSuccess.length > 0) {
			expect(accepted.rateHeaders['x-ratelimit-limit']).toBe('1');
			expect(accepted.rateHeaders['x-ratelimit-remaining']).toBe('0');
		}
		if (onRefusal.includes('x-ratelimit-remaining')) {
			expect(refused.rateHeaders['x-ratelimit-limit']).toBe('1');
			expect(refused.rateHeaders['x-ratelimit-remaining']).toBe('0');
		}
		const retryAfter = refused.rateHeaders['retry-after'];
		if (retryAfter !== undefined) {
			// whole seconds until the hour's slot frees
			expect(retryAfter).toMatch(/^\d+$/);
			expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
			expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
		}
		// the body repeats Retry-After only where the header tells it
		expect(refused.body).toEqual({
			error: 'Too Many Requests',
			message: 'Rate limit exceeded',
			...(retryAfter === undefined ? {} : { retryAfter: Number(retryAfter) }),
		});
		expect(api.refused).toBe(1);
		expect(api.received.map((request) => request.status)).toEqual([200, 429]);
	});

	it('a coarse server says Retry-After: 1 whatever the wait', async () => {
		api.setRateLimit({ requests: 1, windowMs: HOUR, says: 'limitsOn429', retryAfterSeconds: 1 });
		const [first, second] = api.addBulkContacts(2);

		await update(first);
		const refused = await update(second);

		expect(refused.rateHeaders).toEqual({
			'retry-after': '1',
			'x-ratelimit-limit': '1',
			'x-ratelimit-remaining': '0',
		});
	});

	it('takes its behaviour through the control API, as the bench and the queue check set it', async () => {
		const configured = await fetch(`${api.url}/__sandbox/rate-limit`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ requests: 1, windowMs: HOUR, says: 'retryAfterOnly' }),
		});
		expect(configured.status).toBe(200);
		const [first, second] = api.addBulkContacts(2);

		const accepted = await update(first);
		const refused = await update(second);

		expect([accepted.status, accepted.rateHeaders]).toEqual([200, {}]);
		expect([refused.status, Object.keys(refused.rateHeaders)]).toEqual([429, ['retry-after']]);
	});
});
