#!/usr/bin/env bash
# What vigil's pre-commit hook adds to `git commit` on the synthetic repository (20k files, 5k
# commits; bench/make_repo.sh) with its staged 20-file change, rules only (the default):
#
#   git commit (no hook)   vs   git commit (vigil's pre-commit shim installed)
#
#   bench/hook_bench.sh [--fresh] [--quick]
#
# Environment: VIGIL=path (default: build/vigil, else built in build-bench/), ROUNDS=5, RUNS=15,
# and make_repo.sh's FILES COMMITS SEED KEYS.
#
# All commands commit the same staged change; hyperfine's --prepare puts it back before every
# run (`git reset --soft` to the starting commit, so the index keeps the change). The hook is
# chosen per command with `git -c core.hooksPath=...`, so the benchmark repository itself is
# not changed. Rounds as in scan_bench.sh: each gives a difference taken close together in time;
# the report gives medians over rounds. A measurement, never a test: exit 0 whatever it finds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fresh=()
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-15}
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=(--fresh) ;;
    --quick) ROUNDS=1 RUNS=5 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "hook_bench.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
log() { echo "hook_bench: $*" >&2; }
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY VIGIL_SKIP

if [[ -z ${VIGIL:-} && -x $root/build/vigil ]]; then
  VIGIL=$root/build/vigil
elif [[ -z ${VIGIL:-} ]]; then
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DVIGIL_BUILD_TESTS=OFF >/dev/null
  cmake --build "$root/build-bench" >&2
  VIGIL=$root/build-bench/vigil
fi
VIGIL=$(realpath "$VIGIL")

repo=$here/work/repo
bash "$here/make_repo.sh" "${fresh[@]}" "$repo"
cd "$repo"
base=$(git rev-parse HEAD)
work=$here/work/hooks
rm -rf "$work"
mkdir -p "$work/none" "$work/vigil" "$work/refuse"
# Installed through a throwaway core.hooksPath so the repository's config is left as it was.
git config core.hooksPath "$work/vigil"
"$VIGIL" hook install --pre-commit >&2
git config --unset core.hooksPath

export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com NO_COLOR=1
commit() { echo "git -c core.hooksPath=$work/$1 -c commit.gpgsign=false commit -q -m bench"; }
# The staged change carries planted keys (scan_bench.sh counts on them), so vigil's hook refuses
# it: it does all of its work and git stops before writing the commit. A third command, a hook
# that only says no (`exit 1`), stops git at the same place, so vigil minus that is exactly what
# vigil's check costs; vigil minus the bare commit leaves out git's commit writing (a few ms).
printf '#!/bin/sh\nexit 1\n' >"$work/refuse/pre-commit"
chmod +x "$work/refuse/pre-commit"
rc=0
check=$($(commit vigil) 2>&1) || rc=$?
git reset -q --soft "$base"
[[ $rc == 1 ]] || { log "the hook did not run as expected (exit $rc): $check"; exit 3; }
log "vigil's hook: $(grep -c ': error:' <<<"$check") error-level findings on $(git diff --cached --name-only | wc -l) staged files"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$here/work/hooks-$stamp
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  log "round $round/$ROUNDS"
  hyperfine -N -i --style basic --warmup 3 --runs "$RUNS" --prepare "git reset -q --soft $base" \
    --export-csv "$out/round-$round.csv" \
    -n bare "$(commit none)" -n refuse "$(commit refuse)" -n vigil "$(commit vigil)" >&2
done
git reset -q --soft "$base"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Per round: each command's median, their difference and ratio; then medians over rounds.
summary=$(awk -F, '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  FNR == 1 { round++; next }
  { med[$1, round] = $4 }
  END {
    for (k = 1; k <= round; k++) {
      b = b " " med["bare", k]; f = f " " med["refuse", k]; v = v " " med["vigil", k]
      d = d " " (med["vigil", k] - med["bare", k]); e = e " " (med["vigil", k] - med["refuse", k])
      r = r " " med["vigil", k] / med["bare", k]
      per = per sprintf(" %.1f", (med["vigil", k] - med["refuse", k]) * 1000)
    }
    printf "| %.1f ms | %.1f ms | %.1f ms | **%.1f ms** | %.1f ms | %.2fx | %s |\n", median(b) * 1000, median(f) * 1000, median(v) * 1000, median(e) * 1000, median(d) * 1000, median(r), per
  }' "$out"/round-*.csv)
{
  echo "### Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), load average $load_before before, $load_after after"
  echo "- vigil: $("$VIGIL" --version), $(git -C "$root" rev-parse --short HEAD) ($VIGIL); $(git --version); $(hyperfine --version)"
  echo "- repository: $(git ls-files | wc -l) files, $(git rev-list --count HEAD) commits; staged change: $(git diff --cached --name-only | wc -l) files"
  echo "- $ROUNDS rounds x $RUNS runs per command (3 warm-up), medians"
  echo
  echo "| bare git commit | refused by \`exit 1\` hook | with vigil's pre-commit | vigil - \`exit 1\` hook | vigil - bare | vigil / bare | vigil - \`exit 1\` per round (ms) |"
  echo "|---|---|---|---|---|---|---|"
  echo "$summary"
} | tee "$out.md"
