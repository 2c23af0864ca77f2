import type { INodeProperties } from 'n8n-workflow';

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

export const campaignField: INodeProperties = {
	displayName: 'Campaign Name or ID',
	name: 'campaignId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCampaigns' },
	default: '',
	description:
		'Campaign to move the contact to. Moving cancels the old campaign\'s scheduled actions and schedules the new campaign\'s. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	routing: { send: { type: 'body', property: 'campaignId' } },
};

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
