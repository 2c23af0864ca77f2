import type { IDataObject } from 'n8n-workflow';

/**
 * What every emission of one contact's event shares, and two events never do: the event, the
 * contact's ID and the time of that event (`field`, such as `fulfilledAt`), so that a contact
 * re-added twice gives two keys. The time is written in UTC ISO form whatever form the API used.
 */
export function contactDeliveryKey(event: string, field: string, contact: IDataObject): string {
	const value = contact[field];
	const at = typeof value === 'string' ? Date.parse(value) : NaN;
	const when = Number.isNaN(at) ? String(value ?? '') : new Date(at).toISOString();
	return `${event}:${String(contact.id)}:${when}`;
}
