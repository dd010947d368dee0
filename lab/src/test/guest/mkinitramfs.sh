#!/bin/bash
# Builds the lab's initramfs: busybox-static and the modules that mount this machine's root over 9p
# with a tmpfs overlay, then switch_root into it. Usage: mkinitramfs.sh KERNEL_VERSION OUTPUT.cpio.gz
set -euo pipefail
kver="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work"/{bin,dev,proc,sys,newroot,modules}
cp /bin/busybox "$work/bin/busybox"
# modprobe takes one module per call (the rest would be module parameters); keep the order it prints,
# dependencies first, and load each file once.
for module in virtio_pci 9pnet_virtio 9p overlay; do
    modprobe -S "$kver" --show-depends "$module"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' > "$work/modules.list"
: > "$work/modules.order"
while read -r ko; do
    cp "$ko" "$work/modules/"
    basename "$ko" >> "$work/modules.order"
done < "$work/modules.list"
cp "$here/initramfs-init" "$work/init"
chmod 755 "$work/init"
(cd "$work" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out"
