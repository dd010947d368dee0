#!/bin/bash
# The systemd guest's suite (booted by SystemdLab, judged by SystemdLabIT): installs the Debian package
# with apt under umask 002 on a Debian root with systemd as PID 1, then activation, polkit, Cockpit,
# restart after kill -9, remove and purge. Every wait polls with a deadline; results go to /lab-out.
out=/lab-out
export SYSTEMD_PAGER= SYSTEMD_COLORS=0 DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
trap 'step done; sync; systemctl poweroff --no-block' EXIT

step() {
    echo "$1 $(date +%s.%N) $(cut -d' ' -f1 /proc/uptime)" >> "$out/steps.txt"
    echo "LAB-STEP: $1"
}

error() {
    echo "$*" >> "$out/errors.txt"
    echo "LAB-ERROR: $*"
}

# until DESCRIPTION SECONDS COMMAND...: polls COMMAND every half second
until_true() {
    local what="$1" seconds="$2" deadline
    shift 2
    deadline=$(( $(date +%s) + seconds ))
    until "$@" >/dev/null 2>&1; do
        if (( $(date +%s) >= deadline )); then
            error "timed out after ${seconds} s waiting for $what"
            return 1
        fi
        sleep 0.5
    done
}

active() {
    [[ "$(systemctl is-active mpathbus.service)" == active ]]
}

# Everything on the root file system but what apt, dpkg and the logs change by themselves
root_files() {
    find / -xdev \( -path /tmp -o -path /var/tmp -o -path /var/log -o -path /var/cache -o -path /var/lib/dpkg \
        -o -path /var/lib/apt -o -path /lab-out \) -prune -o -printf '%M %u:%g %p\n' | sort -k3
}

main_pid() {
    systemctl show -P MainPID mpathbus.service
}

jvm_pid() {
    local pid
    for pid in $(cat /sys/fs/cgroup/system.slice/mpathbus.service/cgroup.procs 2>/dev/null); do
        [[ "$(cat /proc/$pid/comm 2>/dev/null)" == java ]] && echo "$pid"
    done
}

call_lookup() {
    busctl --system --timeout=240 call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
        org.mpathbus.Multipath1.Manager Lookup s sda
}

step booted
cat /proc/1/comm > "$out/pid1.txt"
timeout 120 systemctl is-system-running --wait > "$out/system-state.txt" 2>&1
systemctl --failed --no-legend >> "$out/system-state.txt" 2>&1
root_files > "$out/files-before.txt"

step install
started=$(date +%s.%N)
(umask 002; umask > "$out/install-umask.txt"; apt-get install -y /lab-out/mpathbus.deb) > "$out/install.txt" 2>&1
echo $? > "$out/install-status.txt"
until_true "mpathbus.service active after the installation" 240 active
echo "$started $(date +%s.%N)" > "$out/install-to-active.txt"
systemctl is-active mpathbus.service > "$out/is-active.txt" 2>&1
systemctl is-enabled mpathbus.service > "$out/is-enabled.txt" 2>&1
step active

find /usr/share/mpathbus/ /etc/mpathbus/ /var/lib/mpathbus/ -perm /022 ! -type l > "$out/writable-by-others.txt" 2>&1
find /usr/share/mpathbus/ /etc/mpathbus/ /var/lib/mpathbus/ -printf '%M %u:%g %p\n' | sort -k3 > "$out/modes.txt"
journalctl -b -u mpathbus.service --no-pager -o cat > "$out/journal.txt" 2>&1
systemd-analyze verify mpathbus.service > "$out/verify.txt" 2>&1
echo $? > "$out/verify-status.txt"
systemd-analyze security --no-pager mpathbus.service > "$out/security.txt" 2>&1
# The Prometheus endpoint answers through the unit's address families
python3 -c 'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1:9797/metrics", timeout=30).read().decode())' \
    > "$out/metrics.txt" 2>&1

step activation
systemctl stop mpathbus.service
systemctl is-active mpathbus.service > "$out/stopped.txt" 2>&1
started=$(date +%s.%N)
call_lookup > "$out/activation-call.txt" 2>&1
echo $? > "$out/activation-status.txt"
echo "$started $(date +%s.%N)" > "$out/activation-time.txt"
systemctl is-active mpathbus.service > "$out/activated.txt" 2>&1

step polkit
pkaction > "$out/pkaction.txt" 2>&1
pkaction --verbose --action-id org.mpathbus.multipath1.manage-paths > "$out/pkaction-manage-paths.txt" 2>&1

step cockpit
cockpit-bridge --packages > "$out/cockpit-packages.txt" 2>&1

step kill
restarts_before="$(systemctl show -P NRestarts mpathbus.service)"
has_jvm() {
    [[ -n "$(jvm_pid)" ]]
}
until_true "the JVM in mpathbus.service's cgroup" 60 has_jvm
for pid in $(cat /sys/fs/cgroup/system.slice/mpathbus.service/cgroup.procs); do
    echo "$pid $(cat /proc/$pid/comm 2>/dev/null)"
done > "$out/kill-cgroup.txt"
jvm="$(jvm_pid)"
echo "jvm $jvm main $(main_pid) restarts $restarts_before" > "$out/kill.txt"
kill -9 $jvm
started=$(date +%s.%N)
restarted() {
    [[ "$(systemctl show -P NRestarts mpathbus.service)" -gt "$restarts_before" ]] && active && [[ -n "$(jvm_pid)" ]]
}
until_true "mpathbus.service restarted after kill -9 of its JVM" 240 restarted
echo "restarted $(date +%s.%N) after $started; jvm $(jvm_pid) main $(main_pid) restarts $(systemctl show -P NRestarts mpathbus.service) $(systemctl is-active mpathbus.service)" >> "$out/kill.txt"
call_lookup > "$out/after-kill-call.txt" 2>&1

step remove
echo "# the admin's own line" >> /etc/mpathbus/org.mpathbus.core.engine.cfg
apt-get remove -y mpathbus > "$out/remove.txt" 2>&1
echo $? > "$out/remove-status.txt"
systemctl is-active mpathbus.service > "$out/after-remove-active.txt" 2>&1
ls /etc/mpathbus > "$out/after-remove-etc.txt" 2>&1
tail -n 1 /etc/mpathbus/org.mpathbus.core.engine.cfg >> "$out/after-remove-etc.txt" 2>&1
grep -l '^java$' /proc/[0-9]*/comm > "$out/after-remove-java.txt" 2>&1
busctl --system --timeout=30 call org.mpathbus.Multipath1 /org/mpathbus/Multipath1 \
    org.mpathbus.Multipath1.Manager Lookup s sda > "$out/after-remove-call.txt" 2>&1
dpkg-query -W -f='${db:Status-Abbrev}\n' mpathbus > "$out/after-remove-dpkg.txt" 2>&1

step purge
apt-get purge -y mpathbus > "$out/purge.txt" 2>&1
echo $? > "$out/purge-status.txt"
root_files > "$out/files-after.txt"
diff "$out/files-before.txt" "$out/files-after.txt" > "$out/purge-diff.txt"
dpkg-query -W -f='${db:Status-Abbrev}\n' mpathbus > "$out/after-purge-dpkg.txt" 2>&1
