// npm run release [patch|minor|major]
// In GitHub Actions (the publish workflow, from a version tag): n8n's own `n8n-node release`, which
// lints, builds and publishes with provenance. On a developer's machine: the version bumped,
// CHANGELOG.md's Unreleased notes moved under it, a commit and a tag pushed; the tag's push runs
// .github/workflows/publish.yml, which publishes. Nothing is published from this machine.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const run = (command, args, options = {}) =>
	execFileSync(command, args, { stdio: 'inherit', ...options });
const read = (command, args) => execFileSync(command, args, { encoding: 'utf8' }).trim();

if (process.env.GITHUB_ACTIONS) {
	run('npx', ['n8n-node', 'release']);
	process.exit(0);
}

const bump = process.argv[2] ?? 'patch';
if (!['patch', 'minor', 'major'].includes(bump)) {
	console.error(`release: "${bump}" is not patch, minor or major`);
	process.exit(1);
}
if (read('git', ['rev-parse', '--abbrev-ref', 'HEAD']) !== 'main') {
	console.error('release: run it on main');
	process.exit(1);
}
if (read('git', ['status', '--porcelain'])) {
	console.error('release: commit or stash your changes first');
	process.exit(1);
}

const changelog = readFileSync('CHANGELOG.md', 'utf8');
const unreleased = /^## Unreleased\n([\s\S]*?)(?=^## )/m.exec(changelog);
if (!unreleased || !unreleased[1].trim()) {
	console.error('release: CHANGELOG.md has no Unreleased notes to release');
	process.exit(1);
}

run('npm', ['run', 'lint']);
run('npm', ['test']);
run('npm', ['run', 'scan']);

const version = read('npm', ['version', bump, '--no-git-tag-version']).replace(/^v/, '');
writeFileSync(
	'CHANGELOG.md',
	changelog.replace(unreleased[0], `## Unreleased\n\n## ${version}\n${unreleased[1]}`),
);
run('git', ['commit', '-am', `Release ${version}`]);
run('git', ['tag', version]);
run('git', ['push', 'origin', 'main', version]);
console.log(`release: ${version} tagged and pushed; the Publish workflow publishes it to npm`);
