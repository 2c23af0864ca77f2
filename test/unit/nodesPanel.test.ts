import type { INodeType, INodeTypeDescription, INodePropertyOptions } from 'n8n-workflow';

import packageJson from '../../package.json';

/** The package's node types, as n8n loads them: every entry of `n8n.nodes` in package.json. */
const NODE_TYPES: INodeTypeDescription[] = packageJson.n8n.nodes.map((built) => {
	const source = built.replace(/^dist\//, '../../').replace(/\.js$/, '');
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- each file named in package.json
	const exported = require(source) as Record<string, new () => INodeType>;
	const [NodeClass] = Object.values(exported);
	return new NodeClass().description;
});

/** The actions the editor lists for an action node: one per resource and operation. */
function actionCount(node: INodeTypeDescription): number {
	const resources = node.properties.find((property) => property.name === 'resource');
	const operations = node.properties.filter((property) => property.name === 'operation');
	return (
		operations.reduce((count, operation) => count + (operation.options?.length ?? 0), 0) *
		(resources ? 1 : 0)
	);
}

/**
 * The nodes panel's entries, by the rule of n8n's editor (editor-ui
 * `nodeCreator/composables/useActionsGeneration.ts`, `generateMergedNodesAndActions`, the same in
 * 2.40.7 and 1.123.81): a trigger whose name without `Trigger` is an action node with actions is
 * merged into that node's entry, and `app.description = trigger.description; // default to
 * trigger description`. (n8n-editor-ui 2.40.7's bundle: `let i=r.name.replace(`Trigger`,``)...
 * s&&o?.length>0?(c[i]=t([...o,...a]),s.description=r.description):...`.) Filtered as the editor
 * filters: an entry with one action lists none.
 */
function panelEntries(nodeTypes: INodeTypeDescription[]) {
	const entries = new Map<string, { description: string; merged: string[] }>();
	const actions = new Map<string, number>();
	for (const node of nodeTypes.filter((candidate) => !candidate.group.includes('trigger'))) {
		actions.set(node.name, actionCount(node));
		entries.set(node.name, { description: node.description, merged: [node.name] });
	}
	for (const trigger of nodeTypes.filter((candidate) => candidate.group.includes('trigger'))) {
		const appName = trigger.name.replace('Trigger', '');
		const app = entries.get(appName);
		if (app && (actions.get(appName) ?? 0) > 1) {
			app.merged.push(trigger.name);
			app.description = trigger.description;
		} else {
			entries.set(trigger.name, { description: trigger.description, merged: [trigger.name] });
		}
	}
	return Object.fromEntries(entries);
}

const ownDescription = (name: string) => NODE_TYPES.find((node) => node.name === name)!.description;

describe("n8n's nodes panel", () => {
	it('shows each action node and its trigger as one entry, with the action node’s own description', () => {
		expect(panelEntries(NODE_TYPES)).toEqual({
			guayaba: { description: ownDescription('guayaba'), merged: ['guayaba', 'guayabaTrigger'] },
			callAidan: {
				description: ownDescription('callAidan'),
				merged: ['callAidan', 'callAidanTrigger'],
			},
			qyvo: { description: ownDescription('qyvo'), merged: ['qyvo', 'qyvoTrigger'] },
		});
	});

	/**
	 * The editor lists a trigger's events as its actions, from its property named like `event`, each
	 * option with its own description (`description: t.description ?? ''`).
	 */
	it('lists every trigger event under the entry with a description of its own', () => {
		const events = (name: string, parameter: string) =>
			(
				NODE_TYPES.find((node) => node.name === name)!.properties.find(
					(property) => property.name === parameter,
				)!.options as INodePropertyOptions[]
			).map((option) => [option.name, typeof option.description === 'string']);
		expect([...events('guayabaTrigger', 'event'), ...events('qyvoTrigger', 'events')]).toEqual([
			['Contact Created', true],
			['Contact Fulfilled', true],
			['Contact Re-Added', true],
			['Message Received', true],
			['Message Sent', true],
			['Message Delivered', true],
			['Message Read', true],
			['Message Failed', true],
		]);
	});
});
