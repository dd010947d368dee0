#!/bin/bash
# The control lab's scenario (issue 11), run by ControlLabIT in a guest of its own: every operation of the
# control interfaces done twice on the same maps, first with multipathd's CLI and then through the daemon
# on the system bus (gdbus call as root), each timed from the call to its reply and to the dm change it
# causes (controlctl.py timed, into ops.jsonl), with dm's and multipathd's views saved after each; a bus
# monitor (controlctl.py watch, bus.jsonl) timestamps the calls, replies and signals. Then calls as nobody,
# and multipathd stopped with SIGSTOP. Same conventions as suite.sh: results under /lab-out, waits poll a
# condition with a deadline, a failed step goes to errors.txt and the run goes on.
set -u -o pipefail
trap '' PIPE
OUT=/lab-out
# shellcheck source=/dev/null
source "$OUT/lab.env"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
CC="/usr/bin/python3 $LAB_GUEST/controlctl.py"
SCSI_DEBUG=/sys/bus/pseudo/drivers/scsi_debug
BUS=org.mpathbus.Multipath1
ROOT=/org/mpathbus/Multipath1
# the deadline given to each D-Bus write (its "timeout" option), and to a write while multipathd is stopped
WRITE_TIMEOUT=30
# a D-Bus method call as a client makes it: "${GDBUS[@]}" --object-path OBJECT --method INTERFACE.METHOD ARGS...
GDBUS=(gdbus call --system --timeout 120 --dest $BUS)
STOPPED_TIMEOUT=5

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

multipath_tables() {
    dmsetup table --target multipath 2> /dev/null | grep ': 0 '
}

maps_exactly() {
    (($(multipath_tables | wc -l) == $1))
}

paths_in_tables() {
    (($(multipath_tables | grep -o ' [0-9]*:[0-9]* ' | wc -l) == $1))
}

block_name() { # MAJ:MIN
    basename "$(readlink -f "/sys/dev/block/$1")"
}

