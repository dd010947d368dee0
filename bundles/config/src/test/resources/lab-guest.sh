#!/bin/bash
# Runs inside the kernel lab guest (see capture-lab.sh): a scsi_debug SAN (two LUNs, each through two
# SCSI hosts: sda..sdd) and a loop device under udev, then the real multipath-tools in dry-run mode
# (`multipath -d`) on each configuration of lab/blacklist (its blacklisted/whitelisted lines, -v4) and
# lab/settings (its "(setting: ...)" and "(inherited setting ...)" lines, -v3), and lab/admission (the
# maps it would create, with the wwids file given beside a configuration). Results go to the /lab-out share.
lab="$(cd "$(dirname "$0")" && pwd)/org/mpathbus/config/internal/lab"
out=/lab-out
exec > $out/guest.log 2>&1
modprobe sd_mod; modprobe sg; modprobe loop
modprobe scsi_debug add_host=2 num_tgts=1 max_luns=2 vpd_use_hostno=0 dev_size_mb=16
for m in dm-multipath dm-round-robin dm-service-time dm-queue-length scsi_dh_alua; do modprobe $m; done
mkdir -p /run/udev
/lib/systemd/systemd-udevd --daemon
udevadm trigger; udevadm settle
truncate -s 8M /tmp/loopfile; losetup /dev/loop0 /tmp/loopfile; udevadm settle
for dev in $(ls /sys/block | grep -E '^(sd|loop0$)'); do
  {
    echo "devnode=$dev"
    [ -f /sys/block/$dev/device/vendor ] && echo "vendor=$(cat /sys/block/$dev/device/vendor)"
    [ -f /sys/block/$dev/device/model ] && echo "product=$(cat /sys/block/$dev/device/model)"
    [ -f /sys/block/$dev/device/rev ] && echo "revision=$(cat /sys/block/$dev/device/rev)"
    udevadm info -q property -n /dev/$dev | sed 's/^/udev:/'
  } > $out/device-$dev.txt
done
mkdir -p $out/blacklist $out/settings
for cfg in "$lab"/blacklist/*.conf; do
  cp "$cfg" /etc/multipath.conf
  multipath -v4 -d 2>&1 | sed 's/^[0-9.]* | //' | grep -E 'blacklisted|whitelisted' | awk '!seen[$0]++' \
    > $out/blacklist/$(basename "$cfg" .conf).log
done
for cfg in "$lab"/settings/*.conf; do
  cp "$cfg" /etc/multipath.conf
  rm -rf /etc/multipath
  multipath -v3 -d 2>&1 | sed 's/^[0-9.]* | //' | grep -E '\((setting: |inherited setting)' | awk '!seen[$0]++' \
    > $out/settings/$(basename "$cfg" .conf).log
done
mkdir -p $out/admission
for cfg in "$lab"/admission/*.conf; do
  cp "$cfg" /etc/multipath.conf
  rm -rf /etc/multipath; mkdir -p /etc/multipath
  wwids="${cfg%.conf}.wwids"
  if [ -f "$wwids" ]; then cp "$wwids" /etc/multipath/wwids; fi
  multipath -v2 -d 2>&1 | grep -E '^: ' > $out/admission/$(basename "$cfg" .conf).log
done
echo GUEST-DONE
