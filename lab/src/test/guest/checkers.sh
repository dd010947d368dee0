#!/bin/bash
# The path checkers' lab scenarios (issue 4), run by CheckerLabIT in a guest of its own: the daemon
# (--source=devmapper) beside multipathd on scsi_debug paths, first with the tur checker, then with
# directio: healthy, offline and restored, commands timing out, then the TUR benchmark at 64 paths and a
# deleted device. Same conventions as suite.sh: results under /lab-out, one folder per scenario, waits
# poll a condition with a deadline, a failed step goes to errors.txt and the run goes on.
set -u -o pipefail
trap '' PIPE
OUT=/lab-out
# shellcheck source=/dev/null
source "$OUT/lab.env"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
CTL="/usr/bin/python3 $LAB_GUEST/labctl.py"
SCSI_DEBUG=/sys/bus/pseudo/drivers/scsi_debug
CHECKS_CFG="$LAB_HOME/etc/org.mpathbus.core.checks.cfg"
# The daemon checks every POLL seconds without backing off, and gives a check CHECK_TIMEOUT seconds.
POLL=2
CHECK_TIMEOUT=3
# While scsi_debug ignores every EVERY_NTH-th command (of all its devices; a few paths time out), how
# long the other paths' cadence is measured.
EVERY_NTH=20
TIMEOUT_WINDOW=20

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

ask() { # FILE COMMAND KEY CONDITION SECONDS
    $CTL ask "$2" "$3" "$4" "$5" > "$1" || { fail "the daemon never answered '$2' with $4"; return 1; }
}

paths_in_tables() {
    (($(dmsetup table --target multipath 2> /dev/null | grep -o ' [0-9]*:[0-9]* ' | wc -l) == $1))
}

maps_exactly() {
    (($(dmsetup table --target multipath 2> /dev/null | grep -c ': 0 ') == $1))
}

multipathd_says() { # DEV CHK_ST: multipathd's checker state of one path
    multipathd show paths raw format "%d %T" | grep -q "^$1 $2 *$"
}

path_devices() {
    dmsetup table --target multipath | grep -o ' [0-9]*:[0-9]* ' | while read -r devnum; do
        basename "$(readlink -f "/sys/dev/block/$devnum")"
    done | sort
}

io_counts() { # FILE: each path's count of SCSI commands sent, and when it was read
    for dev in $(path_devices); do
        echo "$dev $(($(cat "/sys/block/$dev/device/iorequest_cnt"))) $EPOCHREALTIME"
    done > "$1"
}

scsi_debug_delay() { # JIFFIES: scsi_debug refuses a new delay (EBUSY) while it has commands queued
    echo "$1" 2> /dev/null > "$SCSI_DEBUG/delay" && (($(cat "$SCSI_DEBUG/delay") == $1))
}

use_checker() { # NAME: the daemon's default_checker; FileInstall applies the file within a second
    cat > "$CHECKS_CFG" << CFG
polling_interval = $POLL
max_polling_interval = $POLL
checker_timeout = $CHECK_TIMEOUT
default_checker = $1
CFG
}

all_paths() { # CHECKER CHK_ST COUNT: a condition over the daemon's mpath:paths --json
    echo "len(doc['paths']) == $3 and all(p['checker'] == '$1' and p['chk_st'] == '$2' for p in doc['paths'])"
}

path_is() { # DEV CHK_ST
    echo "any(p['dev'] == '$1' and p['chk_st'] == '$2' for p in doc['paths'])"
}

