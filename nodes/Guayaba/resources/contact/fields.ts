import type { INodeProperties } from 'n8n-workflow';

import { nameValueCollection, phoneField, sendAsBody } from '../../../shared/descriptions/fields';
import { sendAsQuery } from '../../../shared/descriptions/groups';
import { idPicker, UUID_FORM } from '../../../shared/descriptions/picker';

/**
 * The phone number Fulfill and Update by Phone find the contact by: one property for both, since
 * n8n's declarative engine evaluates a parameter's expression once per property of that name, for
 * every item. The hooks read it and send it in E.164.
 */
export const contactPhoneField: INodeProperties = {
	...phoneField({ name: 'phone', what: 'Phone number of the contact', required: true }),
	displayOptions: { show: { resource: ['contact'], operation: ['fulfill', 'updateByPhone'] } },
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Contact name, at most 255 characters',
	routing: sendAsBody('name'),
};

/** The contact's custom variables, name/value pairs sent as one object. */
export function customVariablesField(description: string): INodeProperties {
	return nameValueCollection({
		displayName: 'Custom Variables',
		name: 'customVariables',
		pair: 'Variable',
		sendAs: 'customVariables',
		description,
	});
}

export const statusField: INodeProperties = {
	displayName: 'Status Name or ID',
	name: 'status',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStatuses' },
	// an expression or an AI agent may give the label or any letter case: the node reads it
	allowArbitraryValues: true,
	default: '',
	description:
		'Status to give the contact, from your account\'s statuses. A terminal status (like fulfilled, paused or DNC) cancels every scheduled call, SMS and WhatsApp message; active reschedules outreach. An expression may give the status name, its label (Do Not Call) in any letter case, or its ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	routing: { send: { type: 'body', property: 'status' } },
};

/** A campaign, picked from the account's campaigns or given by ID, sent as `campaignId`. */
export function campaignPicker(description: string): INodeProperties {
	return idPicker({
		displayName: 'Campaign',
		name: 'campaignId',
		what: 'campaign',
		searchListMethod: 'searchCampaigns',
		id: UUID_FORM,
		description,
		sendAs: 'campaignId',
	});
}

export const campaignField = campaignPicker(
	"Campaign to move the contact to. Moving cancels the old campaign's scheduled actions and schedules the new campaign's.",
);

/** The contact Update by ID changes, picked from the contacts (search by name or phone) or given by ID. */
export const contactPicker: INodeProperties = idPicker({
	displayName: 'Contact',
	name: 'contactId',
	what: 'contact',
	searchListMethod: 'searchContacts',
	id: UUID_FORM,
	description:
		'Contact to update: pick it from the list (search by name or phone number), or give its ID',
	required: true,
});

/** The Campaigns filter of the contacts list: Get Many sends it, the trigger polls with it. */
export function campaignsFilter(which: string): INodeProperties {
	return {
		displayName: 'Campaign Names or IDs',
		name: 'campaignIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCampaigns' },
		default: [],
		description: `${which}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The Search filter of Guayaba's lists, sent as the query parameter `search`. */
export function searchFilter(field: { placeholder: string; description: string }): INodeProperties {
	return {
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: field.placeholder,
		description: field.description,
		routing: sendAsQuery('search'),
	};
}

/** The Status filter of the contacts list: Get Many sends it, the trigger polls with it. */
export function statusFilter(which: string): INodeProperties {
	return {
		displayName: 'Status Name or ID',
		name: 'status',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses' },
		default: '',
		description: `${which}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

const timeZoneOptions = Intl.supportedValuesOf('timeZone').map((zone) => ({
	name: zone.replace(/_/g, ' '),
	value: zone,
}));

export const timezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: timeZoneOptions,
	default: 'America/New_York',
	description:
		'IANA time zone the contact is called in. Changing it on an active contact reschedules pending calls and SMS.',
	routing: { send: { type: 'body', property: 'timezone' } },
};
