import { NodeApiError, type IExecuteSingleFunctions, type JsonObject } from 'n8n-workflow';

import { InputError } from '../../shared/input/refusal';
import { assertNotEmpty, assertText } from '../../shared/input/rules';
import { isObject, quote } from '../../shared/input/values';
import { nodeRunOf } from '../../shared/transport/nodeRun';
import { sideRequest, type SideRequestContext } from '../../shared/transport/sideRequest';
import { hostOf } from '../../shared/answers/host';
import { GUAYABA } from '../../shared/vendors';

export interface GuayabaStatus {
	id?: string;
	name: string;
	label?: string;
	isTerminal?: boolean;
	displayOrder?: number;
}

/**
 * The statuses Guayaba documents for every team (system statuses cannot be deleted): a value that
 * is exactly one of these names is sent as it is, without reading the account's statuses.
 */
const DEFAULT_STATUS_NAMES = [
	'active',
	'paused',
	'fulfilled',
	'DNC',
	'not-qualifies',
	'not-interested',
	'not-answering',
	'wrong-number',
	'talk-to-human',
];

/**
 * The status name the API takes for what a user, an expression or an AI agent gave: the name
 * itself, the status's ID, or its name or label in any letter case, when that points at one status.
 */
export function matchStatus(value: string, statuses: GuayabaStatus[]): string {
	const text = value.trim();
	const exact = statuses.find((status) => status.name === text || status.id === text);
	if (exact) return exact.name;
	const folded = text.toLowerCase();
	const names = new Set(
		statuses
			.filter(
				(status) =>
					status.name.toLowerCase() === folded ||
					status.label?.toLowerCase() === folded ||
					status.id?.toLowerCase() === folded,
			)
			.map((status) => status.name),
	);
	if (names.size === 1) return [...names][0];
	const valid = statuses.map((status) => status.name).join(', ');
	const labels = statuses
		.filter((status) => status.label && status.label !== status.name)
		.map((status) => `${status.label} (${status.name})`)
		.join(', ');
	const description = `Give a status name, its label or its ID, as Contact Status > Get Many lists them.${labels ? ` Labels: ${labels}.` : ''}`;
	if (names.size > 1) {
		throw new InputError(
			`Status ${quote(value)} matches more than one status (${[...names].join(', ')}): use one of ${valid}`,
			description,
		);
	}
	throw new InputError(
		`Status ${quote(value)} is not one of this account's statuses: use one of ${valid}`,
		description,
	);
}

function isStatusList(body: unknown): body is GuayabaStatus[] {
	return (
		Array.isArray(body) &&
		body.every((status) => isObject(status) && typeof status.name === 'string')
	);
}

/** The account's statuses, from `GET /contacts/statuses`: a dropdown's, or a rule's. */
export async function readStatuses(
	context: SideRequestContext,
	deadline?: number,
): Promise<GuayabaStatus[]> {
	return await sideRequest(context, GUAYABA, {
		method: 'GET',
		path: '/contacts/statuses',
		expected: 'a list of statuses',
		isExpected: isStatusList,
		deadline,
	});
}

/** The status to send: a documented name as it is; anything else read against the account's. */
export async function resolveStatus(
	context: IExecuteSingleFunctions,
	value: unknown,
): Promise<string> {
	assertNotEmpty(value, 'Status');
	const text = assertText(value, 'Status');
	if (DEFAULT_STATUS_NAMES.includes(text)) return text;
	// one node run reads the account's statuses once, whatever the number of items
	const statuses = await nodeRunOf(context).once('guayabaStatuses', async () => {
		try {
			return await readStatuses(context);
		} catch (error) {
			const { baseUrl } = await context.getCredentials<{ baseUrl: string }>(GUAYABA.credentialType);
			// the side request's own errors already say what happened, in the nodes' words
			const failure =
				error instanceof NodeApiError
					? error
					: new NodeApiError(context.getNode(), {} as JsonObject, {
							message: `Could not read the Guayaba statuses at ${hostOf(baseUrl)}`,
							description:
								'A status given by its label or ID is read from the account. Check the Base URL in the Guayaba credential, and that the server is up.',
						});
			throw failure;
		}
	});
	return matchStatus(text, statuses);
}
