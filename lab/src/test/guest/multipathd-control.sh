#!/bin/bash
# MultipathdControlLabIT's guest (issue 11): org.mpathbus.control.multipathd's client against the real
# multipathd on two scsi_debug LUNs through two hosts, each operation checked with dmsetup, and each timed
# beside the same operation through multipathd's CLI. Same conventions as suite.sh: results under
# /lab-out/control, waits poll a condition with a deadline, a failed step goes to errors.txt, the run goes on.
set -u -o pipefail
trap '' PIPE
OUT=/lab-out
# shellcheck source=/dev/null
source "$OUT/lab.env"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
R="$OUT/control"
SCSI_DEBUG=/sys/bus/pseudo/drivers/scsi_debug
# the bundle's test classes (ControlProbe) beside the shipped bundle jars
BUNDLE_TESTS="$(cd "$LAB_GUEST/../../../.." && pwd)/bundles/control-multipathd/target/test-classes"
OURS_WWIDS=/etc/mpathbus-lab/wwids

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

maps_exactly() {
    (($(dmsetup table --target multipath 2> /dev/null | grep -c ': 0 ') == $1))
}

paths_in_tables() {
    (($(dmsetup table --target multipath 2> /dev/null | grep -o ' [0-9]*:[0-9]* ' | wc -l) == $1))
}

map_closed() { # MAP
    (($(dmsetup info -c --noheadings -o open "$1") == 0))
}

map_paths() { # MAP: its paths' kernel names, in table order
    dmsetup table "$1" | grep -o ' [0-9]*:[0-9]* ' | while read -r devnum; do
        basename "$(readlink -f "/sys/dev/block/$devnum")"
    done
}

snapshot() { # NAME: dmsetup's view of the maps at this moment
    dmsetup table --target multipath > "$R/$1.table.txt" 2>&1
    dmsetup status --target multipath > "$R/$1.status.txt" 2>&1
}

millis_between() { # START END (epoch seconds with microseconds)
    awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) * 1000 }'
}

OP=0
ours() { # OPERATION TIMEOUT_MS ARGS...: one operation through ControlProbe; its line in ours.txt
    OP=$((OP + 1))
    echo "$OP $*" >&3
    poll 120 grep -q "^$OP " "$R/ours.txt" || fail "the probe never answered operation $OP ($*)"
}

cli() { # OPERATION COMMAND...: the same through multipathd's CLI, timed; its line in cli.txt
    local op="$1" start end reply
    shift
    start=$EPOCHREALTIME
    reply="$(multipathd "$@" 2>&1)"
    end=$EPOCHREALTIME
    echo "$op $(millis_between "$start" "$end") $(echo "$reply" | tr '\n' '|')" >> "$R/cli.txt"
}

setup_machine() {
    step boot
    mount -t tmpfs tmpfs /run
    ln -sf /proc/self/fd /dev/fd
    mkdir -p /run/udev "$R"
    modprobe -a dm_multipath dm_round_robin dm_service_time scsi_dh_alua sd_mod sg \
        || fail "modprobe of the dm and SCSI modules failed"
    # failover: one path per group, so a map has two groups to switch between; queueing on, so there is
    # queueing to disable and restore; a slow checker, so a failed path stays failed while it is looked at
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
    path_grouping_policy failover
    no_path_retry queue
    polling_interval 30
    max_polling_interval 30
}
blacklist {
    devnode "^(vd|loop|ram)"
}
CONF
    /lib/systemd/systemd-udevd --daemon > "$OUT/udevd.log" 2>&1 || fail "systemd-udevd did not start"
    modprobe scsi_debug add_host=2 num_tgts=1 max_luns=2 vpd_use_hostno=0 dev_size_mb=16 \
        || fail "modprobe scsi_debug failed"
    udevadm trigger
    udevadm settle --timeout=180
    multipathd -d -s >> "$OUT/multipathd.log" 2>&1 &
    MULTIPATHD_PID=$!
    wait_for 90 "multipathd to build 2 maps" maps_exactly 2
    wait_for 90 "multipathd to put 4 paths into the maps" paths_in_tables 4
    ls -la /run/multipathd.socket > "$R/socket-file.txt" 2>&1
    grep -a multipathd /proc/net/unix > "$R/proc-net-unix.txt"
    step san-ready
}

