#!/usr/bin/env bash
# What a model review costs vigil itself (issue: model review), against the fake model server
# (bench/fake_model_server.cpp: instant answers worked out from each prompt), on the staged
# 20-file change of bench/work/repo:
#   1. per run: hunks, what pre-triage and triage kept from the review model, requests and
#      prompt tokens per reviewed hunk, anchor rate, fixes kept and rejected by reason;
#   2. a second run of the unchanged change: requests sent (the target is 0) and cache hits;
#      and the same figures for a few real commits of vigil's own history (code, tests and
#      docs together: a typical change);
#   3. wall time, side by side in each of ROUNDS rounds (hyperfine): `git diff --cached -U0`,
#      `vigil review --staged --no-llm` (rules only), `vigil review --staged` answered from the
#      cache, and `--no-llm-cache` (every request sent; the fake answers at once).
#
#   bench/review_bench.sh          (ROUNDS=3, RUNS=10)
# Prints Markdown; a measurement, never a test (exit 0 whatever the figures).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-10}
log() { echo "review_bench: $*" >&2; }
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY

command -v hyperfine >/dev/null || { log "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }; }
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/fetch-grammars.sh"
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build-bench" --target vigil vigil_fake_model_server >&2
VIGIL=$root/build-bench/vigil

repo=$here/work/repo
bash "$here/make_repo.sh" "$repo" >&2
state=$(mktemp -d)
cleanup() { exec 3>&- 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$state"; }
trap cleanup EXIT
# The server serves until its stdin closes: this script holds the fifo open on fd 3.
mkfifo "$state/in"
"$root/build-bench/vigil_fake_model_server" "$state/port" <"$state/in" >"$state/served" &
exec 3>"$state/in"
for _ in $(seq 50); do [ -s "$state/port" ] && break; sleep 0.1; done
export OLLAMA_HOST=$(cat "$state/port")
export XDG_CACHE_HOME=$state/cache XDG_CONFIG_HOME=$state/config
unset VIGIL_CONFIG VIGIL_MODEL
cd "$repo"

figures() { # label json-file
  node -e '
    const fs = require("fs");
    const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).review;
    const sent = d.hunks - d.pretriaged - d.triaged_out;
    const row = role => d.models.filter(m => m.role === role).reduce((a, m) => ({
      requests: a.requests + m.requests, hits: a.hits + m.cache_hits, tokens: a.tokens + m.prompt_tokens,
      out: a.out + m.output_tokens}), {requests: 0, hits: 0, tokens: 0, out: 0});
    const t = row("triage"), r = row("review");
    const rejected = Object.entries(d.rejected).map(([k, v]) => `${v} ${k}`).join(", ") || "none";
    const per = x => sent ? (x / sent).toFixed(2) : "-";
    console.log(`| ${process.argv[2]} | ${d.hunks} | ${d.pretriaged} | ${d.triaged_out} | ${sent} | ${d.groups} | ${t.requests} (${t.hits} cached) | ${r.requests} (${r.hits} cached) | ${per(r.requests)} | ${per(r.tokens)} | ${d.anchor_rate === null ? "-" : (100 * d.anchor_rate).toFixed(0) + "%"} | ${d.suggestions} | ${rejected} | ${d.seconds.toFixed(2)} |`);
  ' "$1" "$2"
}

echo "## Model review of the staged change ($(git diff --cached --name-only | wc -l) files), fake model server"
echo
echo "| run | hunks | pre-triaged | triaged out | reviewed | groups | triage requests | review requests | review requests per reviewed hunk | review prompt tokens per reviewed hunk | anchor rate | fixes kept | fixes rejected | model seconds |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
"$VIGIL" review --staged --format json --fail-on never >"$state/first.json"
figures "$state/first.json" "first run"
"$VIGIL" review --staged --format json --fail-on never >"$state/second.json"
figures "$state/second.json" "second run, unchanged"
"$VIGIL" review --staged --format json --fail-on never --no-triage --no-llm-cache >"$state/notriage.json"
figures "$state/notriage.json" "--no-triage"
echo

# Real changes: commits of this repository (a clone, so the bench never touches the checkout).
self=$state/self
git clone -q "$root" "$self"
echo "## Model review of real commits of vigil's own history, fake model server"
echo
echo "| commit | hunks | pre-triaged | triaged out | reviewed | groups | triage requests | review requests | review requests per reviewed hunk | review prompt tokens per reviewed hunk | anchor rate | fixes kept | fixes rejected | model seconds |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
for rev in 6bccff0 e6b410a 3f012de f6198a8; do
  git -C "$self" cat-file -e "$rev^{commit}" 2>/dev/null || continue
  "$VIGIL" review -C "$self" --commit "$rev" --format json --fail-on never --no-llm-cache >"$state/self.json"
  figures "$state/self.json" "$rev $(git -C "$self" log -1 --format=%s "$rev" | cut -c1-40)"
done
echo

echo "## Wall time of a review (fake answers are instant: this is vigil's own cost)"
echo
echo "| round | git diff --cached -U0 (ms) | review --no-llm (ms) | review, cached (ms) | review --no-llm-cache (ms) |"
echo "|---|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  json=$(mktemp)
  hyperfine -N -i -w 2 -r "$RUNS" --export-json "$json" \
    "git diff --cached -U0" "$VIGIL review --staged --no-llm" "$VIGIL review --staged" \
    "$VIGIL review --staged --no-llm-cache" >/dev/null 2>&1
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results.map(x => x.median * 1000);
    console.log(`| ${process.argv[2]} | ${r[0].toFixed(1)} | ${r[1].toFixed(1)} | ${r[2].toFixed(1)} | ${r[3].toFixed(1)} |`);
  ' "$json" "$round"
  rm -f "$json"
done
