import type { INodeProperties } from 'n8n-workflow';

import { sendAsBody } from './fields';

/** How a vendor's IDs look, so that By ID checks one as the user types. */
export interface IdForm {
	/** Matched whole (n8n adds ^ and $), without flags: the editor and n8n both test it. */
	regex: string;
	example: string;
	/** What the message says an ID is, after "Not a valid ...": `campaign ID (a UUID)`. */
	kind: string;
}

const UUID = '\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*';
const ULID = '\\s*[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}\\s*';

export const UUID_FORM: IdForm = {
	regex: UUID,
	example: '550e8400-e29b-41d4-a716-446655440000',
	kind: 'a UUID',
};

/** Qyvo's docs say UUID while their examples show 26-character IDs: both are taken. */
export const UUID_OR_ULID_FORM: IdForm = {
	regex: `${UUID}|${ULID}`,
	example: '01J1Y8Z6K3M4N5P6Q7R8S9T0VW',
	kind: 'a UUID or a 26-character ID',
};

/**
 * An ID the vendor can list, as a resource locator: From List (searchable, read a page at a time
 * when opened) or By ID (checked as typed). The value n8n hands the routing and the hooks is the
 * ID in either mode, and a plain string saved before the field was a picker, or given by
 * `$fromAI()`, still works: n8n reads a resource locator's value out of either shape.
 */
export function idPicker(field: {
	displayName: string;
	name: string;
	/** What is picked, in lower case: `campaign`. */
	what: string;
	searchListMethod: string;
	id: IdForm;
	description: string;
	required?: boolean;
	sendAs?: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required ?? false,
		description: field.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${field.what}...`,
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${field.id.example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: field.id.regex,
							errorMessage: `Not a valid ${field.what} ID: it is ${field.id.kind}, like ${field.id.example}`,
						},
					},
				],
			},
		],
		...(field.sendAs === undefined ? {} : { routing: sendAsBody(field.sendAs) }),
	};
}