setup_machine() {
    step boot
    mount -t tmpfs tmpfs /run
    # no tmpfs on /tmp: a checkout under /tmp (as CI's may be) would vanish beneath it
    ln -sf /proc/self/fd /dev/fd
    mkdir -p /run/dbus /run/udev
    # the daemon's bus policy, when the distribution has one, lets its exporter own its name quietly
    cp "$LAB_HOME"/packaging/dbus/*.conf /etc/dbus-1/system.d/ 2> /dev/null
    dbus-daemon --system --fork || fail "dbus-daemon did not start"
    modprobe -a dm_multipath dm_round_robin dm_service_time dm_queue_length scsi_dh_alua sd_mod sg \
        || fail "modprobe of the dm and SCSI modules failed"
    # No polling_interval here: the daemon takes what multipath.conf sets over org.mpathbus.core.checks,
    # and use_checker sets the daemon's cadence there.
    cat > /etc/multipath.conf << 'CONF'
defaults {
    user_friendly_names yes
    find_multipaths off
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

start_daemon() {
    use_checker tur
    mkfifo /run/mpathbus.in
    # The shipped JVM options, as users get them: no JAVA_OPTS of the lab's own
    env -u JAVA_OPTS "$LAB_HOME/bin/mpathbusd" --source=devmapper < /run/mpathbus.in > "$OUT/daemon.out" 2>&1 &
    DAEMON_PID=$!
    exec 3> /run/mpathbus.in
    step daemon-started
}

# One checker on the 4 paths: healthy, a path offline and back, then commands that time out.
scenario_checker() { # NAME
    local name="$1" dir="$OUT/$1"
    mkdir -p "$dir"
    use_checker "$name"
    ask "$dir/healthy.json" "mpath:paths --json" paths "$(all_paths "$name" ready 4)" 120 || return
    multipathd show paths raw format "%d %T" > "$dir/multipathd-healthy.txt"
    step "$name-healthy"

    local dev
    dev="$(path_devices | head -1)"
    echo "$dev" > "$dir/offline-path.txt"
    echo "$EPOCHREALTIME" > "$dir/offline-time.txt"
    echo offline > "/sys/block/$dev/device/state"
    ask "$dir/offline.json" "mpath:paths --json" paths "$(path_is "$dev" faulty)" 30
    wait_for 60 "multipathd to find $dev faulty" multipathd_says "$dev" faulty
    multipathd show paths raw format "%d %T" > "$dir/multipathd-offline.txt"
    ask "$dir/daemon-offline.json" "mpath:paths --json" paths "True" 10
    echo "$EPOCHREALTIME" > "$dir/restore-time.txt"
    echo running > "/sys/block/$dev/device/state"
    ask "$dir/restored.json" "mpath:paths --json" paths "$(path_is "$dev" ready)" 30
    wait_for 60 "multipathd to find $dev ready again" multipathd_says "$dev" ready
    multipathd show paths raw format "%d %T" > "$dir/multipathd-restored.txt"
    ask "$dir/daemon-restored.json" "mpath:paths --json" paths "True" 10
    step "$name-offline"

    # The ignored commands time out. sd's own timeout is cut to 5 s so that a stuck O_DIRECT read ends
    # within the window.
    for dev in $(path_devices); do
        echo 5 > "/sys/block/$dev/device/timeout"
    done
    io_counts "$dir/io-before.txt"
    echo "$EPOCHREALTIME" > "$dir/timeouts-start.txt"
    echo "$EVERY_NTH" > "$SCSI_DEBUG/every_nth"
    echo 4 > "$SCSI_DEBUG/opts"
    sleep "$TIMEOUT_WINDOW" # a measurement window, not a wait for a condition
    io_counts "$dir/io-after.txt"
    echo 0 > "$SCSI_DEBUG/opts"
    echo 0 > "$SCSI_DEBUG/every_nth"
    echo "$EPOCHREALTIME" > "$dir/timeouts-end.txt"
    ask "$dir/timeout-events.json" "mpath:events --json 1000" events "True" 10
    ask "$dir/after-timeouts.json" "mpath:paths --json" paths "$(all_paths "$name" ready 4)" 90
    step "$name-timeouts"
}

# The daemon checking 64 paths (4 hosts x 16 LUNs) with tur: its threads and memory; then TEST UNIT
# READY on one core, our checker against sg_turs, with scsi_debug answering at once (delay=0).
bench_tur() {
    local dir="$OUT/bench"
    mkdir -p "$dir"
    use_checker tur
    echo 16 > "$SCSI_DEBUG/max_luns"
    for host in $(grep -l scsi_debug /sys/class/scsi_host/host*/proc_name | xargs -n1 dirname); do
        echo "- - -" > "$host/scan"
    done
    echo 2 > "$SCSI_DEBUG/add_host"
    udevadm settle --timeout=180
    wait_for 120 "multipathd to build 16 maps" maps_exactly 16
    wait_for 120 "multipathd to put 64 paths into the maps" paths_in_tables 64
    ask "$dir/daemon-64.json" "mpath:paths --json" paths "$(all_paths tur ready 64)" 180 || return
    step bench-64-checked
    local java_pid
    java_pid="$(pgrep -P "$DAEMON_PID" java || echo "$DAEMON_PID")"
    sleep $((3 * POLL)) # three rounds of checks of all 64 paths before the figures are read
    grep -E '^(Name|Threads|VmRSS|VmHWM):' "/proc/$java_pid/status" > "$dir/daemon-status.txt"
    ps -o nlwp=,rss=,cmd= -p "$java_pid" >> "$dir/daemon-status.txt"

    wait_for 60 "scsi_debug to take delay=0" scsi_debug_delay 0 || return
    local devices one
    devices="$(path_devices | tr '\n' ' ')"
    one="$(path_devices | head -1)"
    echo "$one" > "$dir/one-path.txt"
    for round in 1 2 3; do
        taskset -c 0 sg_turs -n 20000 -t "/dev/$one" 2>&1 | grep 'operations/sec'
    done > "$dir/sg_turs-one.txt"
    local start end
    start="$EPOCHREALTIME"
    for dev in $devices; do
        taskset -c 0 sg_turs -n 300 "/dev/$dev" > /dev/null 2>&1
    done
    end="$EPOCHREALTIME"
    echo "commands=$((300 * 64)) seconds=$(python3 -c "print($end - $start)")" > "$dir/sg_turs-64.txt"
    # shellcheck disable=SC2086
    taskset -c 0 java -XX:+UseSerialGC -cp "$LAB_CLASSPATH:$(ls "$LAB_HOME"/bundle/org.mpathbus.checker.tur-*.jar)" \
        org.mpathbus.lab.TurBenchmark 20000 "$one" > "$dir/tur-one.txt" 2> "$dir/tur-one.err" \
        || fail "TurBenchmark on one path failed"
    # shellcheck disable=SC2086
    taskset -c 0 java -XX:+UseSerialGC -cp "$LAB_CLASSPATH:$(ls "$LAB_HOME"/bundle/org.mpathbus.checker.tur-*.jar)" \
        org.mpathbus.lab.TurBenchmark 20000 $devices > "$dir/tur-64.txt" 2> "$dir/tur-64.err" \
        || fail "TurBenchmark on 64 paths failed"
    wait_for 60 "scsi_debug to take delay=1 again" scsi_debug_delay 1
    step bench-tur
}

