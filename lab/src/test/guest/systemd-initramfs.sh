#!/bin/bash
# The systemd guest's initramfs: the lab's (mkinitramfs.sh: busybox and the 9p/overlay modules) with
# its /init replaced by systemd-init, appended as a second archive (the kernel unpacks both in order,
# a later file replacing an earlier one). Usage: systemd-initramfs.sh KERNEL_VERSION OUTPUT.cpio.gz
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/mkinitramfs.sh" "$1" "$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
install -m 755 "$here/systemd-init" "$work/init"
(cd "$work" && echo init | cpio -o -H newc --quiet) | gzip -1 >> "$2"
