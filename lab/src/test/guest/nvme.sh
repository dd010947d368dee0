#!/bin/bash
# The NVMe lab (issue 20), run by NvmeLabIT in a guest of its own: an NVMe-oF target built with nvmet and
# nvmet-tcp on loopback (one namespace on null_blk, two ports, the namespace in ANA group 2, optimized through
# port 1 and non-optimized through port 2), the host connected to both ports with nvme-tcp, a dm-multipath
# scsi_debug SAN beside it, and the daemon with --source=auto. Then each port's ANA state is changed in
# configfs and port 2 is taken away; after each change the daemon's objects on the system bus, sysfs and
# nvme list-subsys are saved, and a bus monitor (controlctl.py watch) timestamps every signal, so the test
# measures configfs change to signal on one clock. Same conventions as suite.sh: results under /lab-out,
# waits poll a condition with a deadline, a failed step goes to errors.txt and the run goes on.
set -u -o pipefail
trap '' PIPE
OUT=/lab-out
# shellcheck source=/dev/null
source "$OUT/lab.env"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
CC="/usr/bin/python3 $LAB_GUEST/controlctl.py"
BUS=org.mpathbus.Multipath1
ROOT=/org/mpathbus/Multipath1
NVMET=/sys/kernel/config/nvmet
NQN=nqn.2026-12.org.mpathbus:lab
HOSTNQN=nqn.2014-08.org.nvmexpress:uuid:3a0e9d4c-5b1f-4c2e-9a7d-6b8c0d1e2f30
NS_UUID=5a4e4a30-0b7e-4b5b-9d3c-1f2e3d4c5b6a
ANA_GROUP=2

step() {
    echo "LAB-STEP $1"
    echo "$1 $EPOCHREALTIME $(cut -d' ' -f1 /proc/uptime)" >> "$OUT/steps.txt"
}

fail() {
    echo "LAB-FAIL $*"
    echo "$*" >> "$OUT/errors.txt"
}

poll() { # SECONDS COMMAND...
    local deadline=$((SECONDS + $1))
    shift
    until "$@" > /dev/null 2>&1; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.1
    done
}

wait_for() { # SECONDS WHAT COMMAND...
    local seconds="$1" what="$2"
    shift 2
    poll "$seconds" "$@" || { fail "timed out after ${seconds}s waiting for $what"; return 1; }
}

setup_machine() {
    step boot
    mount -t tmpfs tmpfs /run
    ln -sf /proc/self/fd /dev/fd
    mkdir -p /run/dbus /run/udev
    cp "$LAB_HOME"/packaging/dbus/*.conf /etc/dbus-1/system.d/ 2> /dev/null || fail "the distribution has no D-Bus policy"
    dbus-daemon --system --fork || fail "dbus-daemon did not start"
    ip link set lo up || fail "the loopback interface did not come up"
    modprobe -a nvme_core nvme_fabrics nvme_tcp nvmet nvmet_tcp null_blk \
        || fail "modprobe of the NVMe modules failed"
    modprobe -a dm_multipath dm_round_robin dm_service_time scsi_dh_alua sd_mod sg \
        || fail "modprobe of the dm and SCSI modules failed"
    cat /sys/module/nvme_core/parameters/multipath > "$OUT/nvme-core-multipath.txt"
    mount -t configfs none /sys/kernel/config || fail "configfs did not mount"
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
    polling_interval 5
}
blacklist {
    devnode "^(vd|loop|ram|nullb|nvme)"
}
CONF
    /lib/systemd/systemd-udevd --daemon > "$OUT/udevd.log" 2>&1 || fail "systemd-udevd did not start"
}

# The dm-multipath SAN beside NVMe: one scsi_debug LUN through two hosts, one map
start_dm_san() {
    modprobe scsi_debug add_host=2 num_tgts=1 max_luns=1 vpd_use_hostno=0 dev_size_mb=16 \
        || fail "modprobe scsi_debug failed"
    udevadm trigger
    udevadm settle --timeout=180
    multipathd -d -s >> "$OUT/multipathd.log" 2>&1 &
    wait_for 90 "multipathd to build its map" bash -c "dmsetup table --target multipath | grep -q ': 0 '"
    step dm-san
}

# port N: 127.0.0.1:442(N-1) with ANA group 2 in the given state
make_port() { # N STATE
    local port="$NVMET/ports/$1"
    mkdir "$port"
    echo tcp > "$port/addr_trtype"
    echo ipv4 > "$port/addr_adrfam"
    echo 127.0.0.1 > "$port/addr_traddr"
    echo $((4419 + $1)) > "$port/addr_trsvcid"
    mkdir "$port/ana_groups/$ANA_GROUP"
    echo "$2" > "$port/ana_groups/$ANA_GROUP/ana_state"
    ln -s "$NVMET/subsystems/$NQN" "$port/subsystems/$NQN"
}

start_nvme_target() {
    local subsystem="$NVMET/subsystems/$NQN"
    mkdir "$subsystem" || { fail "nvmet has no configfs"; return 1; }
    echo 1 > "$subsystem/attr_allow_any_host"
    mkdir "$subsystem/namespaces/1"
    echo /dev/nullb0 > "$subsystem/namespaces/1/device_path"
    echo "$NS_UUID" > "$subsystem/namespaces/1/device_uuid"
    make_port 1 optimized
    make_port 2 non-optimized
    echo "$ANA_GROUP" > "$subsystem/namespaces/1/ana_grpid"
    echo 1 > "$subsystem/namespaces/1/enable" || fail "the namespace did not enable"
    local port
    for port in 4420 4421; do
        nvme connect -t tcp -a 127.0.0.1 -s "$port" -n "$NQN" --hostnqn="$HOSTNQN" >> "$OUT/nvme-connect.txt" 2>&1 \
            || fail "nvme connect to port $port failed"
    done
    wait_for 30 "two controller paths in sysfs" bash -c "(( \$(ls -d /sys/class/nvme/nvme*/nvme*c*n1 | wc -l) == 2 ))"
    step nvme-target
}

