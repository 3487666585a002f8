#!/usr/bin/env bash
# vigil scan against plain git on a synthetic repository (20k files, 5k commits), side by side
# in one run:
#
#   vigil scan --staged            vs  git diff --cached -U0    (a staged change of 20 files)
#   vigil scan --history [-j 1]    vs  git log -p -U0           (the whole history)
#
#   bench/scan_bench.sh [--fresh] [--quick]
#
#   --fresh   rebuild the synthetic repository (otherwise bench/work/repo is reused)
#   --quick   one round with few runs, to try the script out; not for figures
#
# Environment:
#   VIGIL=path     binary to measure; default: configure and build build-bench/ (Release,
#                  no tests), a build directory of its own so it never collides with build/
#   ROUNDS=3       rounds; each runs every command of a comparison RUNS_* times in hyperfine
#   RUNS_STAGED=15 RUNS_HISTORY=3
#   FILES COMMITS SEED KEYS   passed to make_repo.sh
#
# Why rounds: the machine is shared and noisy. Within a round hyperfine times the commands one
# after the other, so each round gives a ratio vigil/git taken close together in time; the
# report gives the median over rounds of those ratios, with their spread, next to the median
# absolute times. Ratios are what to compare against the targets, not single times.
#
# Results: printed as Markdown on stdout and kept in bench/work/results-<UTC time>.md, with the
# raw hyperfine exports next to it. Exit status is 0 whether or not the targets are met: this
# is a measurement, never a test.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fresh=()
quick=0
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=(--fresh) ;;
    --quick) quick=1 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "scan_bench.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
ROUNDS=${ROUNDS:-3}
RUNS_STAGED=${RUNS_STAGED:-15}
RUNS_HISTORY=${RUNS_HISTORY:-3}
if [[ $quick == 1 ]]; then
  ROUNDS=1 RUNS_STAGED=5 RUNS_HISTORY=1
fi
log() { echo "scan_bench: $*" >&2; }

# Environment from a hook or a shell in another repository would redirect git and vigil.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY

# --- tools ------------------------------------------------------------------------------------

as_root=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { log "hyperfine is missing and we are not root"; exit 2; }
  as_root=(sudo)
fi
if ! command -v hyperfine >/dev/null; then
  log "installing hyperfine"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing (fresh container) or stale: update once and retry.
  "${as_root[@]}" apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq hyperfine >/dev/null; }
fi

if [[ -z ${VIGIL:-} ]]; then
  log "building vigil in build-bench/"
  bash "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DVIGIL_BUILD_TESTS=OFF >/dev/null
  cmake --build "$root/build-bench" >&2
  VIGIL=$root/build-bench/vigil
  vigil_origin="built from $(git -C "$root" rev-parse --short HEAD)"
  git -C "$root" diff --quiet HEAD -- src CMakeLists.txt cmake ||
    vigil_origin+=" with uncommitted changes to the sources"
else
  vigil_origin="given as VIGIL"
fi
VIGIL=$(realpath "$VIGIL")
[[ -x $VIGIL ]] || { log "no executable at VIGIL=$VIGIL"; exit 2; }

# --- repository -------------------------------------------------------------------------------

repo=$here/work/repo
bash "$here/make_repo.sh" "${fresh[@]}" "$repo"
cd "$repo"

# --- sanity: every command works, and the runs measure what they should ---------------------

# vigil exits 1 when it finds something, which the planted keys make certain; only 0 and 1 are
# a successful scan. hyperfine runs with -i for that reason, so real failures are caught here.
check_vigil() {
  local rc=0 summary
  summary=$("$VIGIL" scan "$@" --color=never 2>&1 >/dev/null | tail -n 1) || rc=$?
  if [[ $rc -gt 1 ]]; then
    log "vigil scan $* failed (exit $rc): $summary"
    exit 3
  fi
  echo "$summary"
}
staged_files=$(git diff --cached --name-only | wc -l)
staged_summary=$(check_vigil --staged)
history_summary=$(check_vigil --history)
git diff --cached -U0 >/dev/null
git log -p -U0 >/dev/null
log "staged: $staged_files files; vigil: $staged_summary"
log "history: vigil: $history_summary"

# --- measure ----------------------------------------------------------------------------------

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$here/work/results-$stamp
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
threads=$(nproc)

