// n8n's verification scan, run locally: the checks of @n8n/scan-community-package (pinned in
// package.json) on the source and on the packed tarball, with the file patterns its own
// analyzePackageByName uses. Its CLI needs a published version with npm provenance; these two legs
// are everything it then lints.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// the scanner makes a temporary folder as it loads, removed on exit only with graceful cleanup on
createRequire(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'))(
	'tmp',
).setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// the tarball leg of analyzePackageByName
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function newestSource() {
	return Math.max(
		...['nodes', 'credentials'].flatMap((folder) =>
			readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isFile())
				.map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
		),
	);
}

// the tarball is packed from dist, which npm test and npm run build write; the build bundles the
// phone library last, so its time is the build's
const lastBuilt = path.join(root, 'dist/nodes/shared/input/libphonenumber.js');
if (!existsSync(lastBuilt) || statSync(lastBuilt).mtimeMs < newestSource()) {
	console.error('scan: dist is missing or older than the source: run npm run build first');
	process.exit(1);
}

const folder = mkdtempSync(path.join(tmpdir(), 'n8n-outreach-scan-'));
try {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', folder], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const packageDir = path.join(folder, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', [
		'-xzf',
		path.join(folder, filename),
		'-C',
		packageDir,
		'--strip-components=1',
	]);

	let failed = false;
	for (const [leg, directory, patterns] of [
		['source', root, SOURCE_FILE_PATTERNS],
		[`tarball ${filename}`, packageDir, TARBALL_FILE_PATTERNS],
	]) {
		const result = await analyzePackage(directory, patterns);
		if (result.passed) {
			console.log(`scan: ${leg} passed`);
		} else {
			failed = true;
			console.error(`scan: ${leg} FAILED: ${result.message}`);
			if (result.details) console.error(result.details);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(folder, { recursive: true, force: true });
}
