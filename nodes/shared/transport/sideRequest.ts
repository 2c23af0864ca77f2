import type {
	IDataObject,
	IHttpRequestMethods,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { apiError, malformedAnswer, redirectError } from '../answers/apiErrors';
import { sendWithinRateLimit, type DeliveryRules } from './deliver';
import { joinUrl, withinTimeout } from './url';
import { credentialSecrets } from '../answers/secrets';

// the editor waits for a dropdown: a server that never answers must not keep it waiting
const LOADER_TIMEOUT_MS = 30_000;

/**
 * A request of a dropdown loader (or a hook's request before the item's own), outside the declarative routing: the same rate budget, the same
 * rules on redirects and secrets, and the same messages as the nodes' requests. `isExpected` checks
 * the shape of the answer; `expected` names it in the message when it does not fit.
 */
export async function loaderRequest<T>(
	// a hook that needs a side request (Guayaba's statuses) and a polling trigger send it the same way
	context: ILoadOptionsFunctions | IExecuteSingleFunctions | IPollFunctions,
	rules: DeliveryRules,
	request: {
		method: IHttpRequestMethods;
		path: string;
		qs?: IDataObject;
		body?: IDataObject;
		expected: string;
		isExpected: (body: unknown) => body is T;
	},
): Promise<T> {
	const credentials = await context.getCredentials(rules.credentialType);
	const baseUrl = String(credentials.baseUrl ?? '');
	const secrets = credentialSecrets(credentials, rules.secretField);
	const response = await sendWithinRateLimit(
		rules,
		credentials,
		request.method,
		async () =>
			(await withinTimeout(
				context.helpers.httpRequestWithAuthentication.call(context, rules.credentialType, {
					method: request.method,
					url: joinUrl(baseUrl, request.path),
					qs: request.qs,
					body: request.body,
					json: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					disableFollowRedirect: true,
					timeout: LOADER_TIMEOUT_MS,
				}),
				LOADER_TIMEOUT_MS,
			)) as IN8nHttpFullResponse,
	);
	const node = context.getNode();
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw redirectError(node, rules.service, response, baseUrl, undefined, secrets);
	}
	if (response.statusCode >= 400) {
		throw apiError(node, rules.service, response.statusCode, response.body, undefined, secrets);
	}
	if (!request.isExpected(response.body)) {
		throw malformedAnswer(node, rules.service, request.expected, response.body, secrets);
	}
	return response.body;
}
