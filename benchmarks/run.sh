#!/usr/bin/env bash
# Measures the built daemon with the simulator at a size no test machine has (default 2,500 maps x 4
# paths): JVM start to first complete topology, steady CPU while every path is checked, resident memory
# and fault-to-listener latency. The benchmark bundle measures from inside the daemon and stops it.
#
#   benchmarks/run.sh [--maps=N] [--paths-per-map=N] [--steady=SECONDS] [--with-bus]
#                     [--prometheus=off|idle|scraped]
#
# --with-bus runs a private dbus-daemon so the D-Bus exporter exports everything (its memory counts);
# without it the exporter has no bus and stays idle. --prometheus: off takes the Prometheus exporter out
# of bundle/, idle (the default) leaves it unscraped, scraped has the benchmark scrape /metrics once a
# second (and print the scrapes' time and size) while it measures. Build first: mvn -q install -DskipTests
set -euo pipefail

maps=2500 per_map=4 steady=60 with_bus=false prometheus=idle
for arg in "$@"; do
    case "$arg" in
        --maps=*) maps=${arg#*=} ;;
        --paths-per-map=*) per_map=${arg#*=} ;;
        --steady=*) steady=${arg#*=} ;;
        --with-bus) with_bus=true ;;
        --prometheus=off|--prometheus=idle|--prometheus=scraped) prometheus=${arg#*=} ;;
        *) echo "usage: $0 [--maps=N] [--paths-per-map=N] [--steady=SECONDS] [--with-bus] [--prometheus=off|idle|scraped]" >&2
           exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
dist=$root/distribution/target/mpathbus
bench_jar=$(ls "$root"/benchmarks/target/org.mpathbus.benchmark-*.jar 2>/dev/null | head -1)
[[ -x $dist/bin/mpathbusd && -n $bench_jar ]] || { echo "build first: mvn -q install -DskipTests" >&2; exit 1; }

umask 022
work=$(mktemp -d /var/tmp/mpathbus-benchmark.XXXXXX)
bus_pid=
cleanup() {
    [[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cp -a "$dist/." "$work/daemon/" 2>/dev/null || { mkdir -p "$work/daemon" && cp -a "$dist/." "$work/daemon/"; }
cp "$bench_jar" "$work/daemon/bundle/"
printf 'maps = %d\npaths_per_map = %d\n' "$maps" "$per_map" > "$work/daemon/etc/org.mpathbus.simulator.cfg"
scrape_option=
if [[ $prometheus == off ]]; then
    rm "$work"/daemon/bundle/org.mpathbus.exporter.prometheus-*.jar
else
    metrics_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf 'port = %d\n' "$metrics_port" > "$work/daemon/etc/org.mpathbus.exporter.prometheus.cfg"
    if [[ $prometheus == scraped ]]; then
        scrape_option="-Dmpathbus.benchmark.scrape_url=http://127.0.0.1:$metrics_port/metrics"
    fi
fi

bus_address=unix:path=$work/no-bus
if $with_bus; then
    command -v dbus-daemon >/dev/null || { echo "--with-bus needs dbus-daemon (apt-get install dbus)" >&2; exit 1; }
    bus_address=unix:path=$work/bus
    dbus-daemon --session --address="$bus_address" --nofork --nopidfile >/dev/null 2>&1 &
    bus_pid=$!
fi

echo "benchmark: $maps maps x $per_map paths, steady phase ${steady} s, D-Bus exporter $($with_bus && echo on || echo idle), Prometheus exporter $prometheus"
JAVA_OPTS="${JAVA_OPTS:-} -Dmpathbus.benchmark.paths=$((maps * per_map)) -Dmpathbus.benchmark.steady_seconds=$steady \
-Dmpathbus.benchmark.report=$work/report.txt $scrape_option" \
    "$work/daemon/bin/mpathbusd" --no-console --source=simulator --bus-address="$bus_address" --state="$work/state" \
    > "$work/daemon.log" 2>&1 || true
if [[ -s $work/report.txt ]]; then
    cat "$work/report.txt"
else
    echo "benchmark: no report; the daemon's log follows" >&2
    tail -50 "$work/daemon.log" >&2
    exit 1
fi
