/**
 * What an action node and its trigger say in n8n's nodes panel. The editor shows them as one entry
 * (the trigger's name without `Trigger` is the action node's) under the trigger's description, so
 * both carry the action node's: the entry then says what the node does, and the trigger's events
 * are listed under it with their own descriptions.
 */
export const NODES_PANEL_DESCRIPTION = {
	guayaba:
		'Create, find, fulfil and update contacts of Guayaba AI phone outreach, and list its campaigns',
	callAidan:
		'Create, read and update contacts of CallAidan AI phone outreach: names, tags, do-not-disturb and more',
	qyvo: 'WhatsApp marketing with Qyvo: contacts and tags, text and template messages, sequences and flows',
} as const;
