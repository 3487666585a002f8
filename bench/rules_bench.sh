#!/usr/bin/env bash
# The rule engine with the full default packs, side by side with reference tools in one run:
#
#   (a) files:    vigil scan TREE                  vs  ripgrep over the same tree (a copy of
#                 /usr/include, /usr/lib/python3*, perl and node_modules under bench/work/)
#   (b) history:  vigil scan --history             vs  git log -p -U0   (wall time, peak RSS)
#   (c) start-up: vigil scan --staged (1 file)     vs  --config empty.toml, git diff --cached,
#                 vigil --version; and vigil rules check (compiles every default regex)
#
#   bench/rules_bench.sh [--quick] [--fresh] [--fresh-tree] [--only a,b,c]
#
#   --quick        one round with few runs and no slow ripgrep references; not for figures
#   --fresh        rebuild the synthetic repository of (b) (bench/make_repo.sh --fresh)
#   --fresh-tree   copy the source tree of (a) again
#   --only LIST    run only these parts (a, b, c; comma-separated)
#
# Environment:
#   VIGIL=path      binary to measure; default: build build-bench/ (Release, no tests)
#   ROUNDS=3        rounds; each runs every command of a part RUNS_* times in hyperfine
#   RUNS_TREE=5 RUNS_HISTORY=3 RUNS_START=30
#   RG_EACH=1       also time ripgrep once per rule regex, one process each, over the tree
#                   (once per run, ~5 min); 0 skips it
#   RG_ALL_TIMEOUT=60  also try one ripgrep with every regex at once (`rg -f patterns.txt`),
#                   stopped after this many seconds (it does not finish); 0 skips it
#   FILES COMMITS SEED KEYS   passed to make_repo.sh
#
# Ratios from the same round are what to compare, not single times: the machine is shared.
# Results: Markdown on stdout and in bench/work/results-rules-<UTC time>.md, hyperfine's raw
# exports in the folder of the same name. Exit status 0 whether or not targets are met.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fresh=()
fresh_tree=0
quick=0
only=a,b,c
while (($#)); do
  case "$1" in
    --fresh) fresh=(--fresh) ;;
    --fresh-tree) fresh_tree=1 ;;
    --quick) quick=1 ;;
    --only) only=${2:?--only needs a list such as a,c}; shift ;;
    --only=*) only=${1#--only=} ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "rules_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
ROUNDS=${ROUNDS:-3}
RUNS_TREE=${RUNS_TREE:-5}
RUNS_HISTORY=${RUNS_HISTORY:-3}
RUNS_START=${RUNS_START:-30}
RG_EACH=${RG_EACH:-1}
RG_ALL_TIMEOUT=${RG_ALL_TIMEOUT:-60}
if [[ $quick == 1 ]]; then
  ROUNDS=1 RUNS_TREE=2 RUNS_HISTORY=1 RUNS_START=10 RG_EACH=0 RG_ALL_TIMEOUT=0
fi
part() { [[ ,$only, == *,$1,* ]]; }
log() { echo "rules_bench: $*" >&2; }

# Environment from a hook or another repository would redirect git and vigil; a ripgrep
# config would change what rg does.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY RIPGREP_CONFIG_PATH

# --- tools ------------------------------------------------------------------------------------

as_root=()
[[ $(id -u) == 0 ]] || as_root=(sudo)
apt_install() { # package...
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing (fresh container) or stale: update once and retry.
  "${as_root[@]}" apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq "$@" >/dev/null; }
}
command -v hyperfine >/dev/null || apt_install hyperfine
command -v rg >/dev/null || apt_install ripgrep
[[ -x /usr/bin/time ]] || apt_install time
# The regex extractor reads the packs with Python's tomllib (3.11+; Debian 12's python3).
python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import tomllib' 2>/dev/null; then python=$p; break; fi
done
[[ -n $python ]] || apt_install python3
python=${python:-/usr/bin/python3}

if [[ -z ${VIGIL:-} ]]; then
  log "building vigil in build-bench/"
  bash "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DVIGIL_BUILD_TESTS=OFF >/dev/null
  ninja -C "$root/build-bench" vigil >&2
  VIGIL=$root/build-bench/vigil
  vigil_origin="built from $(git -C "$root" rev-parse --short HEAD)"
  git -C "$root" diff --quiet HEAD -- src rules CMakeLists.txt cmake ||
    vigil_origin+=" with uncommitted changes to the sources or packs"
