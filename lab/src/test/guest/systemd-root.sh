#!/bin/bash
# Builds the systemd guest's root file system with mmdebstrap from Debian's package registry, once per
# package list: the result is CACHE/root-<sha256 of suite and packages>, reused while the list is the
# same. Usage: systemd-root.sh CACHE SUITE PACKAGE... ; prints the root's path on its last line.
set -euo pipefail
cache="$1"
suite="$2"
shift 2
packages="$(printf '%s\n' "$@" | sort -u | paste -sd, -)"
key="$(printf '%s %s\n' "$suite" "$packages" | sha256sum | cut -c1-16)"
root="$cache/root-$key"
if [[ -x "$root/sbin/init" ]]; then
    echo "systemd-root: cached $root ($packages)" >&2
    echo "$root"
    exit 0
fi
mkdir -p "$cache"
building="$(mktemp -d "$cache/building-$key.XXXXXX")"
trap 'rm -rf "$building"' EXIT
rmdir "$building"
# This machine's downloaded packages seed the guest's apt cache, so that a machine that has installed
# them fetches less; apt takes only the files whose checksum the registry's index names.
started=$(date +%s)
mmdebstrap --quiet --mode=root --variant=apt --include="$packages" \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"; find /var/cache/apt/archives -maxdepth 1 -name "*.deb" -exec cp -t "$1/var/cache/apt/archives/" {} + || true' \
    --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' \
    "$suite" "$building" >&2
mv "$building" "$root"
trap - EXIT
echo "systemd-root: built $root in $(( $(date +%s) - started )) s ($packages)" >&2
echo "$root"
