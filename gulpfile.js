const { readdirSync, readFileSync, rmSync, statSync } = require('node:fs');
const { builtinModules } = require('node:module');
const path = require('node:path');
const { build: esbuild } = require('esbuild');
const { dest, parallel, series, src } = require('gulp');

const DIST = path.join(__dirname, 'dist');
const PHONE_LIBRARY = path.join(DIST, 'nodes/shared/input/libphonenumber.js');
// what n8n provides to a community package at run time; everything else must be in dist
const PROVIDED_AT_RUNTIME = new Set(['n8n-workflow', ...builtinModules]);

function copyIcons() {
	return src('icons/*.{png,svg}').pipe(dest('dist/icons'));
}

function copyCodexFiles() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

async function bundlePhoneLibrary() {
	await esbuild({
		entryPoints: [PHONE_LIBRARY],
		outfile: PHONE_LIBRARY,
		allowOverwrite: true,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node18',
		legalComments: 'eof',
		minify: true,
		// n8n's scanner refuses console calls in a package (two debug logs in libphonenumber)
		drop: ['console'],
		logLevel: 'warning',
	});
	// tsc's source map describes the file before bundling
	rmSync(`${PHONE_LIBRARY}.map`, { force: true });
}

function* javaScriptFiles(directory) {
	for (const name of readdirSync(directory)) {
		const file = path.join(directory, name);
		if (statSync(file).isDirectory()) yield* javaScriptFiles(file);
		else if (name.endsWith('.js')) yield file;
	}
}

async function checkNothingOutsideIsRequired() {
	const missing = [];
	for (const file of javaScriptFiles(DIST)) {
		for (const [, request] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
			const name = request.startsWith('@')
				? request.split('/').slice(0, 2).join('/')
				: request.split('/')[0];
			if (!request.startsWith('.') && !PROVIDED_AT_RUNTIME.has(name.replace(/^node:/, ''))) {
				missing.push(`${path.relative(__dirname, file)} requires "${request}"`);
			}
		}
	}
	if (missing.length) {
		throw new Error(`dist needs packages n8n does not provide:\n${missing.join('\n')}`);
	}
}

exports.build = series(
	parallel(copyIcons, copyCodexFiles, bundlePhoneLibrary),
	checkNothingOutsideIsRequired,
);
