import type { INodeProperties } from 'n8n-workflow';

import { CallAidan } from '../../nodes/CallAidan/CallAidan.node';
import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { Qyvo } from '../../nodes/Qyvo/Qyvo.node';

/** Every fixedCollection in a node's fields, nested ones included. */
function fixedCollections(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		...(property.type === 'fixedCollection' ? [property] : []),
		...fixedCollections(
			((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option),
		),
	]);
}

describe('name/value lists', () => {
	it.each([
		['Guayaba', new Guayaba(), 'customVariables', 'Add Variable', 'Variable'],
		['CallAidan', new CallAidan(), 'customFields', 'Add Custom Field', 'Custom Field'],
		['Qyvo', new Qyvo(), 'metadata', 'Add Metadata', 'Metadata'],
	])(
		'%s: the button says what it adds, unlike Update Fields\' "Add Field"',
		(_service, node, name, button, pair) => {
			const lists = fixedCollections(node.description.properties).filter(
				(property) => property.name === name,
			);
			expect(lists.length).toBeGreaterThan(0);
			for (const list of lists) {
				expect(list.placeholder).toBe(button);
				expect((list.options as Array<{ name: string; displayName: string }>)[0]).toMatchObject({
					name: 'values',
					displayName: pair,
				});
			}
		},
	);
});