start_probe() {
    [[ -d "$BUNDLE_TESTS" ]] || fail "no $BUNDLE_TESTS: build bundles/control-multipathd (mvn install) first"
    local cp="$LAB_CLASSPATH:$BUNDLE_TESTS"
    for jar in "$LAB_HOME"/bundle/org.mpathbus.control.multipathd-*.jar "$LAB_HOME"/bundle/org.mpathbus.config-*.jar; do
        cp="$jar:$cp"
    done
    mkfifo /run/probe.in
    java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$cp" org.mpathbus.control.multipathd.internal.ControlProbe \
        "$OURS_WWIDS" < /run/probe.in > "$R/ours.txt" 2> "$R/probe.err" &
    PROBE_PID=$!
    exec 3> /run/probe.in
    wait_for 120 "the probe to start" grep -q '^ready' "$R/ours.txt"
    step probe-ready
}

scenario_paths() {
    MAP1="$(dmsetup table --target multipath | sort | head -1 | cut -d: -f1)"
    MAP2="$(dmsetup table --target multipath | sort | tail -1 | cut -d: -f1)"
    read -r P1 P2 <<< "$(map_paths "$MAP1" | tr '\n' ' ')"
    read -r Q1 Q2 <<< "$(map_paths "$MAP2" | tr '\n' ' ')"
    echo "$MAP1 $P1 $P2" > "$R/map1.txt"
    echo "$MAP2 $Q1 $Q2" > "$R/map2.txt"
    cat "/sys/block/$P1/dev" > "$R/p1-devnum.txt"
    snapshot before
    # a warm-up, so that the first timed call does not pay for class loading
    ours restorequeueing 5000 "$MAP1"
    ours fail-path 5000 "$P1"
    snapshot failed
    ours reinstate-path 5000 "$P1"
    snapshot reinstated
    cli fail-path fail path "$P1"
    snapshot cli-failed
    cli reinstate-path reinstate path "$P1"
    ours switchgroup 5000 "$MAP1" 2
    snapshot switched
    cli switchgroup switchgroup map "$MAP1" group 1
    snapshot cli-switched
    ours disablequeueing 5000 "$MAP1"
    snapshot queueing-disabled
    ours restorequeueing 5000 "$MAP1"
    snapshot queueing-restored
    cli disablequeueing disablequeueing map "$MAP1"
    snapshot cli-queueing-disabled
    cli restorequeueing restorequeueing map "$MAP1"
    snapshot cli-queueing-restored
    # what multipathd answers for what is not there
    ours fail-path 5000 sdzz
    ours del-map 5000 nosuchmap
    ours resize-map 5000 nosuchmap
    cli fail-path-missing fail path sdzz
    cli del-map-missing del map nosuchmap
    cli resize-map-missing resize map nosuchmap
    cli del-path-missing del path sdzz
    step paths
}

scenario_resize() {
    dmsetup table "$MAP1" | cut -d' ' -f2 > "$R/size-before.txt"
    # every LUN grows to 1 GiB of (repeated) store; each path re-reads its capacity
    echo 1 > "$SCSI_DEBUG/virtual_gb" || fail "scsi_debug's virtual_gb cannot be set"
    for dev in $P1 $P2 $Q1 $Q2; do
        echo 1 > "/sys/block/$dev/device/rescan"
    done
    wait_for 30 "the paths to show 1 GiB" test "$(cat "/sys/block/$P1/size")" = 2097152
    ours resize-map 10000 "$MAP1"
    dmsetup table "$MAP1" | cut -d' ' -f2 > "$R/size-after.txt"
    cli resize-map resize map "$MAP2"
    dmsetup table "$MAP2" | cut -d' ' -f2 > "$R/size-after-cli.txt"
    step resized
}