setup_machine() {
    step boot
    mount -t tmpfs tmpfs /run
    ln -sf /proc/self/fd /dev/fd
    mkdir -p /run/dbus /run/udev
    cp "$LAB_HOME"/packaging/dbus/*.conf /etc/dbus-1/system.d/ 2> /dev/null || fail "the distribution has no D-Bus policy"
    # The polkit actions, installed as a package installs them: the system bus activates this machine's
    # polkitd when the daemon first asks it.
    cp "$LAB_HOME"/packaging/polkit/*.policy /usr/share/polkit-1/actions/ 2> /dev/null \
        || fail "the distribution has no polkit actions"
    dbus-daemon --system --fork || fail "dbus-daemon did not start"
    modprobe -a dm_multipath dm_round_robin dm_service_time dm_queue_length scsi_dh_alua sd_mod sg \
        || fail "modprobe of the dm and SCSI modules failed"
    # no_path_retry queue: the maps queue (queue_if_no_path), so that disabling and restoring it shows
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
    polling_interval 5
    no_path_retry queue
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
    step san-ready
}

# The shipped options with writes turned on, as an administrator turns them on: the control exporter's
# configuration in etc/ (the guest's overlay copy of the daemon).
start_daemon() {
    local cfg="$LAB_HOME/etc/org.mpathbus.exporter.dbus.control.cfg"
    [[ -f "$cfg" ]] || fail "the distribution has no $cfg"
    echo "enabled = true" >> "$cfg"
    mkfifo /run/mpathbus.in
    env -u JAVA_OPTS "$LAB_HOME/bin/mpathbusd" --source=devmapper < /run/mpathbus.in > "$OUT/daemon.out" 2>&1 &
    DAEMON_PID=$!
    exec 3> /run/mpathbus.in
    step daemon-started
}

start_bus_watch() {
    $CC watch "$OUT/bus.jsonl" 2> "$OUT/bus-watch.err" &
    WATCH_PID=$!
    wait_for 30 "the bus monitor" grep -q '"ready"' "$OUT/bus.jsonl"
}

dbus_map_count_is() { # COUNT
    busctl --system --json=short get-property $BUS $ROOT $BUS.Manager Maps \
        | python3 -c "import json,sys; sys.exit(len(json.load(sys.stdin)['data']) != $1)"
}

control_exported() {
    busctl --system introspect $BUS $ROOT | grep -q "$BUS.ManagerControl"
}

# dm's view and multipathd's of the maps after an operation, into DIR/NAME-*
views() { # DIR NAME
    multipathd show maps json > "$1/$2-multipathd.json" 2>&1
    multipathd show maps format "%n %w %Q %N %S %f" > "$1/$2-show-maps.txt" 2>&1
    multipathd show paths format "%d %D %m %t %o %T" > "$1/$2-show-paths.txt" 2>&1
    multipath -ll > "$1/$2-multipath-ll.txt" 2>&1
    dmsetup table --target multipath > "$1/$2-dmsetup-table.txt"
    dmsetup status --target multipath > "$1/$2-dmsetup-status.txt"
}

# op SIDE NAME MAP CONDITION COMMAND...: COMMAND timed to its reply and to CONDITION over dm's view of
# MAP (controlctl.py's MapView m), then the views
op() {
    local side="$1" name="$2" map="$3" condition="$4"
    shift 4
    mkdir -p "$OUT/$side"
    $CC timed "$OUT/ops.jsonl" "$side:$name" "$map" "$condition" 30 -- "$@" > "$OUT/$side/$name-reply.txt" 2>&1 \
        || fail "$side $name: dm never showed $condition (reply: $(tr '\n' ' ' < "$OUT/$side/$name-reply.txt"))"
    views "$OUT/$side" "$name"
}


options() { # SECONDS
    echo "{'timeout': <uint32 $1>}"
}

# get SIDE NAME OBJECT INTERFACE PROPERTY: a property read right after a reply (the call returns once the
# exported objects show its effect)
get() {
    busctl --system get-property $BUS "$3" "$BUS.$4" "$5" > "$OUT/$1/$2-get-$5.txt" 2>&1
}

io_through() { # MAP: one direct read, so that the kernel activates the next group
    dd if="/dev/mapper/$1" of=/dev/null bs=4096 count=1 iflag=direct 2> /dev/null
}

grow_luns() { # GIB MAP: scsi_debug reports GIB GiB per LUN; the map's paths are rescanned
    echo "$1" > $SCSI_DEBUG/virtual_gb
    local devnum
    for devnum in $(dmsetup table "$2" | grep -o '[0-9]*:[0-9]*'); do
        echo 1 > "/sys/block/$(block_name "$devnum")/device/rescan"
    done
    udevadm settle
    local expected=$(($1 * 2097152)) disk
    for devnum in $(dmsetup table "$2" | grep -o '[0-9]*:[0-9]*'); do
        disk="$(block_name "$devnum")"
        wait_for 30 "$disk to read $expected sectors" grep -qx "$expected" "/sys/block/$disk/size"
    done
}

map_wwid() { # MAP
    dmsetup info -c --noheadings -o uuid "$1" | tr -d ' ' | sed 's/^mpath-//'
}

# The targets: P, mpatha's first path (in its first group), and Q, mpathb's last.
pick_targets() {
    P_DEVNUM="$(dmsetup table mpatha | grep -o '[0-9]*:[0-9]*' | head -1)"
    P="$(block_name "$P_DEVNUM")"
    Q_DEVNUM="$(dmsetup table mpathb | grep -o '[0-9]*:[0-9]*' | tail -1)"
    Q="$(block_name "$Q_DEVNUM")"
    B_WWID="$(map_wwid mpathb)"
    wait_for 300 "the daemon to export 2 maps" dbus_map_count_is 2
    MAP_A="$(busctl --system call $BUS $ROOT $BUS.Manager Lookup s mpatha | cut -d'"' -f2)"
    echo "P=$P P_DEVNUM=$P_DEVNUM Q=$Q Q_DEVNUM=$Q_DEVNUM B_WWID=$B_WWID" > "$OUT/targets.env"
    multipathd show wildcards > "$OUT/multipathd-wildcards.txt" 2>&1
    views "$OUT" initial
}

# mpathb back after a flush: multipathd add map, else multipath(8) creates it
recreate_mpathb() {
    multipathd add map "$B_WWID" > "$OUT/$1/recreate-mpathb.txt" 2>&1
    if ! poll 20 maps_exactly 2; then
        multipath "$B_WWID" >> "$OUT/$1/recreate-mpathb.txt" 2>&1
        wait_for 60 "mpathb to be created again" maps_exactly 2
    fi
    wait_for 60 "mpathb's 2 paths" paths_in_tables 4
}

# Back to the first group with I/O through it, after a switch (not timed)
back_to_group_1() {
    multipathd switchgroup map mpatha group 1 > /dev/null
    io_through mpatha
    wait_for 30 "mpatha's group 1 to be active again" dm_holds mpatha "m.group_state(1) == 'A'"
}

dm_holds() { # MAP CONDITION: CONDITION over controlctl.py's MapView m of MAP
    [[ "$($CC view "$1" "$2")" == True ]]
}

# The operations through multipathd's CLI, as os-brick and vdsm do them today.
cli_operations() {
    local side=cli dir="$OUT/cli"
    mkdir -p "$dir"
    op $side fail mpatha "m.path_state('$P_DEVNUM') == 'F'" multipathd fail path "$P"
    op $side reinstate mpatha "m.path_state('$P_DEVNUM') == 'A'" multipathd reinstate path "$P"
    # while P was failed, I/O (udev's, after the dm event) moved the kernel to group 2
    back_to_group_1
    op $side switchgroup mpatha "m.next_group() == 2" multipathd switchgroup map mpatha group 2
    io_through mpatha
    wait_for 30 "group 2 of mpatha to be active after I/O" dm_holds mpatha "m.group_state(2) == 'A'"
    views "$dir" switchgroup-after-io
    back_to_group_1
    op $side disablequeueing mpatha "'queue_if_no_path' not in m.features()" multipathd disablequeueing map mpatha
    op $side restorequeueing mpatha "'queue_if_no_path' in m.features()" multipathd restorequeueing map mpatha
    op $side flush mpathb "not m.exists" multipathd del map mpathb
    recreate_mpathb $side
    exec 4< /dev/mapper/mpatha
    op $side flush-open mpatha "True" multipathd del map mpatha
    exec 4<&-
    grow_luns 1 mpatha
    views "$dir" grown
    op $side resize mpatha "m.sectors == 2097152" multipathd resize map mpatha
    op $side remove mpathb "'$Q_DEVNUM' not in m.table_paths()" multipathd del path "$Q"
    op $side add mpathb "'$Q_DEVNUM' in m.table_paths()" multipathd add path "$Q"
    step cli-done
}

# The same operations through the daemon on the system bus
dbus_operations() {
    local side=dbus dir="$OUT/dbus"
    mkdir -p "$dir"
    wait_for 60 "the daemon's control interfaces on the system bus" control_exported || return
    wait_for 60 "the daemon to export 2 maps" dbus_map_count_is 2 || return
    local path_p="$ROOT/paths/$P" path_q="$ROOT/paths/$Q" map_a="$MAP_A" map_b
    map_b="$(busctl --system call $BUS $ROOT $BUS.Manager Lookup s mpathb | cut -d'"' -f2)"
    echo "PATH_P=$path_p PATH_Q=$path_q MAP_A=$map_a MAP_B=$map_b" > "$OUT/objects.env"
    # The first call after boot has the bus activate polkitd: timed apart, with a change that changes nothing
    op $side first-call mpatha "'queue_if_no_path' in m.features()" \
        "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.SetQueueing true "$(options $WRITE_TIMEOUT)"
    op $side fail mpatha "m.path_state('$P_DEVNUM') == 'F'" "${GDBUS[@]}" --object-path "$path_p" --method $BUS.PathControl.Fail "$(options $WRITE_TIMEOUT)"
    get $side fail "$path_p" Path DmState
    op $side reinstate mpatha "m.path_state('$P_DEVNUM') == 'A'" \
        "${GDBUS[@]}" --object-path "$path_p" --method $BUS.PathControl.Reinstate "$(options $WRITE_TIMEOUT)"
    get $side reinstate "$path_p" Path DmState
    back_to_group_1
    # The kernel activates a group at I/O, and moves its next group back, without a dm event: a refresh lets
    # the daemon see group 1 next and active before the switch, so that NextPathGroup's change shows it.
    busctl --system call $BUS $ROOT $BUS.Manager Refresh > /dev/null
    op $side switchgroup mpatha "m.next_group() == 2" \
        "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.SwitchGroup "$map_a/groups/2" "$(options $WRITE_TIMEOUT)"
    get $side switchgroup "$map_a" Map NextPathGroup
    io_through mpatha
    wait_for 30 "group 2 of mpatha to be active after I/O" dm_holds mpatha "m.group_state(2) == 'A'"
    views "$dir" switchgroup-after-io
    busctl --system call $BUS $ROOT $BUS.Manager Refresh > /dev/null
    get $side switchgroup-after-io "$map_a" Map ActivePathGroup
    back_to_group_1
    op $side disablequeueing mpatha "'queue_if_no_path' not in m.features()" \
        "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.SetQueueing false "$(options $WRITE_TIMEOUT)"
    get $side disablequeueing "$map_a" Map Queueing
    op $side restorequeueing mpatha "'queue_if_no_path' in m.features()" \
        "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.SetQueueing true "$(options $WRITE_TIMEOUT)"
    get $side restorequeueing "$map_a" Map Queueing
    op $side flush mpathb "not m.exists" "${GDBUS[@]}" --object-path "$map_b" --method $BUS.MapControl.Flush "$(options $WRITE_TIMEOUT)"
    busctl --system --json=short get-property $BUS $ROOT $BUS.Manager Maps > "$dir/flush-get-Maps.txt" 2>&1
    recreate_mpathb $side
    wait_for 60 "the daemon to export mpathb again" dbus_map_count_is 2
    exec 4< /dev/mapper/mpatha
    op $side flush-open mpatha "True" "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.Flush "$(options $WRITE_TIMEOUT)"
    exec 4<&-
    grow_luns 2 mpatha
    views "$dir" grown
    op $side resize mpatha "m.sectors == 4194304" "${GDBUS[@]}" --object-path "$map_a" --method $BUS.MapControl.Resize "$(options $WRITE_TIMEOUT)"
    get $side resize "$map_a" Map SizeBytes
    op $side remove mpathb "'$Q_DEVNUM' not in m.table_paths()" \
        "${GDBUS[@]}" --object-path "$path_q" --method $BUS.PathControl.Remove "$(options $WRITE_TIMEOUT)"
    get $side remove "$path_q" Path Map
    op $side add mpathb "'$Q_DEVNUM' in m.table_paths()" \
        "${GDBUS[@]}" --object-path $ROOT --method $BUS.ManagerControl.AddPath "$Q" "$(options $WRITE_TIMEOUT)"
    get $side add "$path_q" Path Map
    step dbus-done
}

# nobody_calls DIR: control calls as user nobody, and a read
nobody_calls() {
    local nobody=(env HOME=/ setpriv --reuid=65534 --regid=65534 --clear-groups)
    "${nobody[@]}" "${GDBUS[@]}" --object-path "$ROOT/paths/$P" \
        --method $BUS.PathControl.Fail "$(options $WRITE_TIMEOUT)" > "$1/fail.txt" 2>&1
    "${nobody[@]}" "${GDBUS[@]}" --object-path "$MAP_A" \
        --method $BUS.MapControl.SetQueueing false "$(options $WRITE_TIMEOUT)" > "$1/setqueueing.txt" 2>&1
    "${nobody[@]}" "${GDBUS[@]}" --object-path $ROOT \
        --method $BUS.ManagerControl.Reconfigure "{'timeout': <uint32 $WRITE_TIMEOUT>, 'auth.no_user_interaction': <true>}" \
        > "$1/reconfigure.txt" 2>&1
    "${nobody[@]}" busctl --system --json=short call $BUS $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects \
        > "$1/read.json" 2> "$1/read.err"
    views "$1" after
}

# As user nobody: first with this machine's polkitd (the shipped actions: auth_admin_keep, and no agent runs),
# then with no polkit authority on the bus (its activation file hidden, polkitd stopped): root only. dm
# must not change; root may still.
denied_operations() {
    local dir="$OUT/nobody"
    mkdir -p "$dir/polkit" "$dir/no-polkit"
    nobody_calls "$dir/polkit"
    local polkitd
    polkitd="$(busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
        GetConnectionUnixProcessID s org.freedesktop.PolicyKit1 2> /dev/null | cut -d' ' -f2)"
    mkdir -p /run/hidden-services
    mv /usr/share/dbus-1/system-services/org.freedesktop.PolicyKit1.service /run/hidden-services/
    busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ReloadConfig
    [[ -n "$polkitd" ]] && kill "$polkitd"
    wait_for 30 "polkitd to leave the bus" no_polkit
    nobody_calls "$dir/no-polkit"
    op no-polkit fail mpatha "m.path_state('$P_DEVNUM') == 'F'" \
        "${GDBUS[@]}" --object-path "$ROOT/paths/$P" --method $BUS.PathControl.Fail "$(options $WRITE_TIMEOUT)"
    op no-polkit reinstate mpatha "m.path_state('$P_DEVNUM') == 'A'" \
        "${GDBUS[@]}" --object-path "$ROOT/paths/$P" --method $BUS.PathControl.Reinstate "$(options $WRITE_TIMEOUT)"
    step nobody-done
}

polkitd_pid() {
    busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
        GetConnectionUnixProcessID s org.freedesktop.PolicyKit1 2> /dev/null | cut -d' ' -f2
}

polkitd_gone() { # nobody owns polkit's name (the bus may still activate it)
    ! busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus NameHasOwner \
        s org.freedesktop.PolicyKit1 | grep -q true
}

# restart_polkitd: polkitd stopped, so that the bus activates a new one that reads the actions afresh
restart_polkitd() {
    local pid
    pid="$(polkitd_pid)"
    [[ -n "$pid" ]] && kill "$pid"
    wait_for 30 "polkitd to leave the bus" polkitd_gone
}

# As root, with this machine's polkitd running and our actions not installed (a host where the package's
# policy file is missing): polkitd answers "not registered" for our actions, and root must still be served.
root_without_policy() {
    local dir="$OUT/no-policy"
    mkdir -p "$dir" /run/hidden-policy
    mv /usr/share/polkit-1/actions/org.mpathbus.multipath1.policy /run/hidden-policy/
    restart_polkitd
    ls /usr/share/polkit-1/actions > "$dir/actions.txt"
    # polkitd running before the call (pkcheck has the bus activate it), and what it says of our action
    pkcheck --action-id org.mpathbus.multipath1.manage-paths --process $$ > "$dir/pkcheck.txt" 2>&1
    polkitd_pid > "$dir/polkitd-before.txt"
    op no-policy fail mpatha "m.path_state('$P_DEVNUM') == 'F'" \
        "${GDBUS[@]}" --object-path "$ROOT/paths/$P" --method $BUS.PathControl.Fail "$(options $WRITE_TIMEOUT)"
    polkitd_pid > "$dir/polkitd-after.txt"
    op no-policy reinstate mpatha "m.path_state('$P_DEVNUM') == 'A'" \
        "${GDBUS[@]}" --object-path "$ROOT/paths/$P" --method $BUS.PathControl.Reinstate "$(options $WRITE_TIMEOUT)"
    mv /run/hidden-policy/org.mpathbus.multipath1.policy /usr/share/polkit-1/actions/
    restart_polkitd
    step no-policy-done
}

no_polkit() { # no owner of polkit's name, and nothing that activates it
    ! busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus NameHasOwner \
        s org.freedesktop.PolicyKit1 | grep -q true \
        && ! busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ListActivatableNames \
        | grep -q org.freedesktop.PolicyKit1
}

fail_calls() { # how many Fail calls the bus monitor has seen
    grep -c '"type": "call".*"member": "Fail"' "$OUT/bus.jsonl"
}

fail_calls_above() { # COUNT
    (($(fail_calls) > $1))
}

# multipathd stopped (SIGSTOP): the CLI, then a D-Bus write with a short deadline while reads go on.
stopped_multipathd() {
    local dir="$OUT/stopped"
    mkdir -p "$dir"
    views "$dir" before
    kill -STOP "$MULTIPATHD_PID"
    echo "$EPOCHREALTIME" > "$dir/stopped-at.txt"
    # the CLI's own deadline (uxsock_timeout); no views while multipathd is stopped: each would wait as long
    $CC timed "$OUT/ops.jsonl" "stopped:cli-fail" mpatha "True" 30 -- multipathd fail path "$P" > "$dir/cli-fail-reply.txt" 2>&1
    local calls
    calls="$(fail_calls)"
    $CC timed "$OUT/ops.jsonl" "stopped:dbus-fail" mpatha "True" 30 -- \
        "${GDBUS[@]}" --object-path "$ROOT/paths/$P" --method $BUS.PathControl.Fail "$(options $STOPPED_TIMEOUT)" > "$dir/dbus-fail-reply.txt" 2>&1 &
    local write=$!
    # the reads, while the write waits for multipathd
    wait_for 10 "the stopped-multipathd Fail call on the bus" fail_calls_above "$calls"
    $CC timed "$OUT/ops.jsonl" "stopped:read-managed-objects" mpatha "True" 30 -- \
        busctl --system --json=short call $BUS $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects \
        > "$dir/read-managed-objects.json" 2>&1
    $CC timed "$OUT/ops.jsonl" "stopped:read-get" mpatha "True" 30 -- \
        busctl --system get-property $BUS "$ROOT/paths/$P" $BUS.Path DmState > "$dir/read-get.txt" 2>&1
    wait "$write"
    kill -CONT "$MULTIPATHD_PID"
    echo "$EPOCHREALTIME" > "$dir/continued-at.txt"
    # what multipathd does with the commands it read late (facts for the README)
    sleep 3
    views "$dir" after-continue
    multipathd reinstate path "$P" > "$dir/reinstate-after.txt" 2>&1
    wait_for 30 "$P to be active again" dm_holds mpatha "m.path_state('$P_DEVNUM') == 'A'"
    step stopped-done
}

setup_machine
start_daemon
start_bus_watch
pick_targets
cli_operations
dbus_operations
root_without_policy
denied_operations
stopped_multipathd
kill "$WATCH_PID"
echo 'mpath:events --json 1000' >&3
exec 3>&-
wait "$DAEMON_PID"
step done
sync
