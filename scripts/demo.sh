#!/usr/bin/env bash
# Installs what is missing, builds, creates a demo repository with a few planted problems in
# a temporary folder, and runs vigil on it the ways a team would.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >&2
vigil="$PWD/build/vigil"
demo=$(mktemp -d "${TMPDIR:-/tmp}/vigil-demo-XXXXXX")
cd "$demo"
export GIT_AUTHOR_NAME="Demo" GIT_AUTHOR_EMAIL="demo@example.com"
export GIT_COMMITTER_NAME="Demo" GIT_COMMITTER_EMAIL="demo@example.com"
git init -q -b main .

# The credentials are fake, assembled here so that no file of vigil's holds one.
aws_key="AKIA""Z4MQ2TRX7VPLKW5N"
gh_token="ghp_""q8Xv2LmN4pR7sT1uW3yZ5aB6cD9eF0gH2jK4"

mkdir -p src
printf 'def connect():\n    return "ok"\n' > src/app.py
git add -A && git commit -q -m "Initial app"

printf 'import boto3\n\nAWS_KEY = "%s"\n# the documentation example is not a secret:\nEXAMPLE = "AKIAIOSFODNN7EXAMPLE"\n' "$aws_key" > src/aws.py
git add -A && git commit -q -m "Add S3 upload"

printf 'token: %s\n' "$gh_token" > deploy.yml
git rm -q --cached src/aws.py >/dev/null; git add deploy.yml
git commit -q -m "Deploy config; stop tracking aws.py"

printf '%s\n' '-----BEGIN OPENSSH PRIVATE KEY-----' > id_demo
git add id_demo

echo "== demo repository: $demo" >&2
echo "== vigil scan --staged   (what a pre-commit hook runs)" >&2
"$vigil" scan --staged || true
echo "== vigil scan --history  (every commit, in parallel)" >&2
"$vigil" scan --history || true
echo "== vigil scan --commit HEAD~1 --format json  (first lines)" >&2
"$vigil" scan --commit HEAD~1 --format json | head -n 20 || true
echo "== vigil scan src/  (plain files, no git needed)" >&2
"$vigil" scan src/ || true
echo "== done; the exit code of a scan is 1 when it finds errors (see README)" >&2
