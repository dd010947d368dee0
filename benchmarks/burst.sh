#!/usr/bin/env bash
# Measures a fabric failure at kernel speed on built daemons with the simulator over 2 hosts, each on a
# private dbus-daemon with its shipped JVM options and its console on a FIFO: start to the name on the bus
# (which comes with every map), resident memory settled with the bus on, then `mpath:fail --host 2` (half of
# the paths failed in one dm event) to the last PathFailed a subscribed client (gdbus monitor) receives, and
# `mpath:restore --host 2` to the last PathReinstated; resident memory at the peak (VmHWM) and settled
# 10 s after the burst. Several sizes and daemon directories are measured in turn, and a table at the end
# puts them side by side (give this tree's and main's distribution to compare them in one run).
#
#   benchmarks/burst.sh [--maps=N[,N...]] [--paths-per-map=N] [DAEMON_DIR ...]
#
# DAEMON_DIR defaults to this tree's distribution/target/mpathbus; --maps to 2500,10000. Needs dbus-daemon,
# busctl and gdbus.
set -euo pipefail

sizes=2500,10000 per_map=4
dirs=()
for arg in "$@"; do
    case "$arg" in
        --maps=*) sizes=${arg#*=} ;;
        --paths-per-map=*) per_map=${arg#*=} ;;
        -*) echo "usage: $0 [--maps=N[,N...]] [--paths-per-map=N] [DAEMON_DIR ...]" >&2; exit 2 ;;
        *) dirs+=("$arg") ;;
    esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
