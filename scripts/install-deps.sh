#!/usr/bin/env bash
# Installs what vigil needs to build and test on Debian 12, and nothing when all is present.
# Runs as root, or through sudo when it is available.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libgit2-dev libre2-dev libtomlplusplus-dev libfmt-dev nlohmann-json3-dev
  libcli11-dev libgtest-dev libgmock-dev libcurl4-openssl-dev libsqlite3-dev
  libtree-sitter-dev libcpp-httplib-dev openssl
  # test only: the pre-commit framework test runs the real pre-commit; vigil never needs python
  pre-commit
)
# npm downloads the tree-sitter grammars once (scripts/fetch-grammars.sh); any npm on PATH will do.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "vigil: error: missing packages (${missing[*]}) and not root; run as root or install sudo" >&2
    exit 2
  fi
fi
echo "vigil: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
