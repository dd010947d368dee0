#!/bin/bash
# Captures how the real multipath-tools treats real devices: boots the kernel lab guest (LAB.md) with this
# machine's root shared read-only, runs lab-guest.sh there and copies the device facts and multipath's
# blacklist verdicts and selected settings into org/mpathbus/config/internal/lab/, the fixture of
# LabComparisonTest. Needs root and qemu-system-x86 linux-image-amd64 busybox-static multipath-tools udev
# kmod; builds the guest's initramfs with the lab's lab/src/test/guest/mkinitramfs.sh. About 40 s under
# software emulation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../../.." && pwd)"
kver="${KVER:-$(ls /lib/modules | sort -V | tail -1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"
bash "$repo/lab/src/test/guest/mkinitramfs.sh" "$kver" "$work/initramfs.cpio.gz"
timeout 600 qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 2048 -smp 2 -nographic -no-reboot \
    -kernel "/boot/vmlinuz-$kver" -initrd "$work/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet lab.script=$here/lab-guest.sh" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -virtfs "local,path=$work/out,mount_tag=labout,security_model=none,multidevs=remap" > "$work/qemu.log" 2>&1
grep -q GUEST-DONE "$work/out/guest.log" || { cat "$work/qemu.log" "$work/out/guest.log"; exit 1; }
target="$here/org/mpathbus/config/internal/lab"
cp "$work"/out/device-*.txt "$target/"
cp "$work"/out/blacklist/*.log "$target/blacklist/"
cp "$work"/out/settings/*.log "$target/settings/"
cp "$work"/out/admission/*.log "$target/admission/"
echo "captured into $target"