(( ${#dirs[@]} )) || dirs=("$root/distribution/target/mpathbus")
for tool in dbus-daemon busctl gdbus stdbuf; do
    command -v $tool >/dev/null || { echo "$0 needs $tool (apt-get install dbus systemd libglib2.0-bin)" >&2; exit 1; }
done

umask 022
work=$(mktemp -d /var/tmp/mpathbus-burst-benchmark.XXXXXX)
bus_pid= daemon_pid= monitor_pid=
stop_run() {
    # Killed processes answer wait with 143: no errexit for that
    [[ -n $monitor_pid ]] && { kill "$monitor_pid"; wait "$monitor_pid"; } 2>/dev/null || true
    exec 3>&- || true
    [[ -n $daemon_pid ]] && { kill "$daemon_pid"; wait "$daemon_pid"; } 2>/dev/null || true
    [[ -n $bus_pid ]] && { kill "$bus_pid"; wait "$bus_pid"; } 2>/dev/null || true
    monitor_pid= daemon_pid= bus_pid=
}
trap 'stop_run; rm -rf "$work"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
status_mb() { [[ -r /proc/$1/status ]] && awk -v f="$2:" '$1 == f { printf "%d", $2 / 1024 }' "/proc/$1/status" || echo "(gone)"; }
jvm_of() { pgrep -f "mpathbus.state=$1" | head -1; }
signals() { grep -c "Map.$2 " "$1" || true; }

# await_signals FILE MEMBER COUNT: polls until the client has COUNT of them; prints the time then (ms)
await_signals() {
    local deadline=$(( $(now_ms) + 300000 ))
    until (( $(signals "$1" "$2") >= $3 )); do
        (( $(now_ms) < deadline )) || { echo "  timeout: $(signals "$1" "$2") of $3 $2"; return 1; }
        kill -0 "$daemon_pid" 2>/dev/null || { echo "  the daemon ended after $(signals "$1" "$2") of $3 $2:"
            tail -2 "$log"; return 1; }
        sleep 0.02
    done
    now_ms
}

echo "Burst benchmark: maps $sizes x $per_map paths over 2 hosts, host 2 failed and restored"
n=0
rows=()
# row DIST MAPS NAME_MS SETTLED_MB DOWN_MS UP_MS PEAK_MB AFTER_MB: one line of the table at the end
row() { rows+=("$(printf '%-44s %6s %8s %8s %9s %9s %8s %8s' "$@")"); }
for dist in "${dirs[@]}"; do
    for maps in ${sizes//,/ }; do
        n=$((n + 1))
        half=$(( maps * per_map / 2 ))
        daemon=$work/daemon$n
        cp -a "$dist/." "$daemon/"
        printf 'maps = %d\npaths_per_map = %d\nhosts = 2\n' "$maps" "$per_map" > "$daemon/etc/org.mpathbus.simulator.cfg"
        address=unix:path=$work/bus$n
        dbus-daemon --session --address="$address" --nofork --nopidfile >/dev/null 2>&1 &
        bus_pid=$!
        until busctl --address="$address" list >/dev/null 2>&1; do sleep 0.01; done
        mkfifo "$work/console$n"
        start=$(now_ms)
        # A session of its own: the launcher signals its process group when it stops
        setsid env -u JAVA_OPTS "$daemon/bin/mpathbusd" --source=simulator --bus-address="$address" \
            --state="$work/state$n" < "$work/console$n" > "$work/daemon$n.log" 2>&1 &
        daemon_pid=$!
        exec 3> "$work/console$n"
        until busctl --address="$address" status org.mpathbus.Multipath1 >/dev/null 2>&1; do
            kill -0 "$daemon_pid" 2>/dev/null || { echo "$dist, $maps maps: the daemon ended before taking the name:"
                tail -3 "$work/daemon$n.log"; row "$dist" "$maps" ended - - - - -; stop_run; continue 2; }
            sleep 0.01
        done
        named=$(now_ms)
        sleep 10
        jvm=$(jvm_of "$work/state$n")
        settled=$(status_mb "$jvm" VmRSS)

        monitor=$work/monitor$n.txt
        stdbuf -oL gdbus monitor --address "$address" --dest org.mpathbus.Multipath1 > "$monitor" 2>&1 &
        monitor_pid=$!
        until grep -q ' is owned by ' "$monitor"; do sleep 0.01; done
        log=$work/daemon$n.log
        failed_at=$(now_ms)
        echo "mpath:fail --host 2" >&3
        if ! last_failed=$(await_signals "$monitor" PathFailed "$half"); then
            echo "$dist, $maps maps: start to name $((named - start)) ms, settled $settled MB; host down:"
            echo "$last_failed"; row "$dist" "$maps" $((named - start)) "$settled" ended - - -; stop_run; continue
        fi
        restored_at=$(now_ms)
        echo "mpath:restore --host 2" >&3
        if ! last_reinstated=$(await_signals "$monitor" PathReinstated "$half"); then
            echo "$dist, $maps maps: host up:"; echo "$last_reinstated"
            row "$dist" "$maps" $((named - start)) "$settled" $((last_failed - failed_at)) ended - -; stop_run; continue
        fi
        sleep 10
        echo "$dist, $maps maps x $per_map paths ($half paths behind host 2):"
        echo "  start to name on the bus, every map          $((named - start)) ms"
        echo "  resident memory settled, bus on              $settled MB"
        echo "  host down to the last of $half PathFailed    $((last_failed - failed_at)) ms"
        echo "  host up to the last of $half PathReinstated  $((last_reinstated - restored_at)) ms"
        peak=$(status_mb "$jvm" VmHWM) after=$(status_mb "$jvm" VmRSS)
        echo "  resident memory peak / 10 s after the burst  $peak / $after MB"
        row "$dist" "$maps" $((named - start)) "$settled" $((last_failed - failed_at)) \
            $((last_reinstated - restored_at)) "$peak" "$after"
        stop_run
    done
done

echo
echo "Side by side (ms: start to name with every map, host down / up to the last signal; MB: resident memory)"
printf '%-44s %6s %8s %8s %9s %9s %8s %8s\n' daemon maps name_ms rss_MB down_ms up_ms peak_MB after_MB
printf '%s\n' "${rows[@]}"
