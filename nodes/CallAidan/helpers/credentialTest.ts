import { testKeyByStatus } from '../../shared/credentialTest';

// no contact has the nil UUID: a good key gets 404, a refused one 401
export const testCallAidanApiKey = testKeyByStatus({
	service: 'CallAidan',
	method: 'GET',
	path: '/contacts/00000000-0000-0000-0000-000000000000/',
	headers: (credentials) => ({ Authorization: String(credentials.apiKey ?? '') }),
	acceptedStatuses: [404],
});