# A deleted SCSI device under a map: multipathd is stopped first, so that the map keeps the path and the
# daemon keeps checking it.
scenario_removed() {
    local dir="$OUT/removed"
    mkdir -p "$dir"
    multipathd shutdown > /dev/null 2>&1 || kill "$MULTIPATHD_PID"
    wait "$MULTIPATHD_PID" 2> /dev/null
    local dev devnum
    dev="$(path_devices | tail -1)"
    devnum="$(cat "/sys/block/$dev/dev")"
    echo "$dev $devnum" > "$dir/deleted-path.txt"
    echo "$EPOCHREALTIME" > "$dir/delete-time.txt"
    echo 1 > "/sys/block/$dev/device/delete"
    ask "$dir/events.json" "mpath:events --json 2000" events \
        "any(e['kind'] == 'path-checker-state' and e['path'] == '$dev' and '-> removed' in e['detail'] for e in doc['events'])" 60
    ask "$dir/daemon-paths.json" "mpath:paths --json" paths "True" 10
    step removed
}

setup_machine
start_daemon
scenario_checker tur
scenario_checker directio
if [[ "$LAB_BENCHMARKS" == true ]]; then
    bench_tur
fi
scenario_removed
echo 'mpath:events --json 1000' >&3
exec 3>&-
wait "$DAEMON_PID"
step done
sync
