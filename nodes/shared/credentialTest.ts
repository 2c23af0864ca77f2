import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestMethods,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { Service } from './apiResponse';
import { joinUrl } from './request';

export interface StatusProbe {
	service: Service;
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	headers: (credentials: ICredentialDataDecryptedObject) => IDataObject;
	/** Answers that can only come after the key was accepted, like 404 for an ID that cannot exist. */
	acceptedStatuses: number[];
}

/**
 * A credential test that reads the status code of a read-only request. The declarative `test`
 * request of a credential can only treat a non-2xx answer as a failure, and these APIs document
 * no endpoint that answers 2xx without a side effect or an existing record.
 */
export function testKeyByStatus(probe: StatusProbe) {
	return async function testApiKey(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl : '';
		let statusCode: number;
		try {
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- a credential test context offers only `request`, no `httpRequest` (n8n-io/n8n#25190)
			const response = (await this.helpers.request({
				method: probe.method,
				uri: joinUrl(baseUrl, probe.path),
				headers: { Accept: 'application/json', ...probe.headers(data) },
				body: probe.body,
				json: true,
				simple: false,
				resolveWithFullResponse: true,
			})) as { statusCode: number };
			statusCode = response.statusCode;
		} catch (error) {
			return {
				status: 'Error',
				message: `Could not reach ${probe.service} at ${baseUrl}: ${(error as Error).message}`,
			};
		}

		if (probe.acceptedStatuses.includes(statusCode) || (statusCode >= 200 && statusCode < 300)) {
			return { status: 'OK', message: 'Connection successful!' };
		}
		if (statusCode === 401 || statusCode === 403) {
			return {
				status: 'Error',
				message: `The API key was refused (HTTP ${statusCode}): check it in your ${probe.service} account`,
			};
		}
		return {
			status: 'Error',
			message: `${probe.service} answered HTTP ${statusCode}: check the Base URL`,
		};
	};
}
