#!/bin/bash
# The kernel lab's scenarios. Runs in the guest right after switch_root; writes what it sees under
# /lab-out (a share the host reads afterwards), one folder per scenario, and the host's JUnit tests judge
# it. Every wait polls a condition with a deadline. A failed step is written to errors.txt and the suite
# goes on, so one broken scenario does not hide the others.
set -u -o pipefail
trap '' PIPE
OUT=/lab-out
# shellcheck source=/dev/null
source "$OUT/lab.env"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
CTL="/usr/bin/python3 $LAB_GUEST/labctl.py"
MAPPER_WAIT=90

step() {
    echo "LAB-STEP $1"
    echo "$1 $EPOCHREALTIME $(cut -d' ' -f1 /proc/uptime)" >> "$OUT/steps.txt"
}

fail() {
    echo "LAB-FAIL $*"
    echo "$*" >> "$OUT/errors.txt"
}

# poll SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds or the time is up
poll() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" > /dev/null 2>&1; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.1
    done
}

# wait_for SECONDS WHAT COMMAND...: poll, and a failed step when the time is up
wait_for() {
    local seconds="$1" what="$2"
    shift 2
    poll "$seconds" "$@" || { fail "timed out after ${seconds}s waiting for $what"; return 1; }
}

# ask FILE COMMAND KEY CONDITION SECONDS: the daemon's first answer satisfying CONDITION, into FILE
ask() {
    $CTL ask "$2" "$3" "$4" "$5" > "$1" || { fail "the daemon never answered '$2' with $4"; return 1; }
}

multipath_tables() {
    dmsetup table --target multipath 2> /dev/null | grep ': 0 '
}

maps_at_least() {
    (($(multipath_tables | wc -l) >= $1))
}

maps_exactly() {
    (($(multipath_tables | wc -l) == $1))
}

# the number of path devices over all multipath tables
paths_in_tables() {
    (($(multipath_tables | grep -o ' [0-9]*:[0-9]* ' | wc -l) == $1))
}

no_map_named() {
    ! dmsetup info "$1" > /dev/null 2>&1
}

path_state_is() { # MAP MAJ:MIN A|F
    dmsetup status "$1" | grep -q " $2 $3 "
}

# watch_dm_events MAP FILE: a DM_DEV_WAIT loop writes each dm event's arrival time to FILE
watch_dm_events() {
    $CTL dm-events "$1" "$2" &
    DM_WATCHER=$!
    wait_for 30 "the dm event watcher of $1" grep -q ready "$2"
}

multipathd_path_faulty() { # DEV
    multipathd show paths format "%d %T" | grep -q "^$1 *faulty"
}

dm_events_seen() { # FILE COUNT
    (($(grep -c '^event' "$1") >= $2))
}

sd_disks() {
    (($(ls /sys/block | grep -c '^sd') == $1))
}

snapshot_dm() { # DIR PREFIX
    dmsetup table --target multipath > "$1/$2dmsetup-table.txt"
    dmsetup status --target multipath > "$1/$2dmsetup-status.txt"
    dmsetup info -c --noheadings --separator ' ' -o name,major,minor,uuid,events > "$1/$2dmsetup-info.txt"
}

block_name() { # MAJ:MIN
    basename "$(readlink -f "/sys/dev/block/$1")"
}

scsi_debug_hosts() {
    grep -l scsi_debug /sys/class/scsi_host/host*/proc_name | xargs -n1 dirname
}

