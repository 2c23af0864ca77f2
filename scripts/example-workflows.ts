/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a developer script that runs n8n, never loaded by n8n */
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import type { N8nInstance } from './n8n-instance';

type Json = Record<string, unknown>;

interface StoredWorkflow {
	id: string;
	name: string;
	nodes: Json[];
	connections: Json;
	pinData?: Json | null;
	active?: boolean;
	activeVersionId?: string | null;
	isArchived?: boolean;
}

export interface ExampleRefresh {
	/** Imported: new to this user folder, or stored as a start last imported it and since updated. */
	imported: Array<{ id: string; name: string; why: 'new' | 'refreshed' }>;
	/** Stored as their files hold them: nothing to import. */
	unchanged: number;
	/** Left as they are: published, archived, or changed since the last start imported them. */
	kept: Array<{ id: string; name: string; why: 'published' | 'archived' | 'changed' }>;
}

/** What the examples were when a start last imported them, by workflow ID, in the user folder. */
const RECORD = 'outreach-examples.json';

function sortedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, sortedKeys((value as Json)[key])]),
	);
}

/**
 * What a user changes in a workflow: its name, its nodes (what they do, their credentials, where
 * they are), connections and pinned data. n8n's own fields (IDs, dates, versions) are left out, so
 * an example reads the same in its file and as n8n stored it.
 */
export function fingerprint(
	workflow: Pick<StoredWorkflow, 'name' | 'nodes' | 'connections' | 'pinData'>,
): string {
	const nodes = workflow.nodes
		.map((node) => ({
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: node.position,
			parameters: node.parameters ?? {},
			credentials: node.credentials ?? {},
			disabled: node.disabled ?? false,
			onError: node.onError ?? null,
			notes: node.notes ?? null,
		}))
		.sort((a, b) => String(a.name).localeCompare(String(b.name)));
	const shape = {
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		pinData: workflow.pinData ?? {},
	};
	return createHash('sha256')
		.update(JSON.stringify(sortedKeys(shape)))
		.digest('hex');
}

/** The workflows n8n has stored that have these IDs (n8n must not be running: the CLI reads its database). */
async function storedWorkflows(
	n8n: N8nInstance,
	ids: string[],
): Promise<Map<string, StoredWorkflow>> {
	const stored = new Map<string, StoredWorkflow>();
	if (!n8n.hasUserData) return stored;
	const file = path.join(n8n.home, 'outreach-export.json');
	rmSync(file, { force: true });
	let failure: unknown;
	try {
		await n8n.cli(['export:workflow', '--all', `--output=${file}`]);
	} catch (error) {
		failure = error;
	}
	if (!existsSync(file)) {
		// n8n refuses to export when it has no workflow at all; then no example can be overwritten
		const listed = await n8n.cli(['list:workflow', '--onlyId']);
		if (ids.some((id) => listed.includes(id)))
			throw new Error(
				`n8n export:workflow wrote nothing although the examples are stored${failure ? `: ${(failure as Error).message}` : ''}`,
			);
		return stored;
	}
	for (const workflow of JSON.parse(readFileSync(file, 'utf8')) as StoredWorkflow[])
		if (ids.includes(workflow.id)) stored.set(workflow.id, workflow);
	rmSync(file, { force: true });
	return stored;
}

/**
 * Imports the example workflows of `folder` that the user has not touched: those not stored yet,
 * and those stored as a start last imported them whose file has changed since. An example that is
 * published, archived or changed by the user is kept as it is. n8n must not be running.
 */
export async function refreshExamples(n8n: N8nInstance, folder: string): Promise<ExampleRefresh> {
	const examples = readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as StoredWorkflow,
		}));
	const recordFile = path.join(n8n.home, RECORD);
	const record = (
		existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {}
	) as Record<string, string>;
	const stored = await storedWorkflows(
		n8n,
		examples.map(({ workflow }) => workflow.id),
	);
	const refresh: ExampleRefresh = { imported: [], unchanged: 0, kept: [] };
	const toImport = path.join(n8n.home, 'outreach-examples-to-import');
	rmSync(toImport, { recursive: true, force: true });
	mkdirSync(toImport, { recursive: true });
	for (const { file, workflow } of examples) {
		const current = stored.get(workflow.id);
		const { id } = workflow;
		if (current) {
			const name = current.name;
			const seen = fingerprint(current);
			if (current.active || current.activeVersionId) {
				refresh.kept.push({ id, name, why: 'published' });
				continue;
			}
			if (current.isArchived) {
				refresh.kept.push({ id, name, why: 'archived' });
				continue;
			}
			if (seen === fingerprint(workflow)) {
				refresh.unchanged++;
				record[id] = seen;
				continue;
			}
			if (seen !== record[id]) {
				refresh.kept.push({ id, name, why: 'changed' });
				continue;
			}
		}
		copyFileSync(path.join(folder, file), path.join(toImport, file));
		refresh.imported.push({ id, name: workflow.name, why: current ? 'refreshed' : 'new' });
		record[id] = fingerprint(workflow);
	}
	if (refresh.imported.length > 0) await n8n.importWorkflows(toImport);
	rmSync(toImport, { recursive: true, force: true });
	writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
	return refresh;
}

/** What a start tells about the examples: which it imported, and which it kept and why. */
export function describeRefresh({ imported, unchanged, kept }: ExampleRefresh): string {
	const lines = [
		`examples: ${imported.length} imported (${imported.filter((example) => example.why === 'new').length} new), ${unchanged} already as shipped, ${kept.length} kept as you left them`,
	];
	const reasons = { published: 'published', archived: 'archived', changed: 'changed by you' };
	for (const example of kept) lines.push(`  kept, ${reasons[example.why]}: "${example.name}"`);
	if (kept.length > 0)
		lines.push('  (delete an example to get it back as shipped at the next start)');
	return lines.join('\n');
}
