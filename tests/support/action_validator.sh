#!/usr/bin/env bash
# Installs @action-validator/cli (pinned) into DIR once, for tests/e2e/action_test.cpp, the
# way sarif_tools.sh installs the SARIF validators: under a lock, moved into place complete.
#
# Usage: action_validator.sh DIR
# Exit status: 0 ready; 77 npm or node is not available (the test skips, saying so); 1 the
# install failed (npm's log on stderr).
set -euo pipefail

dir=${1:?usage: action_validator.sh DIR}
version=0.6.0
stamp="$dir/installed-action-validator-$version"

[[ -f $stamp ]] && exit 0

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "npm/node not found on PATH" >&2
    exit 77
fi

mkdir -p "$dir"
exec 9>"$dir/.lock"
if command -v flock >/dev/null 2>&1; then
    flock 9
fi
[[ -f $stamp ]] && exit 0

tmp=$(mktemp -d "$dir/install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! npm install --prefix "$tmp" --no-fund --no-audit --no-save --loglevel=error \
    --cache "$dir/npm-cache" "@action-validator/cli@$version" \
    "@action-validator/core@$version" >"$tmp/npm.log" 2>&1; then
    echo "npm install failed:" >&2
    cat "$tmp/npm.log" >&2
    exit 1
fi
rm -rf "$dir/node_modules"
mv "$tmp/node_modules" "$dir/node_modules"
touch "$stamp"