setup_machine() {
    step boot
    mount -t tmpfs tmpfs /run
    # No tmpfs on /tmp: the overlay root is writable already, and a checkout under /tmp (as CI's may be)
    # would vanish beneath it, daemon and scripts included.
    ln -sf /proc/self/fd /dev/fd
    mkdir -p /run/dbus /run/udev
    # the daemon's bus policy lets root own org.mpathbus.Multipath1
    cp "$LAB_HOME"/packaging/dbus/*.conf /etc/dbus-1/system.d/ 2> /dev/null || fail "the distribution has no D-Bus policy"
    dbus-daemon --system --fork || fail "dbus-daemon did not start"
    modprobe -a dm_multipath dm_round_robin dm_service_time dm_queue_length scsi_dh_alua sd_mod sg \
        || fail "modprobe of the dm and SCSI modules failed"
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
    polling_interval 5
}
blacklist {
    devnode "^(vd|loop|ram)"
}
CONF
    /lib/systemd/systemd-udevd --daemon > "$OUT/udevd.log" 2>&1 || fail "systemd-udevd did not start"
}

start_san() { # HOSTS LUNS SIZE_MB
    modprobe scsi_debug add_host="$1" num_tgts=1 max_luns="$2" vpd_use_hostno=0 dev_size_mb="$3" \
        || fail "modprobe scsi_debug failed"
    udevadm trigger
    udevadm settle --timeout=180
}

start_multipathd() { # EXPECTED_MAPS EXPECTED_PATHS
    multipathd -d -s >> "$OUT/multipathd.log" 2>&1 &
    MULTIPATHD_PID=$!
    wait_for "$MAPPER_WAIT" "multipathd to build $1 maps" maps_at_least "$1"
    wait_for "$MAPPER_WAIT" "multipathd to put $2 paths into the maps" paths_in_tables "$2"
}

stop_multipathd() {
    multipathd shutdown > /dev/null 2>&1 || kill "$MULTIPATHD_PID"
    wait "$MULTIPATHD_PID" 2> /dev/null
}

# --source=auto: on a machine with device-mapper the daemon must pick the devmapper source by itself
start_daemon() {
    mkfifo /run/mpathbus.in
    # The shipped JVM options, as users get them: no JAVA_OPTS of the lab's own
    env -u JAVA_OPTS "$LAB_HOME/bin/mpathbusd" --source=auto < /run/mpathbus.in > "$OUT/daemon.out" 2>&1 &
    DAEMON_PID=$!
    # The console reads commands from the FIFO; holding it open keeps the daemon's input from ending.
    exec 3> /run/mpathbus.in
    step daemon-started
}

dbus_map_count_is() { # COUNT
    busctl --system --json=short get-property org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.mpathbus.Multipath1.Manager Maps | python3 -c "import json,sys; sys.exit(len(json.load(sys.stdin)['data']) != $1)"
}

# read_dbus_maps DIR COUNT: the maps as the daemon exports them on the system bus (Wwid, Name, Paths)
read_dbus_maps() {
    wait_for 60 "the daemon to export $2 maps on the system bus" dbus_map_count_is "$2" || return
    local object
    : > "$1/dbus-maps.txt"
    for object in $(busctl --system --json=short get-property org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.mpathbus.Multipath1.Manager Maps | python3 -c "import json,sys; print(' '.join(json.load(sys.stdin)['data']))"); do
        echo "$object $(busctl --system get-property org.mpathbus.Multipath1 "$object" org.mpathbus.Multipath1.Map \
            Wwid Name PathCount | tr '\n' ' ')" >> "$1/dbus-maps.txt"
    done
    step dbus-read
}

# a) Two LUNs through two hosts with ALUA: the daemon's view, dmsetup's and multipathd's, at one moment.
scenario_agree() {
    local dir="$OUT/agree"
    mkdir -p "$dir"
    for map in $(multipath_tables | cut -d: -f1); do
        dd if="/dev/mapper/$map" of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null
    done
    ask "$dir/daemon-first.json" "mpath:topology --json" maps \
        "len(doc['maps']) == 2 and sum(len(g['paths']) for m in doc['maps'] for g in m['path_groups']) == 4" 180 || return
    step daemon-ready
    # The kernel may still be switching groups after the first I/O: take the daemon's view between two
    # identical dmsetup snapshots.
    local attempt
    for attempt in 1 2 3 4 5; do
        snapshot_dm "$dir" before-
        multipathd show maps json > "$dir/multipathd.json"
        ask "$dir/daemon.json" "mpath:topology --json" maps "len(doc['maps']) == 2" 30
        busctl --system --json=short call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
            org.freedesktop.DBus.ObjectManager GetManagedObjects > "$dir/managed-objects.json" \
            || fail "GetManagedObjects on the system bus failed"
        snapshot_dm "$dir" after-
        cmp -s "$dir/before-dmsetup-status.txt" "$dir/after-dmsetup-status.txt" && break
    done
    # the ALUA state scsi_dh_alua shows each path in sysfs (what the priorities derive from), and the
    # prioritizer multipathd's detect_prio chose
    local disk
    for disk in /sys/block/sd*; do
        echo "$(basename "$disk") $(cat "$disk/device/access_state" 2> /dev/null || echo none)" \
            "$(cat "$disk/device/preferred_path" 2> /dev/null || echo none)"
    done > "$dir/alua.txt"
    multipath -ll -v3 2>&1 | sed -n 's/^.*| \(.*: prio = .*\)$/\1/p' | sort -u > "$dir/multipath-prio.txt"
    step scenario-agree
    read_dbus_maps "$dir" 2
}

# b) A path offlined and I/O sent through the map: the kernel fails the path; the daemon's event follows.
scenario_kernel_fails_path() {
    local dir="$OUT/fail"
    mkdir -p "$dir"
    dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null
    local devnum dev event
    devnum="$($CTL active-path mpatha)"
    dev="$(block_name "$devnum")"
    echo "$dev $devnum" > "$dir/path.txt"
    watch_dm_events mpatha "$dir/dm-events.txt"
    # what a client on the system bus sees of the failure (line-buffered: the monitor is killed at the end)
    stdbuf -oL gdbus monitor --system --dest org.mpathbus.Multipath1 > "$dir/gdbus-monitor.txt" 2>&1 &
    local monitor=$!
    wait_for 30 "gdbus monitor to watch org.mpathbus.Multipath1" grep -q "Monitoring signals" "$dir/gdbus-monitor.txt"
    echo "$EPOCHREALTIME" > "$dir/offline-time.txt"
    echo offline > "/sys/block/$dev/device/state"
    dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=1 iflag=direct 2> "$dir/dd.txt"
    wait_for 30 "the dm event of mpatha" dm_events_seen "$dir/dm-events.txt" 1
    wait_for 30 "the kernel to fail $dev" path_state_is mpatha "$devnum" F
    dmsetup status mpatha > "$dir/dmsetup-status-failed.txt"
    ask "$dir/daemon-events.json" "mpath:events --json 200" events \
        "any(e['kind'] == 'path-failed' and e['path'] == '$dev' for e in doc['events'])" 30
    ask "$dir/daemon-failed.json" "mpath:topology --json" maps \
        "any(p['dev'] == '$dev' and p['dm_st'] == 'failed' for m in doc['maps'] for g in m['path_groups'] for p in g['paths'])" 30
    # multipathd's view once its checker found the path faulty (group priorities over usable paths)
    wait_for 30 "multipathd's checker to find $dev faulty" multipathd_path_faulty "$dev"
    multipathd show maps json > "$dir/multipathd-failed.json"
    echo running > "/sys/block/$dev/device/state"
    wait_for 60 "multipathd to reinstate $dev" path_state_is mpatha "$devnum" A
    kill "$DM_WATCHER"
    ask "$dir/daemon-reinstated.json" "mpath:events --json 200" events \
        "any(e['kind'] == 'path-reinstated' and e['path'] == '$dev' for e in doc['events'])" 30
    wait_for 30 "gdbus monitor to show PathReinstated" grep -q "Map.PathReinstated" "$dir/gdbus-monitor.txt"
    kill "$monitor"
    step scenario-fail
}

# c) A path deleted and re-added; a map flushed and re-created; a new LUN added at run time.
scenario_changes() {
    local dir="$OUT/changes"
    mkdir -p "$dir"
    # A path of mpathb leaves: the SCSI device is deleted, multipathd reloads the map without it.
    local devnum dev hbtl host
    devnum="$(dmsetup table mpathb | grep -o '[0-9]*:[0-9]*' | tail -1)"
    dev="$(block_name "$devnum")"
    hbtl="$(basename "$(readlink -f "/sys/block/$dev/device")")"
    host="${hbtl%%:*}"
    echo "$dev $devnum $hbtl" > "$dir/deleted-path.txt"
    echo 1 > "/sys/block/$dev/device/delete"
    wait_for 60 "multipathd to drop $devnum from mpathb" paths_in_tables 3
    ask "$dir/daemon-path-deleted.json" "mpath:topology --json" maps \
        "all(p['dev'] != '$dev' for m in doc['maps'] for g in m['path_groups'] for p in g['paths'])" 30
    snapshot_dm "$dir" path-deleted-
    echo "- - -" > "/sys/class/scsi_host/host$host/scan"
    udevadm settle
    wait_for 60 "multipathd to take the rescanned path into mpathb" paths_in_tables 4
    ask "$dir/daemon-path-readded.json" "mpath:topology --json" maps \
        "sum(len(g['paths']) for m in doc['maps'] for g in m['path_groups']) == 4" 30
    snapshot_dm "$dir" path-readded-
    step scenario-path-readded

    # mpathb is flushed (multipathd removes it) and created again by multipath(8).
    local wwid
    wwid="$(dmsetup info -c --noheadings -o uuid mpathb | tr -d ' ')"
    echo "${wwid#mpath-}" > "$dir/flushed-map.txt"
    multipathd del map mpathb > "$dir/del-map.txt" 2>&1
    wait_for 60 "mpathb to be flushed" no_map_named mpathb
    ask "$dir/daemon-map-flushed.json" "mpath:events --json 200" events \
        "any(e['kind'] == 'map-removed' and e['uuid'] == '${wwid#mpath-}' for e in doc['events'])" 30
    multipathd add map "${wwid#mpath-}" > "$dir/add-map.txt" 2>&1
    if ! poll 20 maps_exactly 2; then
        multipath "${wwid#mpath-}" >> "$dir/add-map.txt" 2>&1
        wait_for 60 "mpathb to be created again by multipath(8)" maps_exactly 2
    fi
    ask "$dir/daemon-map-recreated.json" "mpath:topology --json" maps \
        "any(m['uuid'] == '${wwid#mpath-}' for m in doc['maps'])" 30
    snapshot_dm "$dir" map-recreated-
    step scenario-map-recreated

    # A third LUN appears on both hosts: scsi_debug grows max_luns, the hosts are rescanned.
    echo 3 > /sys/bus/pseudo/drivers/scsi_debug/max_luns
    for scsi_host in $(scsi_debug_hosts); do
        echo "- - -" > "$scsi_host/scan"
    done
    udevadm settle
    wait_for 60 "multipathd to build the new LUN's map" maps_exactly 3
    wait_for 60 "the new map's two paths" paths_in_tables 6
    ask "$dir/daemon-new-lun.json" "mpath:topology --json" maps \
        "len(doc['maps']) == 3 and sum(len(g['paths']) for m in doc['maps'] for g in m['path_groups']) == 6" 30
    snapshot_dm "$dir" new-lun-
    multipathd show maps json > "$dir/new-lun-multipathd.json"
    step scenario-new-lun
}

host_paths_in_state() { # FILE A|F: every path listed in FILE (dev maj:min map) in that kernel state
    local dev devnum map
    while read -r dev devnum map; do
        path_state_is "$map" "$devnum" "$2" || return 1
    done < "$1"
}

host_paths_checked() { # FILE faulty|ready: multipathd's checker has every path listed in FILE in that state
    local dev rest
    while read -r dev rest; do
        multipathd show paths format "%d %T" | grep -q "^$dev *$2" || return 1
    done < "$1"
}

dbus_paths_failed_count() { # FILE COUNT: gdbus monitor's output holds COUNT PathFailed
    (($(grep -c 'Map.PathFailed' "$1") >= $2))
}

dbus_paths_reinstated_count() { # FILE COUNT
    (($(grep -c 'Map.PathReinstated' "$1") >= $2))
}

# d) A host port goes down: every path of one scsi_debug host offline in one loop, I/O through every map;
# the kernel fails them all, the daemon reports every one, multipathd agrees; then they all come back.
host_views() { # DIR NAME CONDITION: the daemon's topology once CONDITION holds, then the bus's and multipathd's
    ask "$1/daemon-$2.json" "mpath:topology --json" maps "$3" 30
    busctl --system --json=short call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.freedesktop.DBus.ObjectManager GetManagedObjects > "$1/managed-objects-$2.json" \
        || fail "GetManagedObjects on the system bus failed"
    multipathd show maps json > "$1/multipathd-$2.json"
}

scenario_host_fails() {
    local dir="$OUT/host"
    mkdir -p "$dir"
    local scsi_host host disk hbtl devnum map count
    scsi_host="$(scsi_debug_hosts | head -1)"
    host="${scsi_host##*/host}"
    : > "$dir/host-paths.txt"
    for disk in /sys/block/sd*; do
        hbtl="$(basename "$(readlink -f "$disk/device")")"
        [[ "${hbtl%%:*}" == "$host" ]] || continue
        devnum="$(cat "$disk/dev")"
        map="$(multipath_tables | grep " $devnum " | cut -d: -f1)"
        [[ -n "$map" ]] && echo "$(basename "$disk") $devnum $map" >> "$dir/host-paths.txt"
    done
    count="$(wc -l < "$dir/host-paths.txt")"
    ((count > 0)) || { fail "no mapped path on scsi_debug host $host"; return; }
    stdbuf -oL gdbus monitor --system --dest org.mpathbus.Multipath1 > "$dir/gdbus-monitor.txt" 2>&1 &
    local monitor=$!
    wait_for 30 "gdbus monitor to watch org.mpathbus.Multipath1" grep -q "Monitoring signals" "$dir/gdbus-monitor.txt"
    echo "$EPOCHREALTIME" > "$dir/offline-time.txt"
    for disk in $(cut -d' ' -f1 "$dir/host-paths.txt"); do
        echo offline > "/sys/block/$disk/device/state"
    done
    for map in $(multipath_tables | cut -d: -f1); do
        dd if="/dev/mapper/$map" of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null &
    done
    wait_for 60 "the kernel to fail the $count paths of host $host" host_paths_in_state "$dir/host-paths.txt" F
    echo "$EPOCHREALTIME" > "$dir/failed-time.txt"
    wait_for 60 "$count PathFailed on the system bus" dbus_paths_failed_count "$dir/gdbus-monitor.txt" "$count"
    wait_for 60 "multipathd's checker to find the $count paths faulty" host_paths_checked "$dir/host-paths.txt" faulty
    host_views "$dir" failed \
        "sum(1 for m in doc['maps'] for g in m['path_groups'] for p in g['paths'] if p['dm_st'] == 'failed') == $count"
    step scenario-host-failed
    for disk in $(cut -d' ' -f1 "$dir/host-paths.txt"); do
        echo running > "/sys/block/$disk/device/state"
    done
    wait_for 90 "multipathd to reinstate the $count paths of host $host" host_paths_in_state "$dir/host-paths.txt" A
    wait_for 60 "$count PathReinstated on the system bus" dbus_paths_reinstated_count "$dir/gdbus-monitor.txt" "$count"
    wait_for 60 "multipathd's checker to find the $count paths ready" host_paths_checked "$dir/host-paths.txt" ready
    host_views "$dir" restored \
        "all(p['dm_st'] == 'active' for m in doc['maps'] for g in m['path_groups'] for p in g['paths'])"
    kill "$monitor"
    step scenario-host-restored
}

