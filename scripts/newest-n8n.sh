#!/usr/bin/env bash
# Prints the newest n8n 2.x that installs from the npm registry: from the newest published 2.x
# down, the first whose dependency tree npm resolves (a dry run: nothing is downloaded but package
# metadata). n8n 2.41.3, for one, depends on @n8n/agents@0.26.2, which the registry does not have.
# npm run test:e2e:newest runs the e2e suite on it.
set -euo pipefail

TRIES=${OUTREACH_NEWEST_TRIES:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '{ "name": "n8n-probe", "private": true }' >"$work/package.json"

versions=$(npm view n8n versions --json | node -e '
	const versions = JSON.parse(require("fs").readFileSync(0, "utf8"));
	const stable = versions.filter((v) => /^2\.\d+\.\d+$/.test(v));
	const key = (v) => v.split(".").map(Number);
	stable.sort((a, b) => { const [x, y] = [key(a), key(b)]; return y[0] - x[0] || y[1] - x[1] || y[2] - x[2]; });
	console.log(stable.join("\n"));
')
for version in $(echo "$versions" | head -n "$TRIES"); do
	if (cd "$work" && npm install --dry-run --ignore-scripts --no-audit --no-fund --loglevel=error \
		"n8n@$version" >"$work/log" 2>&1); then
		echo "$version"
		exit 0
	fi
	echo "n8n@$version does not install: $(grep -m1 -E 'notarget|E404|ERESOLVE' "$work/log" || tail -n1 "$work/log")" >&2
done
echo "none of the newest $TRIES n8n 2.x versions installs from the registry" >&2
exit 1