start_daemon() {
    # NVMe writes on, as an administrator turns them on
    echo "enabled = true" >> "$LAB_HOME/etc/org.mpathbus.nvme.control.cfg"
    mkfifo /run/mpathbus.in
    env -u JAVA_OPTS "$LAB_HOME/bin/mpathbusd" --source=auto < /run/mpathbus.in > "$OUT/daemon.out" 2>&1 &
    DAEMON_PID=$!
    exec 3> /run/mpathbus.in
    step daemon-started
}

dbus_map_count_is() { # COUNT
    busctl --system --json=short get-property $BUS $ROOT $BUS.Manager Maps \
        | python3 -c "import json,sys; sys.exit(len(json.load(sys.stdin)['data']) != $1)"
}

# the path (nvme0cXn1) through the controller whose address has trsvcid=PORT
path_of_port() { # PORT
    local controller
    for controller in /sys/class/nvme/nvme*; do
        if grep -q "trsvcid=$1," "$controller/address"; then
            basename "$(ls -d "$controller"/nvme*c*n1)"
            return
        fi
    done
}

# what the kernel, nvme-cli and the daemon show, into DIR
snapshot() { # DIR
    mkdir -p "$1"
    local path
    for path in /sys/class/nvme/nvme*/nvme*c*n1; do
        echo "$(basename "$path") $(cat "$path/ana_state") $(cat "$path/ana_grpid") $(cat "$(dirname "$path")/state")"
    done > "$1/sysfs.txt" 2>&1
    nvme list-subsys -o json /dev/nvme0n1 > "$1/list-subsys.json" 2> "$1/list-subsys.err"
    nvme list-subsys /dev/nvme0n1 > "$1/list-subsys.txt" 2>&1
    busctl --system --json=short call $BUS $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects \
        > "$1/managed-objects.json" || fail "GetManagedObjects failed"
}

path_property_is() { # PATH PROPERTY VALUE
    [ "$(busctl --system get-property $BUS "$ROOT/paths/$1" $BUS.Path "$2")" = "s \"$3\"" ]
}

# change NAME PATH PROPERTY VALUE COMMAND...: runs COMMAND (the configfs change), noting the time just before
# it, waits for the daemon to show VALUE in PATH's PROPERTY, then takes a snapshot
change() {
    local name="$1" path="$2" property="$3" value="$4"
    shift 4
    local before="$EPOCHREALTIME"
    "$@" || fail "$name: the configfs change failed"
    echo "{\"name\": \"$name\", \"t\": $before, \"path\": \"$path\", \"property\": \"$property\", \"value\": \"$value\"}" \
        >> "$OUT/changes.jsonl"
    wait_for 30 "$name: $path $property $value on the bus" path_property_is "$path" "$property" "$value"
    # the kernel's view settles (a lost controller goes resetting, then connecting) before it is compared
    sleep 1
    snapshot "$OUT/$name"
    step "$name"
}