# write_conf < SECTIONS: the lab's multipath.conf, its blacklist section left open for the sections read
write_conf() {
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
    polling_interval 5
}
blacklist {
    devnode "^(vd|loop|ram)"
CONF
    cat >> /etc/multipath.conf
}

# config_variant NAME MAPS PATHS: multipathd reconfigured with the variant; what multipath-tools and the
# daemon conclude from it, into $OUT/config/NAME
config_variant() {
    local dir="$OUT/config/$1"
    mkdir -p "$dir"
    cp /etc/multipath.conf "$dir/multipath.conf"
    multipathd reconfigure > "$dir/reconfigure.txt" 2>&1
    wait_for 60 "multipathd to settle on $2 maps with $3 paths ($1)" maps_and_paths "$2" "$3"
    multipath -t > "$dir/multipath-t.txt" 2>&1
    multipathd show config > "$dir/show-config.txt" 2>&1
    multipathd show blacklist > "$dir/show-blacklist.txt" 2>&1
    multipathd show paths raw format "%d %w %c %T" > "$dir/show-paths.txt" 2>&1
    multipathd show maps json > "$dir/multipathd.json"
    ask "$dir/daemon-config.json" "mpath:config --json --reload" generation "True" 30
    ask "$dir/daemon-paths.json" "mpath:config --json --paths" rows \
        "len(doc['rows']) == $(ls /sys/block | grep -c '^sd')" 30
    step "config-$1"
}

