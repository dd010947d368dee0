#!/bin/bash
# Runs inside the lab guest (see capture-lab-blacklist.sh): a scsi_debug SAN (two LUNs over two hosts:
# sda..sdd) and a loop device, udev, then `multipath -v4 -d` on each configuration of lab-blacklist/,
# keeping its blacklisted/whitelisted lines. Results go to /lab-out.
here="$(cd "$(dirname "$0")" && pwd)/org/mpathbus/config/internal/lab-blacklist"
out=/lab-out
exec > $out/guest.log 2>&1
modprobe sd_mod; modprobe sg; modprobe loop
modprobe scsi_debug add_host=2 num_tgts=1 max_luns=2 vpd_use_hostno=0 dev_size_mb=16
modprobe dm-multipath; modprobe dm-round-robin; modprobe dm-service-time; modprobe scsi_dh_alua
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
for cfg in "$here"/*.conf; do
  name=$(basename "$cfg" .conf)
  cp "$cfg" /etc/multipath.conf
  multipath -v4 -d 2>&1 | sed 's/^[0-9.]* | //' | grep -E 'blacklisted|whitelisted' | awk '!seen[$0]++' > $out/multipath-$name.log
done
echo GUEST-DONE
