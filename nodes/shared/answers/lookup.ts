import type { IDataObject, IExecuteSingleFunctions, NodeApiError } from 'n8n-workflow';

// answers about the item's own data, where the user needs to know which contact it was
const ABOUT_THE_CONTACT = ['400', '404', '409', '422'];

/** The contact a request looks up, as a message names it: its phone or its ID, never a secret. */
export function lookupOf(
	context: IExecuteSingleFunctions,
	options: { body?: unknown },
): string | undefined {
	const body = (
		typeof options.body === 'object' && options.body !== null ? options.body : {}
	) as IDataObject;
	if (typeof body.phone === 'string') return `phone ${body.phone}`;
	if (typeof body.contact_id === 'string') return `ID ${body.contact_id}`;
	if (typeof body.email === 'string') return `email ${body.email}`;
	// operations without a Contact ID field (templates, sequences, lists) name no contact
	if (context.getNode().parameters.contactId === undefined) return undefined;
	const contactId = context.getNodeParameter('contactId', '', { extractValue: true });
	if (typeof contactId === 'string' && contactId.trim() !== '') return `ID ${contactId.trim()}`;
	return undefined;
}

/** `Contact not found` becomes `Contact not found (phone +14155552671)`. */
export function nameTheContact(
	context: IExecuteSingleFunctions,
	error: NodeApiError,
	options: { body?: unknown },
): void {
	if (!ABOUT_THE_CONTACT.includes(String(error.httpCode))) return;
	const lookup = lookupOf(context, options);
	if (lookup && !error.message.endsWith(`(${lookup})`))
		error.message = `${error.message} (${lookup})`;
}
