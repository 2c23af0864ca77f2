import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	IHttpRequestMethods,
} from 'n8n-workflow';

import type { Service } from '../vendors';

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const REFUSED_STATUSES = [401, 403];

export interface KeyTest {
	service: Service;
	/** what the credential's secret field is called, as the user reads it */
	secret: 'API key' | 'API token';
	/** where the user finds the secret, for the refusal message */
	secretSource: string;
	method: IHttpRequestMethods;
	path: string;
	/**
	 * The one answer other than a 2xx that proves the secret was accepted (CallAidan's 404 for a
	 * contact that cannot exist). n8n 2.x treats every other status as a failure; n8n 1.x knows no
	 * such list and passes every status on (see docs/callaidan.md, CallAidan credential).
	 */
	acceptedErrorStatus?: number;
	/** a field the accepted error's body always has, so that not any server's 404 passes */
	acceptedErrorField?: string;
}

/**
 * The credential's Test button, as a declarative `test` request: n8n's CredentialsTester sends it
 * with the credential's authentication and matches its `rules` on the status of a failed answer.
 * A function test would need `this.helpers.request`, the only HTTP helper n8n gives one, which is
 * deprecated and refused by n8n's verification scanner.
 *
 * A redirect is never followed, so the secret reaches the Base URL's host only.
 */
export function keyTest(test: KeyTest): ICredentialTestRequest {
	const rules: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
		...REFUSED_STATUSES.map((status) => ({
			type: 'responseCode' as const,
			properties: {
				value: status,
				message: `The ${test.secret} was refused (HTTP ${status}): check it in ${test.secretSource}`,
			},
		})),
		...REDIRECT_STATUSES.map((status) => ({
			type: 'responseCode' as const,
			properties: {
				value: status,
				message: `${test.service} answered with a redirect (HTTP ${status}), which the Test does not follow so that the ${test.secret} goes to no other host: check the Base URL`,
			},
		})),
		...(test.acceptedErrorStatus === undefined
			? []
			: [
					{
						type: 'responseCode' as const,
						properties: {
							value: 200,
							message: `${test.service} answered HTTP 200 where only a ${test.acceptedErrorStatus} can come: check the Base URL`,
						},
					},
				]),
		...(test.acceptedErrorField === undefined
			? []
			: [
					{
						type: 'responseSuccessBody' as const,
						properties: {
							key: test.acceptedErrorField,
							value: undefined,
							message: `The server at the Base URL does not answer as ${test.service}'s API does: check the Base URL`,
						},
					},
				]),
	];
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: test.path,
			method: test.method,
			headers: { Accept: 'application/json' },
			json: true,
			disableFollowRedirect: true,
			...(test.acceptedErrorStatus === undefined
				? {}
				: {
						ignoreHttpStatusErrors: {
							ignore: true as const,
							except: everyStatusBut(test.acceptedErrorStatus),
						},
					}),
		},
		// n8n's type takes one kind of rule per list; its CredentialsTester reads both kinds from it
		rules: rules as IAuthenticateRuleResponseCode[],
	};
}

/** 2xx too: a success for a record that cannot exist is not the API's answer. */
function everyStatusBut(accepted: number): number[] {
	return Array.from({ length: 500 }, (_, index) => index + 100).filter(
		(status) => status !== accepted,
	);
}