# -N: no shell in between (less overhead and noise); stdout goes to /dev/null (hyperfine's
# default), as it would with `>/dev/null`.
for ((round = 1; round <= ROUNDS; round++)); do
  log "round $round/$ROUNDS: staged"
  hyperfine -N -i --style basic --warmup 3 --runs "$RUNS_STAGED" \
    --export-csv "$out/staged-$round.csv" --export-json "$out/staged-$round.json" \
    -n git-diff-cached 'git diff --cached -U0' \
    -n vigil-staged "$VIGIL scan --staged" >&2
  log "round $round/$ROUNDS: history"
  hyperfine -N -i --style basic --warmup 1 --runs "$RUNS_HISTORY" \
    --export-csv "$out/history-$round.csv" --export-json "$out/history-$round.json" \
    -n git-log-p 'git log -p -U0' \
    -n vigil-history "$VIGIL scan --history" \
    -n vigil-history-j1 "$VIGIL scan --history -j 1" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -----------------------------------------------------------------------------------

# Per round: the median wall time of each command, and vigil/git of those medians. Over rounds:
# the median of each (what the table shows) and the range of the ratios (the spread). The CPU
# column is user+system time (hyperfine's means), vigil/git, median over rounds: steadier than
# wall time when other tenants take CPU, but it counts every thread, so for -j N it is cost,
# not speed.
summarise() {
  awk -F, -v rounds="$ROUNDS" -v threads="$threads" '
    function median(list,    n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function lo(list,    n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]; return m }
    function hi(list,    n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
    function fmt(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    FNR == 1 { round++; next }
    { med[$1, round] = $4; cpu[$1, round] = $5 + $6 }
    END {
      # label of git:label of vigil:git command:vigil command:target ratio (empty: reference)
      split("git-diff-cached:vigil-staged:git diff --cached -U0:vigil scan --staged:2|" \
            "git-log-p:vigil-history:git log -p -U0:vigil scan --history (-j " threads "):1|" \
            "git-log-p:vigil-history-j1:git log -p -U0:vigil scan --history -j 1:", rows, "|")
      print "| comparison | git (median) | vigil (median) | vigil / git (median of rounds) | ratio range over rounds | CPU time vigil / git | target | met |"
      print "|---|---|---|---|---|---|---|---|"
      for (r = 1; r <= 3; r++) {
        split(rows[r], f, ":")
        gl = ""; vl = ""; rl = ""; cl = ""
        for (k = 1; k <= rounds; k++) {
          if (!((f[1], k) in med)) continue
          g = med[f[1], k]; v = med[f[2], k]
          gl = gl " " g; vl = vl " " v; rl = rl " " v / g
          cl = cl " " cpu[f[2], k] / cpu[f[1], k]
        }
        if (rl == "") continue # this row belongs to the other comparison
        ratio = median(rl)
        target = f[5] == "" ? "(reference)" : "<= " f[5] "x"
        met = f[5] == "" ? "" : (ratio <= f[5] ? "yes" : "**no**")
        printf "| `%s` vs `%s` | %s | %s | **%.2fx** | %.2fx - %.2fx | %.2fx | %s | %s |\n", \
          f[4], f[3], fmt(median(gl)), fmt(median(vl)), ratio, lo(rl), hi(rl), median(cl), target, met
      }
    }' "$@"
}

{
  echo "### Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(uname -sr), load average $load_before before, $load_after after"
  echo "- git: $(git --version | cut -d' ' -f3); libgit2: $(dpkg-query -W -f='${Version}' libgit2-dev 2>/dev/null || echo '?'); $(hyperfine --version)"
  echo "- vigil: $("$VIGIL" --version 2>/dev/null | head -n 1), $vigil_origin ($VIGIL)"
  echo "- repository: $(git ls-files | wc -l) files, $(git rev-list --count HEAD) commits, $(du -sh .git | cut -f1) .git; staged change: $staged_files files"
  echo "- vigil found (staged): $staged_summary"
  echo "- vigil found (history): $history_summary"
  echo "- $ROUNDS round(s): staged $RUNS_STAGED runs per command per round (3 warm-up), history $RUNS_HISTORY (1 warm-up)"
  echo
  echo "Staged:"
  echo
  summarise "$out"/staged-*.csv
  echo
  echo "History:"
  echo
  summarise "$out"/history-*.csv
} | tee "$out.md"
log "results in ${out#"$root"/}.md (raw hyperfine exports in ${out#"$root"/}/)"
