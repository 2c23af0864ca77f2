import type {
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { apiError, type Service } from './apiResponse';

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** A request outside the declarative routing (dropdown loaders), with the same error messages. */
export async function loaderRequest<T>(
	context: ILoadOptionsFunctions,
	service: Service,
	credentialType: string,
	request: { method: IHttpRequestMethods; path: string; qs?: IDataObject; body?: IDataObject },
): Promise<T> {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>(credentialType);
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		credentialType,
		{
			method: request.method,
			url: joinUrl(baseUrl, request.path),
			qs: request.qs,
			body: request.body,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		throw apiError(context.getNode(), service, response.statusCode, response.body);
	}
	return response.body as T;
}
