/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a benchmark program, never loaded by n8n */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { NodeHelpers, type INodeParameters, type INodeType } from 'n8n-workflow';

import { CACHE } from '../scripts/n8n-instance';

/** The HTTP Request node's type name: n8n lets only it read any credential type. */
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
/** The version the editor gives a new HTTP Request node in n8n 2.40 (its `defaultVersion`). */
export const HTTP_REQUEST_VERSION = 4.5;

/**
 * n8n's own HTTP Request node, from the real n8n the end-to-end runs install
 * (`scripts/n8n-runtime.sh`) at the version a new node gets, or why it cannot be loaded.
 */
export function loadHttpRequestNode(n8nVersion = '2.40.7'): INodeType | string {
	const file = path.join(
		CACHE,
		`n8n-${n8nVersion}/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js`,
	);
	if (!existsSync(file))
		return `no n8n ${n8nVersion} in ${CACHE} (scripts/n8n-runtime.sh installs it)`;
	const { HttpRequest } = createRequire(file)(file) as { HttpRequest: new () => INodeType };
	return NodeHelpers.getVersionedNodeType(new HttpRequest(), HTTP_REQUEST_VERSION);
}

/**
 * What a user builds without this package: the HTTP Request node posting the same update. By
 * default with the Guayaba credential (n8n's "predefined credential type"), so that both nodes send
 * the same key header from the same credential; `auth` picks n8n's Header Auth credential instead,
 * or the key typed into a header of the node, with no credential at all.
 */
export function httpRequestUpdate(
	baseUrl: string,
	auth: 'guayabaCredential' | 'headerAuth' | { keyInHeader: string } = 'guayabaCredential',
): INodeParameters {
	const authentication: INodeParameters =
		auth === 'guayabaCredential'
			? { authentication: 'predefinedCredentialType', nodeCredentialType: 'guayabaApi' }
			: auth === 'headerAuth'
				? { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }
				: {
						authentication: 'none',
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'X-API-Key', value: auth.keyInHeader }] },
					};
	return {
		method: 'POST',
		url: `${baseUrl.replace(/\/+$/, '')}/contacts/update`,
		...authentication,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'phone', value: '={{ $json.phone }}' },
				{ name: 'status', value: 'DNC' },
			],
		},
		options: {},
	};
}
