#!/usr/bin/env bash
# Installs the SARIF validators tests/e2e/sarif_validation_test.cpp runs into DIR, once:
# the SARIF Multitool (schema + GitHub's rules) and ajv-cli with ajv-formats (schema with
# `format` checks), pinned, with npm. docs/report-sarif.md says how to run them by hand.
#
# Usage: sarif_tools.sh DIR
# Prints nothing on success. Exit status: 0 ready (installed now or before); 77 npm or node
# is not available (the test skips, saying so); 1 the install failed (npm's log on stderr).
#
# Safe to run from many test processes at once (ctest -j): one installs under a lock while
# the others wait, and the install lands in DIR only when complete (a temporary folder moved
# into place), so a killed run never leaves a half-installed tree behind.
set -euo pipefail

dir=${1:?usage: sarif_tools.sh DIR}
multitool=5.7.0
ajv_cli=5.0.0
ajv_formats=3.0.1
stamp="$dir/installed-multitool-$multitool-ajv-$ajv_cli-formats-$ajv_formats"

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
[[ -f $stamp ]] && exit 0 # another process finished while this one waited

tmp=$(mktemp -d "$dir/install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The platform package is pinned too: the wrapper only asks for ^5.7.0 of it.
if ! npm install --prefix "$tmp" --no-fund --no-audit --no-save --loglevel=error \
    --cache "$dir/npm-cache" \
    "@microsoft/sarif-multitool@$multitool" "@microsoft/sarif-multitool-linux@$multitool" \
    "ajv-cli@$ajv_cli" "ajv-formats@$ajv_formats" >"$tmp/npm.log" 2>&1; then
    echo "npm install failed:" >&2
    cat "$tmp/npm.log" >&2
    exit 1
fi
binary="$tmp/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
# npm 11 does not run the package's postinstall (a chmod) unless approved.
chmod u+x "$binary"
rm -rf "$dir/node_modules"
mv "$tmp/node_modules" "$dir/node_modules"
touch "$stamp"
