import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** `returnAll` and `limit`, as every Get Many operation has them. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** A filter's routing: sent as the query parameter `property`. */
export function sendAsQuery(property: string) {
	return { send: { type: 'query' as const, property } };
}

/** A filter's fixed choices: its label, its query parameter, and the values the list offers. */
export interface FilterChoices {
	displayName: string;
	name: string;
	options: INodePropertyOptions[];
}

/** A filter picked from fixed choices, sent as the query parameter of its name. */
export function choicesFilter(
	choices: FilterChoices,
	field: { default: string; description: string },
): INodeProperties {
	return {
		...choices,
		type: 'options',
		default: field.default,
		description: field.description,
		routing: sendAsQuery(choices.name),
	};
}

/** A Get Many operation's `filters` collection: only the filters a user adds are sent. */
export function filtersCollection(
	options: INodeProperties[],
	description = 'Conditions the results must meet: only the filters added here are sent',
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description,
		options,
	};
}

/** A create operation's `additionalFields` collection: only the fields a user adds are sent. */
export function additionalFieldsCollection(
	options: INodeProperties[],
	description = 'Optional fields of the new contact: only the fields added here are sent',
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options,
	};
}

/** The `updateFields` collection: only the fields a user adds are sent. */
export function updateFieldsCollection(
	options: INodeProperties[],
	description = 'Fields to change: only the fields added here are sent, and at least one is needed',
): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options,
	};
}
