/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: it reads the repository's docs in Jest, never inside n8n */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import packageJson from '../../package.json';

const ROOT = join(__dirname, '..', '..');
const DOCS = 'https://github.com/n8n-nodes-outreach/n8n-nodes-outreach/blob/main/docs/';

/** The anchors GitHub gives a Markdown file's headings. */
function headingAnchors(file: string): string[] {
	return readFileSync(join(ROOT, 'docs', file), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) =>
			line
				.replace(/^#+ /, '')
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		);
}

/** Where a link points: a file in docs/ and, when it has one, a heading of that file. */
function target(url: string): { file: string; anchor?: string; found: boolean } {
	if (!url.startsWith(DOCS)) return { file: url, found: false };
	const [file, anchor] = url.slice(DOCS.length).split('#');
	const anchors = headingAnchors(file);
	return { file, anchor, found: anchor === undefined || anchors.includes(anchor) };
}

const credentialLinks = packageJson.n8n.credentials.map((built) => {
	const source = built.replace(/^dist\//, '../../').replace(/\.js$/, '');
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- each file named in package.json
	const exported = require(source) as Record<string, new () => ICredentialType>;
	const [CredentialClass] = Object.values(exported);
	const credential = new CredentialClass();
	return [credential.name, credential.documentationUrl ?? ''];
});

const codexLinks = packageJson.n8n.nodes.flatMap((built) => {
	const codexFile = built.replace(/^dist\//, '').replace(/\.js$/, '.json');
	const codex = JSON.parse(readFileSync(join(ROOT, codexFile), 'utf8')) as {
		node: string;
		resources: Record<string, Array<{ url: string }>>;
	};
	return Object.entries(codex.resources).flatMap(([kind, links]) =>
		links.map((link) => [`${codex.node} ${kind}`, link.url]),
	);
});

describe('documentation links', () => {
	it('each credential links to its section of the docs', () => {
		expect(Object.fromEntries(credentialLinks)).toEqual({
			callAidanApi: `${DOCS}callaidan.md#callaidan-credential`,
			callAidanWebhookApi: `${DOCS}triggers.md#callaidan-trigger`,
			guayabaApi: `${DOCS}guayaba.md#guayaba-credential`,
			qyvoApi: `${DOCS}qyvo.md#qyvo-credential`,
			qyvoWebhookApi: `${DOCS}triggers.md#qyvo-trigger`,
		});
	});

	it('each node’s codex links to its page and its credential’s section', () => {
		expect(Object.fromEntries(codexLinks)).toEqual({
			'n8n-nodes-outreach.callAidan credentialDocumentation': `${DOCS}callaidan.md#callaidan-credential`,
			'n8n-nodes-outreach.callAidan primaryDocumentation': `${DOCS}callaidan.md`,
			'n8n-nodes-outreach.callAidanTrigger credentialDocumentation': `${DOCS}triggers.md#callaidan-trigger`,
			'n8n-nodes-outreach.callAidanTrigger primaryDocumentation': `${DOCS}triggers.md#callaidan-trigger`,
			'n8n-nodes-outreach.guayaba credentialDocumentation': `${DOCS}guayaba.md#guayaba-credential`,
			'n8n-nodes-outreach.guayaba primaryDocumentation': `${DOCS}guayaba.md`,
			'n8n-nodes-outreach.guayabaTrigger credentialDocumentation': `${DOCS}guayaba.md#guayaba-credential`,
			'n8n-nodes-outreach.guayabaTrigger primaryDocumentation': `${DOCS}triggers.md#guayaba-trigger`,
			'n8n-nodes-outreach.qyvo credentialDocumentation': `${DOCS}qyvo.md#qyvo-credential`,
			'n8n-nodes-outreach.qyvo primaryDocumentation': `${DOCS}qyvo.md`,
			'n8n-nodes-outreach.qyvoTrigger credentialDocumentation': `${DOCS}triggers.md#qyvo-trigger`,
			'n8n-nodes-outreach.qyvoTrigger primaryDocumentation': `${DOCS}triggers.md#qyvo-trigger`,
		});
	});

	it('every link reaches a file in docs/ and a heading that file has', () => {
		const links = [...credentialLinks, ...codexLinks].map(([, url]) => url);
		expect(links.map(target).filter((found) => !found.found)).toEqual([]);
		expect(headingAnchors('triggers.md')).toEqual(
			expect.arrayContaining(['guayaba-trigger', 'callaidan-trigger', 'qyvo-trigger']),
		);
	});
});

describe('the examples in the docs', () => {
	const examples = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));
	const NUMBERS = [
		'zero',
		'one',
		'two',
		'three',
		'four',
		'five',
		'six',
		'seven',
		'eight',
		'nine',
		'ten',
		'eleven',
		'twelve',
		'thirteen',
		'fourteen',
		'fifteen',
	];

	it('docs/examples.md has a row for each file in examples/', () => {
		const rows = readFileSync(join(ROOT, 'docs', 'examples.md'), 'utf8')
			.split('\n')
			.map((line) => /^\| `([^`]+\.json)`/.exec(line)?.[1])
			.filter((file) => file !== undefined);
		expect(rows.sort()).toEqual(examples.sort());
	});

	it('the README counts them right', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		expect(/\(docs\/examples\.md\): (\w+) workflows to import/.exec(readme)?.[1]).toBe(
			NUMBERS[examples.length],
		);
	});
});
