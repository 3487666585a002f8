#!/usr/bin/env bash
# Builds (or reuses) the synthetic repository the benchmark runs on, and stages a ~20-file
# change in it.
#
#   bench/make_repo.sh [--fresh] [DIR]        DIR defaults to bench/work/repo
#
# Environment: FILES (20000), COMMITS (5000), SEED (42), KEYS (6) shape the history; the same
# values always give the same repository (gen_history.awk has its own PRNG).
#
# The repository is reused when it exists and was made with the same parameters; --fresh
# deletes and rebuilds it. The staged change is put back if it is missing (e.g. after someone
# committed or reset in the benchmark repository).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fresh=0
repo=""
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "make_repo.sh: unknown option $arg" >&2; exit 2 ;;
    *) repo=$arg ;;
  esac
done
repo=${repo:-$here/work/repo}
FILES=${FILES:-20000}
COMMITS=${COMMITS:-5000}
SEED=${SEED:-42}
KEYS=${KEYS:-6}
params="files=$FILES commits=$COMMITS seed=$SEED keys=$KEYS"
marker=.git/vigil-bench-params # inside the repo: goes away with it

# Inherited GIT_DIR and friends (e.g. when run from a hook) would point git elsewhere.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY

log() { echo "make_repo: $*" >&2; }

build_history() {
  rm -rf "$repo"
  mkdir -p "$repo"
  git -C "$repo" init -q -b main
  # No automatic gc in the middle of a timing run.
  git -C "$repo" config gc.auto 0
  log "generating $params (fast-import)"
  # glibc returns freed memory to the kernel eagerly; on this VM every such shrink costs a
  # TLB shootdown across cores and made fast-import 15x slower (60 s instead of 4 s). A
  # higher trim threshold only affects this import, not the timings.
  LC_ALL=C awk -v files="$FILES" -v commits="$COMMITS" -v seed="$SEED" -v keys="$KEYS" \
      -f "$here/gen_history.awk" |
    GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=67108864 \
      git -C "$repo" fast-import --quiet
  # fast-import writes a loosely deltified pack; repack as `git gc` would leave a real
  # repository, and write the commit-graph that gc writes too.
  log "repacking"
  git -C "$repo" repack -a -d -f -q
  git -C "$repo" commit-graph write --reachable
  git -C "$repo" reset -q --hard main
  echo "$params" > "$repo/$marker"
}

# A change of 20 files in the index: 18 edited source files spread over the tree (a block
# inserted mid-file and two lines appended) and 2 new files; two of them carry a fake key.
stage_change() {
  git -C "$repo" reset -q --hard HEAD
  local picked
  # 18 C or Python files evenly spaced in path order, so the change spans many folders.
  picked=$(git -C "$repo" ls-files '*.c' '*.py' |
    awk '{ f[NR] = $0 } END { step = int(NR / 18); if (step < 1) step = 1
                                for (i = 1; i <= 18 && i * step <= NR; i++) print f[i * step] }')
  local count=0 f
  for f in $picked; do
    count=$((count + 1))
    LC_ALL=C awk -v n="$count" -v py="$([[ $f == *.py ]] && echo 1 || echo 0)" '
      function key(    a, s, i) { # fake key, assembled at run time
        a = "QRSTUVWXYZ234567ABCDEFGHIJKLMNOP"
        s = ""
        for (i = 1; i <= 16; i++) s = s substr(a, (i * 7 + n * 5) % 32 + 1, 1)
        return "AK" "IA" s
      }
      { line[NR] = $0 }
      END {
        mid = int(NR / 2)
        for (i = 1; i <= NR; i++) {
          print line[i]
          if (i != mid) continue
          if (py) {
            print ""
            print "def staged_helper_" n "(value, limit=None):"
            print "    \"\"\"Clamp value to limit; added by the staged benchmark change.\"\"\""
            print "    if limit is not None and value > limit:"
            print "        return limit"
            if (n == 3) print "    aws_access_key_id = \"" key() "\""
            print "    return value"
          } else {
            print ""
            print "static int staged_helper_" n "(int value, int limit)"
            print "{"
            print "    // clamp value to limit; added by the staged benchmark change"
            if (n == 3) print "    const char *aws_access_key_id = \"" key() "\";"
            print "    return value > limit ? limit : value;"
            print "}"
          }
        }
        print (py ? "# " : "// ") "staged change " n
        print (py ? "# " : "// ") "end of file"
      }' "$repo/$f" > "$repo/$f.tmp"
    mv "$repo/$f.tmp" "$repo/$f"
  done
  mkdir -p "$repo/src/staged_feature"
  local n
  for n in 1 2; do
    LC_ALL=C awk -v n="$n" 'BEGIN {
      print "// src/staged_feature/module_" n ".c - new in the staged benchmark change"
      print "#include <stddef.h>"
      for (i = 1; i <= 12; i++) {
        print ""
        print "int module_" n "_step_" i "(const int *values, size_t count)"
        print "{"
        print "    int total = 0;"
        print "    for (size_t k = 0; k < count; ++k) {"
        print "        total += values[k] * " i ";"
        print "    }"
        print "    return total;"
        print "}"
      }
      if (n == 2) { # fake key, assembled at run time
        a = "234567ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        s = ""
        for (i = 1; i <= 16; i++) s = s substr(a, (i * 11 + 3) % 32 + 1, 1)
        print "static const char *aws_access_key_id = \"" "AK" "IA" s "\";"
      }
    }' > "$repo/src/staged_feature/module_$n.c"
  done
  git -C "$repo" add -A
  log "staged $(git -C "$repo" diff --cached --name-only | wc -l) files"
}

if [[ $fresh == 1 || ! -f $repo/$marker || $(cat "$repo/$marker") != "$params" ]]; then
  build_history
  stage_change
elif git -C "$repo" diff --cached --quiet; then
  stage_change
else
  log "reusing $repo ($params)"
fi