set_ana() { # PORT STATE
    echo "$2" > "$NVMET/ports/$1/ana_groups/$ANA_GROUP/ana_state"
}

remove_port() { # PORT
    rm "$NVMET/ports/$1/subsystems/$NQN"
}

run_changes() {
    local one two
    one="$(path_of_port 4420)"
    two="$(path_of_port 4421)"
    echo "port1=$one port2=$two" > "$OUT/ports.txt"
    change port1-non-optimized "$one" AnaState non-optimized set_ana 1 non-optimized
    change port1-inaccessible "$one" AnaState inaccessible set_ana 1 inaccessible
    change port1-optimized "$one" AnaState optimized set_ana 1 optimized
    change port2-inaccessible "$two" AnaState inaccessible set_ana 2 inaccessible
    change port2-non-optimized "$two" AnaState non-optimized set_ana 2 non-optimized
    change port2-removed "$two" DmState failed remove_port 2
}

# SetIoPolicy through the daemon as root (uid 0 is let through without polkit), then one the kernel lacks a
# word for; the reply, the kernel's iopolicy and the bus's IoPolicy after each
set_iopolicy() {
    local dir="$OUT/iopolicy" map
    mkdir -p "$dir"
    map="$(python3 -c "
import json
data = json.load(open('$OUT/initial/managed-objects.json'))['data'][0]
print(next(path for path, ifaces in data.items() if ifaces.get('$BUS.Map', {}).get('Kind', {}).get('data') == 'nvme'))")"
    echo "$map" > "$dir/map.txt"
    gdbus call --system --dest $BUS --object-path "$map" --method $BUS.NvmeControl.SetIoPolicy round-robin \
        "{'timeout': <30>}" > "$dir/round-robin.reply" 2>&1
    cat /sys/class/nvme-subsystem/nvme-subsys0/iopolicy > "$dir/round-robin.sysfs"
    busctl --system get-property $BUS "$map" $BUS.Map IoPolicy > "$dir/round-robin.bus" 2>&1
    gdbus call --system --dest $BUS --object-path "$map" --method $BUS.NvmeControl.SetIoPolicy fastest \
        "{}" > "$dir/fastest.reply" 2>&1
    cat /sys/class/nvme-subsystem/nvme-subsys0/iopolicy > "$dir/fastest.sysfs"
    step iopolicy
}

# The NVMe source is a bundle of its own: stopped, its map leaves the bus and the dm map stays; started
# again, the map is back
nvme_bundle_listed() {
    grep -q '|org.mpathbus.nvme ' "$OUT/daemon.out"
}

hot_swap() {
    # Gogo's start takes a bundle id (a name would be a location to install from): lb names it
    echo "lb -s org.mpathbus.nvme" >&3
    wait_for 60 "lb to list the NVMe bundle" nvme_bundle_listed || return
    local id
    id="$(grep '|org.mpathbus.nvme ' "$OUT/daemon.out" | head -1 | cut -d'|' -f1 | tr -dc '0-9')"
    echo "stop $id" >&3
    wait_for 60 "the NVMe map to leave the bus with its bundle" dbus_map_count_is 1 && step nvme-bundle-stopped
    echo "start $id" >&3
    wait_for 60 "the NVMe map back on the bus with its bundle" dbus_map_count_is 2 && step nvme-bundle-started
    snapshot "$OUT/restarted"
}

main() {
    setup_machine
    start_dm_san
    start_nvme_target
    start_daemon
    wait_for 300 "the daemon to export the dm map and the NVMe namespace" dbus_map_count_is 2
    step daemon-ready
    $CC watch "$OUT/bus.jsonl" 2> "$OUT/bus-watch.err" &
    WATCH_PID=$!
    wait_for 30 "the bus monitor" grep -q '"ready"' "$OUT/bus.jsonl"
    snapshot "$OUT/initial"
    step initial
    run_changes
    set_iopolicy
    hot_swap
    sleep 1
    kill "$WATCH_PID" 2> /dev/null
    kill "$DAEMON_PID" 2> /dev/null
    wait "$DAEMON_PID" 2> /dev/null
    nvme disconnect-all > /dev/null 2>&1
    step done
}

main