scenario_maps() {
    # an open map is refused as in use; an unused one goes
    exec 4< "/dev/mapper/$MAP1"
    ours del-map 5000 "$MAP1"
    cli del-map-open del map "$MAP1"
    exec 4<&-
    snapshot open-flush
    # udev may still be probing the grown map: unused means nobody has it open
    udevadm settle --timeout=60
    wait_for 60 "nobody to hold $MAP2 open" map_closed "$MAP2"
    dmsetup info -c --noheadings -o name,open > "$R/open-before-flush.txt"
    ours del-map 5000 "$MAP2"
    snapshot flushed
    ours reconfigure 5000
    local start=$EPOCHREALTIME
    wait_for 60 "reconfigure to bring the flushed map back" maps_exactly 2
    millis_between "$start" "$EPOCHREALTIME" > "$R/reconfigure-until-back-ms.txt"
    wait_for 60 "4 paths after reconfigure" paths_in_tables 4
    snapshot reconfigured
    # the map reconfigure made is probed by udev too: the CLI gets the same unused map as ours did
    udevadm settle --timeout=60
    wait_for 60 "nobody to hold the new $MAP2 open" map_closed "$MAP2"
    cli del-map del map "$MAP2"
    snapshot cli-flushed
    cli reconfigure reconfigure
    wait_for 60 "the CLI's reconfigure to bring the map back" maps_exactly 2
    wait_for 60 "4 paths after the CLI's reconfigure" paths_in_tables 4
    step maps
}

scenario_add_del_path() {
    read -r P1 P2 <<< "$(map_paths "$MAP1" | tr '\n' ' ')"
    ours del-path 5000 "$P2"
    snapshot path-removed
    ours add-path 5000 "$P2"
    wait_for 30 "$P2 back in $MAP1" paths_in_tables 4
    snapshot path-added
    cli del-path del path "$P2"
    cli add-path add path "$P2"
    wait_for 30 "$P2 back after the CLI" paths_in_tables 4
    step add-del-path
}

scenario_stopped() {
    kill -STOP "$MULTIPATHD_PID"
    # beside it, how late a plain 2 s sleep wakes in this emulated guest at the same moment
    (
        start=$EPOCHREALTIME
        sleep 2
        millis_between "$start" "$EPOCHREALTIME" > "$R/sleep-2s-ms.txt"
    ) &
    local sleeper=$!
    ours +restorequeueing 2000 "$MAP1"
    wait "$sleeper"
    # once more, the guest settled after the stop
    ours +restorequeueing 2000 "$MAP1"
    kill -CONT "$MULTIPATHD_PID"
    step stopped
}

scenario_wwids() {
    # multipath's own: a fresh file from multipath -a, then -w
    local dev="$P1" wwid
    rm -f /etc/multipath/wwids
    multipath -a "/dev/$dev" > "$R/multipath-a.txt" 2>&1
    cp -p /etc/multipath/wwids "$R/multipath-wwids-added.txt"
    stat -c '%a %U' /etc/multipath/wwids /etc/multipath > "$R/multipath-wwids-modes.txt"
    multipath -w "/dev/$dev" > "$R/multipath-w.txt" 2>&1
    cp -p /etc/multipath/wwids "$R/multipath-wwids-forgotten.txt"
    wwid="$(sed -n "s/^wwid '\(.*\)' added$/\1/p" "$R/multipath-a.txt")"
    echo "$wwid" > "$R/wwid.txt"
    ours add-wwid 5000 "${wwid:-none}"
    cp -p "$OURS_WWIDS" "$R/ours-wwids-added.txt"
    stat -c '%a %U' "$OURS_WWIDS" "$(dirname "$OURS_WWIDS")" > "$R/ours-wwids-modes.txt"
    ours forget-wwid 5000 "${wwid:-none}"
    cp -p "$OURS_WWIDS" "$R/ours-wwids-forgotten.txt"
    step wwids
}

setup_machine
start_probe
scenario_paths
scenario_resize
scenario_maps
scenario_add_del_path
scenario_stopped
scenario_wwids
exec 3>&-
wait "$PROBE_PID"
multipathd show maps raw format "%n %w %N" > "$R/final-maps.txt" 2>&1
step done
sync
