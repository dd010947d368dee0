#!/usr/bin/env bash
# Measures the D-Bus side of built daemons with the simulator (default 2,500 maps x 4 paths), each on a
# private dbus-daemon with its shipped JVM options: start to the name on the bus and to a GetManagedObjects
# holding every map, the maps in the first GetManagedObjects after the name appeared, GetManagedObjects
# latency (median) with 1 and with 16 concurrent callers (busctl --quiet: the reply is received whole but
# not printed), and resident memory settled and after the load. Several daemon directories are measured
# in turn, so an older build can be compared with this one in the same run.
#
#   benchmarks/dbus.sh [--maps=N] [--paths-per-map=N] [--rounds=N] [DAEMON_DIR ...]
#
# DAEMON_DIR defaults to this tree's distribution/target/mpathbus. Needs dbus-daemon and busctl.
set -euo pipefail

maps=2500 per_map=4 rounds=5
dirs=()
for arg in "$@"; do
    case "$arg" in
        --maps=*) maps=${arg#*=} ;;
        --paths-per-map=*) per_map=${arg#*=} ;;
        --rounds=*) rounds=${arg#*=} ;;
        -*) echo "usage: $0 [--maps=N] [--paths-per-map=N] [--rounds=N] [DAEMON_DIR ...]" >&2; exit 2 ;;
        *) dirs+=("$arg") ;;
    esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
(( ${#dirs[@]} )) || dirs=("$root/distribution/target/mpathbus")
for tool in dbus-daemon busctl; do
    command -v $tool >/dev/null || { echo "$0 needs $tool (apt-get install dbus systemd)" >&2; exit 1; }
done

umask 022
work=$(mktemp -d /var/tmp/mpathbus-dbus-benchmark.XXXXXX)
bus_pid= daemon_pid=
cleanup() {
    [[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
    [[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
rss_mb() { [[ -r /proc/$1/status ]] && awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" || echo "(gone)"; }
jvm_of() { pgrep -f "mpathbus.home=$1" | head -1; }

# Objects and maps in one GetManagedObjects, from busctl's text: the array length, then each object path
count_maps() {
    busctl --address="$1" call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.freedesktop.DBus.ObjectManager GetManagedObjects 2>/dev/null \
        | { grep -o '"org.mpathbus.Multipath1.Map" [0-9]' || true; } | wc -l
}

timed_call() {
    local start
    start=$(now_ms)
    busctl --quiet --address="$1" call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.freedesktop.DBus.ObjectManager GetManagedObjects && echo $(( $(now_ms) - start ))
}

echo "D-Bus benchmark: $maps maps x $per_map paths, $rounds rounds per figure"
n=0
for dist in "${dirs[@]}"; do
    n=$((n + 1))
    daemon=$work/daemon$n
    cp -a "$dist/." "$daemon/"
    printf 'maps = %d\npaths_per_map = %d\n' "$maps" "$per_map" > "$daemon/etc/org.mpathbus.simulator.cfg"
    address=unix:path=$work/bus$n
    dbus-daemon --session --address="$address" --nofork --nopidfile >/dev/null 2>&1 &
    bus_pid=$!
    until busctl --address="$address" list >/dev/null 2>&1; do sleep 0.01; done

    start=$(now_ms)
    env -u JAVA_OPTS "$daemon/bin/mpathbusd" --no-console --source=simulator --bus-address="$address" \
        --state="$work/state$n" > "$work/daemon$n.log" 2>&1 &
    daemon_pid=$!
    until busctl --address="$address" status org.mpathbus.Multipath1 >/dev/null 2>&1; do sleep 0.01; done
    named=$(now_ms)
    first_maps=$(count_maps "$address")
    complete=$named
    seen=$first_maps
    # The time of the call that first returned every map (printing 12 MB takes busctl a second or more)
    while (( seen < maps )); do
        sleep 0.05
        complete=$(now_ms)
        seen=$(count_maps "$address")
    done
    sleep 10
    jvm=$(jvm_of "$daemon")
    settled_rss=$(rss_mb "$jvm")

    one=$(for ((i = 0; i < rounds; i++)); do timed_call "$address"; done | median)
    sixteen=$(for ((i = 0; i < rounds; i++)); do
        for ((c = 0; c < 16; c++)); do timed_call "$address" & done
        wait
    done 2>/dev/null | median)
    loaded_rss=$(rss_mb "$jvm")
    peak_rss=$( [[ -r /proc/$jvm/status ]] && awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$jvm/status" || echo "(gone)")

    echo "$dist:"
    echo "  start to name on the bus                   $((named - start)) ms (first GetManagedObjects after it: $first_maps of $maps maps)"
    echo "  start to GetManagedObjects with every map  $((complete - start)) ms"
    echo "  GetManagedObjects median, 1 caller         $one ms"
    echo "  GetManagedObjects median, 16 concurrent    $sixteen ms"
    echo "  resident memory settled / after the calls / peak  $settled_rss / $loaded_rss / $peak_rss MB"

    kill "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=
    kill "$bus_pid"; bus_pid=
done
