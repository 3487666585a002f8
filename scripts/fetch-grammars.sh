#!/usr/bin/env bash
# Downloads the tree-sitter grammars pinned in cmake/grammars.lock with `npm pack` (which runs
# no install scripts), checks each tarball's sha512 against the lock and its parser.c for ABI 14,
# and keeps only the C sources and the licence in third_party/grammars/<name>/ (git-ignored).
# A grammar already there at the locked version and hash is left alone, so a build needs the
# registry only once. Exit status: 0 ready; 3 a download, hash or ABI check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=cmake/grammars.lock
dest=third_party/grammars
mkdir -p "$dest"

fail() { echo "vigil: error: $*" >&2; exit 3; }

while read -r package version integrity folders; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    name=${package#tree-sitter-}
    stamp="$package $version $integrity"
    if [[ -f "$dest/$name/VERSION" && "$(cat "$dest/$name/VERSION")" == "$stamp" ]]; then
        continue
    fi
    command -v npm >/dev/null 2>&1 || fail "npm is needed once to download $package (apt-get install npm)"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    echo "vigil: fetching $package@$version" >&2
    if ! (cd "$tmp" && npm pack --silent --cache "$tmp/cache" "$package@$version" >"$tmp/npm.log" 2>&1); then
        cat "$tmp/npm.log" >&2
        fail "could not download $package@$version with npm pack"
    fi
    tarball="$tmp/$package-$version.tgz"
    [[ -f "$tarball" ]] || fail "npm pack wrote no $package-$version.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    [[ "$actual" == "$integrity" ]] || fail "$package@$version: integrity $actual does not match $lock ($integrity)"
    mkdir -p "$tmp/x"
    tar -xzf "$tarball" -C "$tmp/x"
    out="$tmp/out"
    mkdir -p "$out"
    cp "$tmp/x/package/LICENSE" "$out/"
    IFS=, read -ra dirs <<<"$folders"
    for d in "${dirs[@]}"; do
        from="$tmp/x/package/$([[ "$d" == . ]] && echo src || echo "$d/src")"
        to="$out/$([[ "$d" == . ]] && echo src || echo "$d/src")"
        [[ -f "$from/parser.c" ]] || fail "$package@$version has no ${from#"$tmp/x/package/"}/parser.c"
        abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$from/parser.c")
        [[ "$abi" == 14 ]] || fail "$package@$version: parser.c is ABI ${abi:-unknown}; Debian's libtree-sitter 0.20.7 loads 13..14 — pin an older version in $lock"
        mkdir -p "$to"
        cp -r "$from/." "$to/"
        rm -f "$to/grammar.json" "$to/node-types.json"
    done
    if [[ -d "$tmp/x/package/common" ]]; then
        mkdir -p "$out/common"
        cp "$tmp/x/package/common/"*.h "$out/common/"
    fi
    echo "$stamp" >"$out/VERSION"
    rm -rf "${dest:?}/$name"
    mv "$out" "$dest/$name"
    rm -rf "$tmp"
    trap - EXIT
done <"$lock"
