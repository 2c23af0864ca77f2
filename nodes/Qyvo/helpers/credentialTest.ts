import { testKeyByStatus } from '../../shared/credentialTest';

// a read-only action for a contact that cannot exist: a good token gets 404 (or 422), a refused one 401
export const testQyvoApiToken = testKeyByStatus({
	service: 'Qyvo',
	method: 'POST',
	path: '/actions/get-contact',
	body: { contact_id: '00000000-0000-0000-0000-000000000000' },
	headers: (credentials) => ({ Authorization: `Bearer ${String(credentials.apiToken ?? '')}` }),
	acceptedStatuses: [404, 422],
});
