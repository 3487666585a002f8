#!/usr/bin/env bash
# What tree-sitter costs (issue: code context):
#   1. parse speed per language (MB/s) over source files found on this machine
#      (Python's standard library, npm's JavaScript and JSON, libstdc++ and grammar C, Rust and
#      Go sources shipped in docs, TypeScript declarations) — languages with no files here are
#      left out of the table;
#   2. the added cost of the syntax check on the staged 20-file change of bench/work/repo:
#      `vigil scan --staged` against `vigil scan --staged --no-syntax` and `git diff --cached
#      -U0`, side by side in each of ROUNDS rounds (hyperfine);
#   3. the cost of code context for the same change: `vigil context --staged --format json`
#      (repository open, diff, read, parse and outline every file, symbol index, output)
#      against `vigil scan --staged --no-syntax --config EMPTY` (repository open and diff
#      only) in the same runs: the difference is what context extraction adds; and
#   4. change_context alone, timed in process over 30 runs (bench/context_bench.cpp).
#
#   bench/syntax_bench.sh          (ROUNDS=3, RUNS=15)
# Prints Markdown; a measurement, never a test (exit 0 whatever the figures).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-15}
log() { echo "syntax_bench: $*" >&2; }
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY

command -v hyperfine >/dev/null || { log "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }; }
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/fetch-grammars.sh"
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build-bench" --target vigil vigil_parse_bench vigil_context_bench >&2
VIGIL=$root/build-bench/vigil

# A find cut short by head exits with SIGPIPE, which pipefail would count as a failure.
corpus=$(mktemp)
trap 'rm -f "$corpus"' EXIT
{
  find /usr/lib/python3* -maxdepth 2 -name '*.py' 2>/dev/null | head -400 || true
  find /usr/lib/node_modules /usr/share/nodejs -name '*.js' 2>/dev/null | head -400 || true
  find /usr/lib/node_modules /usr/share/nodejs -name '*.json' 2>/dev/null | head -300 || true
  find /usr/lib/node_modules /usr/share/nodejs "$root/build" -name '*.d.ts' 2>/dev/null | head -200 || true
  find /usr/include -maxdepth 3 \( -name '*.h' -o -name '*.hpp' \) 2>/dev/null | head -300 || true
  find "$root/third_party/grammars" -name 'scanner.c' || true
  find / -xdev \( -path /proc -o -path /tmp -o -path "$root" -o -path '*/bench/work' -o -path '*/build*' \) -prune -o \( -name '*.go' -o -name '*.rs' -o -name '*.java' -o -name '*.rb' -o -name '*.sh' \) -type f -print 2>/dev/null | head -600 || true
} >"$corpus"
echo "## Parse speed per language"
echo
"$root/build-bench/vigil_parse_bench" <"$corpus"
echo

# No rules and no syntax check: what opening the repository and reading the diff costs, which
# `vigil context` also pays before it extracts anything.
empty=$(mktemp --suffix=.toml)
trap 'rm -f "$corpus" "$empty"' EXIT
repo=$here/work/repo
bash "$here/make_repo.sh" "$repo" >&2
cd "$repo"
echo "## Syntax check and code context on the staged change ($(git diff --cached --name-only | wc -l) files)"
echo
echo "| round | git diff --cached -U0 (ms) | scan --staged --no-syntax (ms) | scan --staged (ms) | added by the syntax check (ms) | reading the diff only (ms) | context --staged (ms) | added by context (ms) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  json=$(mktemp)
  hyperfine -N -i -w 3 -r "$RUNS" --export-json "$json" \
    "git diff --cached -U0" "$VIGIL scan --staged --no-syntax" "$VIGIL scan --staged" \
    "$VIGIL scan --staged --no-syntax --config $empty" "$VIGIL context --staged --format json" \
    >/dev/null 2>&1
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results.map(x => x.median * 1000);
    console.log(`| ${process.argv[2]} | ${r[0].toFixed(1)} | ${r[1].toFixed(1)} | ${r[2].toFixed(1)} | ${(r[2]-r[1]).toFixed(1)} | ${r[3].toFixed(1)} | ${r[4].toFixed(1)} | ${(r[4]-r[3]).toFixed(1)} |`);
  ' "$json" "$round"
  rm -f "$json"
done
echo
echo "## Code context alone, in process (one thread, no start-up, no diff reading)"
echo
echo "| files | hunks | new text parsed | fastest (ms) | median (ms) |"
echo "|---:|---:|---:|---:|---:|"
"$root/build-bench/vigil_context_bench" "$repo" 30