else
  vigil_origin="given as VIGIL"
fi
VIGIL=$(realpath "$VIGIL")
[[ -x $VIGIL ]] || { log "no executable at VIGIL=$VIGIL"; exit 2; }

work=$here/work/rules-bench # config files, extracted patterns, the tiny repository
tree=$here/work/tree        # the source tree of (a)
mkdir -p "$work"
: > "$work/empty.toml"      # a rule file without rules

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$here/work/results-rules-$stamp
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the default packs, and their regexes for ripgrep -----------------------------------------

# The packs compiled into vigil, as src/vigil/rules/CMakeLists.txt lists them.
packs=$(sed -n 's/^set(packs \(.*\))$/\1/p' "$root/src/vigil/rules/CMakeLists.txt")
[[ -n $packs ]] || packs=$(cd "$root" && ls rules/*.toml)
pack_files=()
for p in $packs; do pack_files+=("$root/$p"); done

# One regex per line for `rg -f` (patterns.txt; those that can match a line break, which rg
# takes only with -U, in patterns-multiline.txt), and every keyword (for `rg -F -i -f`). A
# regex ripgrep's syntax rejects is left out and listed.
cat > "$work/extract.py" <<'EOF'
import subprocess, sys, tomllib
out, files = sys.argv[1], sys.argv[2:]
rules, regexes, multiline, keywords, dropped = 0, [], [], [], []
no_keywords = []
for f in files:
    with open(f, 'rb') as fh:
        doc = tomllib.load(fh)
    for r in doc.get('rules', []):
        rules += 1
        for k in r.get('keywords', []):
            if k not in keywords:
                keywords.append(k)
        regex = r.get('regex', '')
        if not regex:
            continue
        if not r.get('keywords'):
            no_keywords.append(r['id'])
        if '\n' in regex:
            dropped.append((r['id'], 'holds a line break'))
            continue
        p = subprocess.run(['rg', '-q', '-e', regex, '--', '/dev/null'], capture_output=True, text=True)
        if p.returncode != 2:
            regexes.append(regex)
            continue
        # A regex that can match a line break needs rg -U (multiline, whole-file search).
        q = subprocess.run(['rg', '-q', '-U', '-e', regex, '--', '/dev/null'], capture_output=True, text=True)
        if q.returncode != 2:
            multiline.append(regex)
            continue
        lines = [l.strip() for l in q.stderr.splitlines() if l.strip()]
        dropped.append((r['id'], lines[-1] if lines else 'rejected'))
with open(out + '/patterns.txt', 'w') as fh:
    fh.write(''.join(r + '\n' for r in regexes))
with open(out + '/patterns-multiline.txt', 'w') as fh:
    fh.write(''.join(r + '\n' for r in multiline))
with open(out + '/keywords.txt', 'w') as fh:
    fh.write(''.join(k + '\n' for k in keywords if '\n' not in k))
with open(out + '/packs.txt', 'w') as fh:
    fh.write(f'rules={rules} regexes_for_rg={len(regexes)} keywords={len(keywords)}\n')
    fh.write('no_keywords=' + ' '.join(no_keywords) + '\n')
    for rid, why in dropped:
        fh.write(f'dropped\t{rid}\t{why}\n')
EOF
"$python" "$work/extract.py" "$work" "${pack_files[@]}"
pack_rules=$(sed -n 's/^rules=\([0-9]*\).*/\1/p' "$work/packs.txt")
rg_regexes=$(wc -l < "$work/patterns.txt")
rg_multiline=$(wc -l < "$work/patterns-multiline.txt")
rg_keywords=$(wc -l < "$work/keywords.txt")
no_keywords=$(sed -n 's/^no_keywords=//p' "$work/packs.txt")
# What vigil itself loads, from a folder outside any repository (so no .vigil.toml applies).
builtin_rules=$(cd / && "$VIGIL" rules list 2>&1 >/dev/null | sed -n 's/^\([0-9]*\) rules from.*/\1/p')

# --- (a) the source tree ------------------------------------------------------------------------

# What is copied: C/C++ headers, Python, Perl and JavaScript as installed on this machine,
# without compiled files. The tree is its own (empty) git repository, so that vigil takes no
# rule file from an enclosing repository (bench/work/ lies inside vigil's own, which has a
# .vigil.toml) and ignores nothing (there is no .gitignore in it).
tree_sources() {
  local d
  for d in /usr/include /usr/lib/python3 /usr/lib/python3.[0-9]* /usr/share/perl /usr/share/perl5 \
           /usr/lib/x86_64-linux-gnu/perl /usr/lib/x86_64-linux-gnu/perl-base; do
    [[ -d $d ]] && echo "$d"
  done
  find /usr /opt /srv /home /root -xdev -type d -name node_modules -prune -print 2>/dev/null | sort
}
make_tree() {
  local sources
  sources=$(tree_sources)
  if [[ $fresh_tree == 0 && -d $tree/.git && -f $tree.sources && $(cat "$tree.sources") == "$sources" ]]; then
    return
  fi
  log "copying the source tree to ${tree#"$root"/}"
  rm -rf "$tree"
  mkdir -p "$tree"
  local relative
  mapfile -t relative <<< "${sources//$'\n'\//$'\n'}"
  relative[0]=${relative[0]#/}
  tar -C / -cf - --exclude=__pycache__ --exclude='*.pyc' --exclude='*.so' --exclude='*.so.*' \
      --exclude='*.a' --exclude='*.o' "${relative[@]}" 2>/dev/null | tar -C "$tree" -xf -
  git -C "$tree" init -q
  echo "$sources" > "$tree.sources"
}

check_vigil() { # dir args... -> prints vigil's summary line; stops on a failed scan
  local dir=$1 rc=0 summary
  shift
  summary=$(cd "$dir" && "$VIGIL" "$@" --color=never 2>&1 >/dev/null | tail -n 1) || rc=$?
  if [[ $rc -gt 1 ]]; then
    log "vigil $* failed in $dir (exit $rc): $summary"
    exit 3
  fi
  echo "$summary"
}

peak_rss_mb() { # dir command... -> peak RSS in MB (one run)
  local dir=$1
  shift
  (cd "$dir" && /usr/bin/time -o "$out/rss.tmp" -f %M "$@" >/dev/null 2>&1) || true
  awk '{ printf "%.0f\n", $1 / 1024 }' "$out/rss.tmp"
}

names=$out/names.tsv # hyperfine name -> command, for the report
: > "$names"
bench() { # part round runs warmup name=command...
  local part=$1 round=$2 runs=$3 warmup=$4
  shift 4
  local args=() entry
  for entry in "$@"; do
    args+=(-n "${entry%%=*}" "${entry#*=}")
    grep -q "^${entry%%=*}	" "$names" || printf '%s\t%s\n' "${entry%%=*}" "${entry#*=}" >> "$names"
  done
  hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" \
    --export-csv "$out/$part-$round.csv" --export-json "$out/$part-$round.json" "${args[@]}" >&2
}

if part a; then
  make_tree
  tree_files=$(find "$tree" -path "$tree/.git" -prune -o -type f -print | wc -l)
  tree_bytes=$(find "$tree" -path "$tree/.git" -prune -o -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  tree_summary_empty=$(check_vigil "$tree" scan --config "$work/empty.toml" .)
  tree_summary=$(check_vigil "$tree" scan .)
  (cd "$tree" && "$VIGIL" scan . --format json 2>/dev/null) > "$out/tree-findings.json" || true
  tree_top=$("$python" -c '
import collections, json, sys
f = json.load(open(sys.argv[1]))["findings"]
print(", ".join(f"{r} {n}" for r, n in collections.Counter(x["rule_id"] for x in f).most_common(6)))' \
    "$out/tree-findings.json")
  (cd "$tree" && "$VIGIL" scan . --profile-rules 2>&1 >/dev/null | sed -n '/^regex time by rule/,$p' | awk 'NR <= 16') \
    > "$out/tree-profile.txt" || true
  rg_all_result="not run"
  if [[ $RG_ALL_TIMEOUT != 0 ]]; then
    log "(a) one rg with all $rg_regexes regexes, stopped after ${RG_ALL_TIMEOUT}s"
    rc=0
    start=$(date +%s.%N)
    (cd "$tree" && timeout "$RG_ALL_TIMEOUT" rg -uu -c -g '!.git' --regex-size-limit 1G \
      --dfa-size-limit 1G -f "$work/patterns.txt" . > "$out/rg-all.txt" 2>&1) || rc=$?
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    if [[ $rc == 124 ]]; then
      rg_all_result="did not finish in ${RG_ALL_TIMEOUT} s ($(wc -l < "$out/rg-all.txt") of $tree_files files done)"
    else
      rg_all_result="exit $rc after $secs s"
    fi
  fi
  for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round/$ROUNDS: (a) source tree"
    (cd "$tree" && bench tree "$round" "$RUNS_TREE" 1 \
      "rg-walk=rg -uu -c -g !.git -F zq9xj7vw ." \
      "rg-keywords=rg -uu -c -g !.git -F -i -f $work/keywords.txt ." \
      "vigil-empty=$VIGIL scan --config $work/empty.toml ." \
      "vigil=$VIGIL scan ." \
      "vigil-j1=$VIGIL scan -j 1 .")
    peak_rss_mb "$tree" "$VIGIL" scan . >> "$out/rss-tree-vigil.txt"
  done
  if [[ $RG_EACH != 0 ]]; then
    # One rg per regex: the same regexes as vigil, each run on its own like vigil runs each rule
    # (but over every line, with no keyword prefilter to skip files).
    {
      echo 'set -u'
      echo 'while IFS= read -r re; do'
      # shellcheck disable=SC2016 # expanded by the generated script
      echo '  rg -uu -c -g "!.git" -e "$re" . >/dev/null 2>&1 || [ $? = 1 ]'
      echo "done < '$work/patterns.txt'"
      echo 'while IFS= read -r re; do'
      # shellcheck disable=SC2016 # expanded by the generated script
      echo '  rg -U -uu -c -g "!.git" -e "$re" . >/dev/null 2>&1 || [ $? = 1 ]'
      echo "done < '$work/patterns-multiline.txt'"
    } > "$work/rg_each.sh"
    log "(a) rg once per regex ($((rg_regexes + rg_multiline)) processes; a few minutes)"
    (cd "$tree" && hyperfine -N -i --style basic --runs 1 --export-csv "$out/rg-each.csv" \
      -n rg-each "bash $work/rg_each.sh" >&2)
  fi
fi

# --- (b) history ------------------------------------------------------------------------------

if part b; then
  repo=$here/work/repo
  bash "$here/make_repo.sh" "${fresh[@]}" "$repo"
  history_summary=$(check_vigil "$repo" scan --history)
  history_summary_empty=$(check_vigil "$repo" scan --history --config "$work/empty.toml")
  for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round/$ROUNDS: (b) history"
    (cd "$repo" && bench history "$round" "$RUNS_HISTORY" 1 \
      "git-log-p=git log -p -U0" \
      "vigil-history=$VIGIL scan --history" \
      "vigil-history-empty=$VIGIL scan --history --config $work/empty.toml")
    peak_rss_mb "$repo" git log -p -U0 >> "$out/rss-history-git.txt"
    peak_rss_mb "$repo" "$VIGIL" scan --history >> "$out/rss-history-vigil.txt"
    peak_rss_mb "$repo" "$VIGIL" scan --history --config "$work/empty.toml" >> "$out/rss-history-vigil-empty.txt"
  done
fi

# --- (c) start-up -------------------------------------------------------------------------------

tiny=$work/tiny
if part c; then
  rm -rf "$tiny"
  mkdir -p "$tiny"
  git -C "$tiny" init -q -b main
  git -C "$tiny" config user.email bench@example.invalid
  git -C "$tiny" config user.name bench
  printf '# tiny\n' > "$tiny/README.md"
  git -C "$tiny" add README.md
  git -C "$tiny" commit -q -m init
  # One staged file of ordinary Python (nothing for the rules to find).
  awk 'BEGIN {
    print "\"\"\"Small module staged for the start-up benchmark.\"\"\""
    print "import os"
    for (i = 1; i <= 8; i++) {
      print ""
      print "def step_" i "(values, limit=None):"
      print "    total = sum(v * " i " for v in values)"
      print "    return min(total, limit) if limit is not None else total"
    }
  }' > "$tiny/module.py"
  git -C "$tiny" add module.py
  staged_summary=$(check_vigil "$tiny" scan --staged)
  check_summary=$(cd "$tiny" && "$VIGIL" rules check 2>&1 | tail -n 1) ||
    { log "vigil rules check failed: $check_summary"; exit 3; }
  for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round/$ROUNDS: (c) start-up"
    (cd "$tiny" && bench start "$round" "$RUNS_START" 5 \
      "git-diff-cached=git diff --cached" \
      "vigil-version=$VIGIL --version" \
      "vigil-staged-empty=$VIGIL scan --staged --config $work/empty.toml" \
      "vigil-staged=$VIGIL scan --staged" \
      "vigil-rules-check=$VIGIL rules check")
  done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------------------------

# One table per part. Per round: hyperfine's median wall time per command, and its ratio to the
# reference command of that round. Over rounds: the median of each (shown), and the range of the
# ratios. CPU = user + system (hyperfine's means; for multi-threaded commands it is cost, not
# speed). With bytes > 0, MB/s = bytes / median wall time.
summarise() { # reference bytes csv...
  local ref=$1 bytes=$2
  shift 2
  awk -F, -v ref="$ref" -v bytes="$bytes" -v names="$names" '
    function median(list,    n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function lo(list,    n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]; return m }
    function hi(list,    n, a, i, m) { n = split(list, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
    function fmt(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    BEGIN { FS = "\t"; while ((getline line < names) > 0) { split(line, p, "\t"); cmd[p[1]] = p[2] } FS = "," }
    FNR == 1 { round++; next }
    { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      med[$1, round] = $4; cpu[$1, round] = $5 + $6 }
    END {
      printf("| command | wall (median) | CPU user+sys | vs `%s` (median of rounds) | range |%s\n", ref, (bytes > 0 ? " MB/s (wall) | MB per CPU second |" : ""))
      printf("|---|---|---|---|---|%s\n", (bytes > 0 ? "---|---|" : ""))
      for (i = 1; i <= n; i++) {
        c = order[i]; wl = ""; cl = ""; rl = ""
        for (k = 1; k <= round; k++) {
          if (!((c, k) in med)) continue
          wl = wl " " med[c, k]; cl = cl " " cpu[c, k]
          if ((ref, k) in med) rl = rl " " med[c, k] / med[ref, k]
        }
        text = c in cmd ? cmd[c] : c
        gsub(/\/[^ ]*\/(build-bench\/)?vigil /, "vigil ", text); gsub(/\/[^ ]*\/rules-bench\//, "", text)
        printf("| `%s` | %s | %s | %s | %s |", text, fmt(median(wl)), fmt(median(cl)),
          (rl == "" ? "" : sprintf("**%.2fx**", median(rl))), (rl == "" ? "" : sprintf("%.2fx - %.2fx", lo(rl), hi(rl))))
        if (bytes > 0) printf(" %.0f | %.0f |", bytes / 1e6 / median(wl), bytes / 1e6 / median(cl))
        printf "\n"
      }
    }' "$@"
}
median_of() { sort -n "$1" | awk '{ a[NR] = $1 } END { print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
wall_median() { # part name -> median over rounds of the median wall time, in seconds
  awk -F, -v c="$2" '$1 == c { print $4 }' "$out/$1"-*.csv | sort -n |
    awk '{ a[NR] = $1 } END { print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

{
  echo "### Rule engine, run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(uname -sr), load average $load_before before, $load_after after"
  echo "- git $(git --version | cut -d' ' -f3); $(rg --version | head -n 1); $(hyperfine --version); libre2 $(dpkg-query -W -f='${Version}' libre2-dev 2>/dev/null || echo '?')"
  echo "- vigil: $("$VIGIL" --version 2>/dev/null | head -n 1), $vigil_origin"
  echo "- packs: $packs: $pack_rules rules (vigil loads $builtin_rules built-in rules), $rg_keywords distinct keywords; rules with a regex and no keywords: ${no_keywords:-none}"
  echo "- $ROUNDS round(s): tree $RUNS_TREE runs per command per round, history $RUNS_HISTORY, start-up $RUNS_START"
  if part a; then
    echo
    echo "#### (a) Files: \`vigil scan TREE\` with the default packs"
    echo
    echo "Tree: $(tree_sources | tr '\n' ' ')without compiled files: $tree_files files, $(awk -v b="$tree_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB."
    echo "vigil: $tree_summary. With no rules: $tree_summary_empty."
    echo "Most frequent findings: $tree_top."
    echo
    summarise rg-keywords "$tree_bytes" "$out"/tree-*.csv
    echo
    echo "- \`rg-walk\`: one literal that never occurs (reading the tree: the floor of any scan);"
    echo "  \`rg -F -i -f keywords.txt\`: every keyword of the packs at once (the floor of vigil's prefilter)."
    if [[ -f $out/rg-each.csv ]]; then
      awk -F, -v n="$rg_regexes" -v m="$rg_multiline" -v b="$tree_bytes" 'NR == 2 {
        printf("- ripgrep once per regex (%d processes, %d of them with -U; the same regexes, no prefilter): %.1f s wall, %.1f s CPU (%.1f MB/s)\n", n + m, m, $4, $5 + $6, b / 1e6 / $4) }' "$out/rg-each.csv"
    fi
    echo "- ripgrep with all $rg_regexes single-line regexes in one process (\`rg -c -f patterns.txt\`, size limits raised to 1G): $rg_all_result"
    if grep -q '^dropped' "$work/packs.txt"; then
      echo "- left out for ripgrep: $(awk -F'\t' '/^dropped/ { printf("%s%s (%s)", sep, $2, $3); sep = ", " }' "$work/packs.txt")"
    fi
    echo "- peak RSS of \`vigil scan TREE\`: $(median_of "$out/rss-tree-vigil.txt") MB (median of $ROUNDS)"
    wall=$(wall_median tree vigil)
    echo "- target: at least 100 MB/s on $(nproc) cores: $(awk -v b="$tree_bytes" -v w="$wall" 'BEGIN { r = b / 1e6 / w; printf("%.0f MB/s, %s", r, (r >= 100 ? "met" : "**not met**")) }')"
    if [[ -s $out/tree-profile.txt ]]; then
      echo
      echo "\`vigil scan TREE --profile-rules\` (one run; regex time summed over threads):"
      echo
      echo '```'
      cat "$out/tree-profile.txt"
      echo '```'
    fi
  fi
  if part b; then
    echo
    echo "#### (b) History: \`vigil scan --history\` vs \`git log -p -U0\`"
    echo
    echo "Repository: bench/work/repo ($(git -C "$repo" rev-list --count HEAD) commits). vigil: $history_summary. With no rules: $history_summary_empty."
    echo
    summarise git-log-p 0 "$out"/history-*.csv
    echo
    echo "Peak RSS (median of $ROUNDS runs): \`git log -p -U0\` $(median_of "$out/rss-history-git.txt") MB, \`vigil scan --history\` $(median_of "$out/rss-history-vigil.txt") MB, with no rules $(median_of "$out/rss-history-vigil-empty.txt") MB."
    awk -v g="$(wall_median history git-log-p)" -v v="$(wall_median history vigil-history)" \
        -v m="$(median_of "$out/rss-history-vigil.txt")" 'BEGIN {
      printf("- target: wall <= git log (%.2fx: %s); peak memory under 200 MB (%s MB: %s)\n", v / g, (v <= g ? "met" : "**not met**"), m, (m < 200 ? "met" : "**not met**")) }'
  fi
  if part c; then
    echo
    echo "#### (c) Start-up: one staged file in a tiny repository"
    echo
    echo "vigil: $staged_summary. \`vigil rules check\`: $check_summary"
    echo
    summarise git-diff-cached 0 "$out"/start-*.csv
    echo
    awk -v e="$(wall_median start vigil-staged-empty)" -v d="$(wall_median start vigil-staged)" \
        -v c="$(wall_median start vigil-rules-check)" -v v="$(wall_median start vigil-version)" 'BEGIN {
      printf("- loading the default packs for a hook run (`--staged` minus `--staged --config empty.toml`): %.1f ms; target < 20 ms: %s\n", (d - e) * 1000, (d - e < 0.020 ? "met" : "**not met**"))
      printf("- compiling every default regex (`rules check` minus `--version`, includes parsing and lint): %.1f ms\n", (c - v) * 1000) }'
  fi
} | tee "$out.md"
rm -f "$out/rss.tmp"
log "results in ${out#"$root"/}.md (raw hyperfine exports in ${out#"$root"/}/)"