maps_and_paths() { # MAPS PATHS
    maps_exactly "$1" && paths_in_tables "$2"
}

# Issue 6's lab part: a couple of multipath.conf variants evaluated by multipath-tools and by the daemon.
scenario_config() {
    mkdir -p "$OUT/config"
    local wwids first dev
    mapfile -t wwids < <(dmsetup info -c --noheadings -o uuid | grep '^mpath-' | sed 's/^mpath-//' | sort)
    ((${#wwids[@]} == 3)) || { fail "scenario_config expects 3 maps, found ${wwids[*]}"; return; }
    first="$(dmsetup info -c --noheadings -o name,uuid --separator ' ' | awk -v u="mpath-${wwids[0]}" '$2 == u {print $1}')"
    dev="$(block_name "$(dmsetup table "$first" | grep -o '[0-9]*:[0-9]*' | head -1)")"
    # 1: a devnode (one path of the first LUN) and two WWIDs blacklisted, one of them excepted
    write_conf << CONF
    devnode "^$dev\$"
    wwid "^(${wwids[1]}|${wwids[2]})\$"
}
blacklist_exceptions {
    wwid "^${wwids[1]}\$"
}
CONF
    config_variant blacklist 2 3
    # 2: a device section for scsi_debug choosing the checker and no_path_retry; a polling interval.
    # detect_checker no: with the default yes, multipathd picks tur for ALUA paths whatever path_checker says.
    write_conf << 'CONF'
}
devices {
    device {
        vendor "Linux"
        product "scsi_debug"
        detect_checker no
        path_checker directio
        no_path_retry 3
    }
}
CONF
    sed -i 's/polling_interval 5/polling_interval 7/' /etc/multipath.conf
    config_variant device 3 6
    echo "}" | write_conf
    multipathd reconfigure > /dev/null 2>&1
    wait_for 60 "multipathd to settle on 3 maps with 6 paths again" maps_and_paths 3 6
    ask "$OUT/config/daemon-restored.json" "mpath:config --json --reload" generation "True" 30
    step scenario-config
}

# Benchmarks: the SAN grows at run time to 64 paths (4 hosts x 16 LUNs) in 16 maps, and the source reads
# them all; then dm event to engine event latency over fail/reinstate cycles sent as dm messages. For
# these, multipathd and udev are stopped and the maps are made with dmsetup: under emulation udev alone
# needs minutes for 58 new disks, and multipathd would reinstate paths behind the benchmark's back.
# (scsi_debug cannot simply be reloaded: the daemon's checkers hold its disks open.)
benchmarks() {
    local dir="$OUT/bench"
    mkdir -p "$dir"
    stop_multipathd
    udevadm control --exit
    for map in $(multipath_tables | cut -d: -f1); do
        DM_DISABLE_UDEV=1 dmsetup remove --noudevsync "$map" || fail "dmsetup remove $map failed"
    done
    step bench-san-start
    echo 16 > /sys/bus/pseudo/drivers/scsi_debug/max_luns
    for scsi_host in $(scsi_debug_hosts); do
        echo "- - -" > "$scsi_host/scan"
    done
    echo 2 > /sys/bus/pseudo/drivers/scsi_debug/add_host
    wait_for 120 "64 SCSI disks" sd_disks 64
    $CTL create-bench-maps > "$dir/create-maps.txt" 2>&1 || fail "creating the benchmark maps failed"
    wait_for 30 "16 maps of 64 paths" paths_in_tables 64
    step bench-san-ready
    ask "$dir/daemon-64.json" "mpath:topology --json" maps \
        "sum(len(g['paths']) for m in doc['maps'] for g in m['path_groups']) == 64" 120
    step bench-daemon-followed
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$LAB_CLASSPATH" org.mpathbus.lab.ReadAllMapsBenchmark 15 \
        > "$dir/read-all-maps.txt" 2> "$dir/read-all-maps.err" || fail "ReadAllMapsBenchmark failed"
    step bench-read
    local map devnum cycle events=0
    map="$(multipath_tables | head -1 | cut -d: -f1)"
    devnum="$(dmsetup table "$map" | grep -o '[0-9]*:[0-9]*' | head -1)"
    echo "$(block_name "$devnum") $devnum $map" > "$dir/latency-path.txt"
    : > "$dir/latency-cycles.txt"
    ask "$dir/latency-before.json" "mpath:events --json 1" events "True" 30
    local before
    before="$(python3 -c 'import json,sys; e=json.load(sys.stdin)["events"]; print(e[-1]["sequence"] if e else 0)' < "$dir/latency-before.json")"
    watch_dm_events "$map" "$dir/dm-events.txt"
    local dev kind last="$before"
    dev="$(block_name "$devnum")"
    for cycle in $(seq 1 "$LAB_LATENCY_CYCLES"); do
        for message in fail_path reinstate_path; do
            echo "$cycle $message $EPOCHREALTIME" >> "$dir/latency-cycles.txt"
            dmsetup message "$map" 0 "$message" "$devnum"
            events=$((events + 1))
            wait_for 30 "the dm event of $message" dm_events_seen "$dir/dm-events.txt" "$events"
            # The next message waits for the daemon's event: a fail and a reinstatement that both land
            # between two reads of the map would show only as a higher fail count.
            kind=path-failed
            [[ "$message" == reinstate_path ]] && kind=path-reinstated
            ask "$dir/latency-answer.json" "mpath:events --json 10" events \
                "any(e['sequence'] > $last and e['kind'] == '$kind' and e['path'] == '$dev' for e in doc['events'])" 30
            last="$(python3 -c "import json,sys; print(max(e['sequence'] for e in json.load(sys.stdin)['events'] if e['kind'] == '$kind'))" \
                < "$dir/latency-answer.json")"
        done
    done
    ask "$dir/latency-events.json" "mpath:events --json 1000" events \
        "sum(1 for e in doc['events'] if e['sequence'] > $before and e['kind'] in ('path-failed', 'path-reinstated')) >= 2 * $LAB_LATENCY_CYCLES" 60
    kill "$DM_WATCHER"
    step bench-latency
}

setup_machine
start_san 2 2 16
start_multipathd 2 4
step san-ready
start_daemon
scenario_agree
scenario_kernel_fails_path
scenario_changes
scenario_host_fails
scenario_config
if [[ "$LAB_BENCHMARKS" == true ]]; then
    benchmarks
fi
echo 'mpath:events --json 1000' >&3
exec 3>&-
wait "$DAEMON_PID"
step done
sync
