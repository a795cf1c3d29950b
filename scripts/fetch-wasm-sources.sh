#!/usr/bin/env bash
# Fetches the Debian source packages of the C/C++ libraries the WebAssembly build compiles
# (zstd, zlib, lz4, snappy, simdjson) into DEST, one directory per library holding the upstream
# source as Debian ships it (the .orig tarball, checked by apt against the signed Sources index).
# Run by cmake/wasm_deps.cmake at configure time; cached: a second run with the same package
# list does nothing. Uses a private apt state under DEST (no change to the machine's apt setup,
# no root needed) and the machine's own Debian mirrors, turned into deb-src entries.
#
#   scripts/fetch-wasm-sources.sh DEST
set -euo pipefail

dest=${1:?usage: fetch-wasm-sources.sh DEST}
# directory name = Debian source package
packages=(libzstd zlib lz4 snappy simdjson)

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
stamp="$dest/fetched.txt"
if [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "${packages[*]}" ]; then
  exit 0
fi

fail() {
  echo "fetch-wasm-sources: $*" >&2
  exit 1
}
command -v apt-get >/dev/null || fail "apt-get is missing: the WebAssembly build fetches Debian source packages"

apt_dir="$dest/apt"
rm -rf "$apt_dir"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"

# deb-src entries for the mirrors the machine already uses (deb822 .sources and one-line lists)
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  sed -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$f" > "$apt_dir/sources/$(basename "$f")"
done
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" > "$apt_dir/sources/$(basename "$f")"
done
ls "$apt_dir/sources" | grep -q . || fail "no apt source list found under /etc/apt"

apt_opts=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$apt_dir/sources"
          -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
          -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")

apt-get "${apt_opts[@]}" -qq update || fail "apt-get update of the deb-src lists failed (is a Debian mirror reachable?)"

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
work="$dest/download"
rm -rf "$work"
mkdir -p "$work"
for p in "${packages[@]}"; do
  # the newest version first; a mirror without the security suite's sources gets the release's
  if ! (cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "$p" >/dev/null 2>&1); then
    [ -n "$codename" ] || fail "could not download the source package $p"
    (cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "$p/$codename" >/dev/null 2>&1) ||
      fail "could not download the source package $p (nor $p/$codename)"
  fi
done

versions=()
for p in "${packages[@]}"; do
  dsc=$(ls "$work/${p}_"*.dsc 2>/dev/null | sort -V | tail -n1)
  [ -n "$dsc" ] || fail "no .dsc for $p after download"
  version=$(sed -n 's/^Version: //p' "$dsc")
  orig=$(ls "$work/${p}_"*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1)
  [ -n "$orig" ] || fail "no upstream tarball for $p"
  rm -rf "$dest/$p"
  mkdir -p "$dest/$p"
  tar -xf "$orig" -C "$dest/$p" --strip-components=1 || fail "could not unpack $orig"
  versions+=("$p $version")
done
rm -rf "$work" "$apt_dir"

{
  echo "${packages[*]}"
  printf '%s\n' "${versions[@]}"
} > "$stamp"
echo "fetch-wasm-sources: $(printf '%s; ' "${versions[@]}")into $dest"
