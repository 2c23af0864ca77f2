/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: it runs in Jest, never inside n8n */
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[]; n8nNodesApiVersion: number; strict: boolean };
};

/** The build bundles the phone library last: its time is the build's (as in scripts/scan.mjs). */
function distIsCurrent(): boolean {
	const lastBuilt = path.join(root, 'dist/nodes/shared/input/libphonenumber.js');
	if (!existsSync(lastBuilt)) return false;
	const newestSource = Math.max(
		...['nodes', 'credentials', 'icons'].flatMap((folder) =>
			readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isFile())
				.map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
		),
	);
	return statSync(lastBuilt).mtimeMs >= newestSource;
}

const folders: string[] = [];
beforeAll(() => {
	// npm test builds first; a bare `npx jest` on a fresh clone or after an edit builds here
	if (!distIsCurrent()) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}, 180_000);
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the built package', () => {
	it('has no runtime dependencies, so n8n Cloud accepts it', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('loads every node and credential with nothing installed beside it but n8n-workflow', () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'n8n-outreach-dist-'));
		folders.push(folder);
		cpSync(path.join(root, 'dist'), path.join(folder, 'dist'), { recursive: true });
		cpSync(path.join(root, 'package.json'), path.join(folder, 'package.json'));
		mkdirSync(path.join(folder, 'node_modules'));
		symlinkSync(
			path.join(root, 'node_modules/n8n-workflow'),
			path.join(folder, 'node_modules/n8n-workflow'),
		);

		const script = `
			const { n8n } = require('./package.json');
			const loaded = [...n8n.nodes, ...n8n.credentials].map((file) => {
				const exported = require('./' + file);
				const instance = new (Object.values(exported)[0])();
				const description = instance.description ?? instance;
				return { file, name: description.name, icon: description.icon };
			});
			const phone = require('./dist/nodes/shared/input/phone.js').toE164('(415) 555-2671', 'Phone', 'US');
			console.log(JSON.stringify({ loaded, phone }));
		`;
		const output = JSON.parse(
			execFileSync(process.execPath, ['-e', script], {
				cwd: folder,
				env: { PATH: process.env.PATH },
				encoding: 'utf8',
			}),
		) as {
			loaded: Array<{ file: string; name: string; icon: { light: string; dark: string } }>;
			phone: string;
		};

		expect(output.phone).toBe('+14155552671');
		expect(output.loaded.map((entry) => entry.name).sort()).toEqual([
			'callAidan',
			'callAidanApi',
			'callAidanTrigger',
			'callAidanWebhookApi',
			'guayaba',
			'guayabaApi',
			'guayabaTrigger',
			'qyvo',
			'qyvoApi',
			'qyvoTrigger',
			'qyvoWebhookApi',
		]);
		for (const { file, icon } of output.loaded) {
			for (const iconPath of [icon.light, icon.dark]) {
				expect(
					existsSync(path.resolve(folder, path.dirname(file), iconPath.replace('file:', ''))),
				).toBe(true);
			}
		}
		for (const file of manifest.n8n.nodes) {
			expect(existsSync(path.join(folder, file.replace(/\.js$/, '.json')))).toBe(true);
		}
	});
});
