#!/usr/bin/env python3
"""Guest-side helper of the kernel lab: talks to the daemon's console FIFO, waits for conditions on its
JSON answers, and reads dm status lines. Waits poll a condition with a deadline; nothing sleeps blindly."""
import fcntl
import json
import os
import struct
import subprocess
import sys
import time

DAEMON_OUT = os.environ.get("LAB_DAEMON_OUT", "/lab-out/daemon.out")
DAEMON_IN = os.environ.get("LAB_DAEMON_IN", "/run/mpathbus.in")


def documents(text):
    """Every complete JSON object in the console output that starts a line (after an optional prompt); a
    JSON array there (mpath:config --paths) comes as {"rows": array}."""
    decoder = json.JSONDecoder()
    docs = []
    position = 0
    while True:
        found = [i for i in (text.find("{", position), text.find("[", position)) if i >= 0]
        if not found:
            return docs
        start = min(found)
        line_start = text.rfind("\n", 0, start) + 1
        prefix = text[line_start:start].strip()
        if prefix not in ("", "g!"):
            position = start + 1
            continue
        try:
            doc, end = decoder.raw_decode(text, start)
            docs.append({"rows": doc} if isinstance(doc, list) else doc)
            position = end
        except ValueError:
            position = start + 1


def ask(command, key, until, timeout):
    """Sends command until an answer holding key satisfies until(doc); prints that answer."""
    deadline = time.monotonic() + timeout
    with open(DAEMON_IN, "w") as console:
        while True:
            with open(DAEMON_OUT) as out:
                seen = len(out.read())
            console.write(command + "\n")
            console.flush()
            answer_deadline = min(deadline, time.monotonic() + 20)
            while time.monotonic() < answer_deadline:
                with open(DAEMON_OUT) as out:
                    fresh = out.read()[seen:]
                answers = [d for d in documents(fresh) if key in d]
                if answers:
                    doc = answers[-1]
                    if until(doc):
                        print(json.dumps(doc, indent=1))
                        return 0
                    break
                time.sleep(0.05)
            if time.monotonic() >= deadline:
                sys.stderr.write("labctl: no answer to '%s' satisfied the condition within %s s\n" % (command, timeout))
                return 1
            time.sleep(0.2)


def dm_status_active_path(map_name):
    """major:minor of the first path of the active group, else of the first group (dm status line)."""
    words = subprocess.run(["dmsetup", "status", map_name], capture_output=True, text=True,
                           check=True).stdout.split()[3:]
    i = 0
    i += 1 + int(words[i])           # features
    i += 1 + int(words[i])           # hardware handler
    groups = int(words[i]); i += 2   # group count, next group
    first = None
    for _ in range(groups):
        state = words[i]; i += 1
        i += 1 + int(words[i])       # selector status words
        paths = int(words[i]); info = int(words[i + 1]); i += 2
        for p in range(paths):
            dev = words[i]
            if p == 0 and first is None:
                first = dev
            if p == 0 and state == "A":
                return dev
            i += 3 + info
    return first


# struct dm_ioctl (linux/dm-ioctl.h): version[3] data_size data_start target_count open_count flags
# event_nr padding dev name[128] uuid[129]; 312 bytes. _IOWR(0xfd, nr, struct dm_ioctl).
DM_IOCTL_SIZE = 312
DM_DEV_STATUS = 0xc138fd07
DM_DEV_WAIT = 0xc138fd08


def dm_request(name, event_nr=0, size=16384):
    buffer = bytearray(size)
    struct.pack_into("=3III", buffer, 0, 4, 0, 0, size, DM_IOCTL_SIZE)
    struct.pack_into("=I", buffer, 32, event_nr)
    encoded = name.encode()
    buffer[48:48 + len(encoded)] = encoded
    return buffer


def dm_events(map_name, output):
    """Prints 'event_nr epoch_seconds' the moment each dm event of the map arrives (DM_DEV_WAIT): an
    observer of dm events that is independent of the daemon and costs no process start per event."""
    control = os.open("/dev/mapper/control", os.O_RDWR)
    status = dm_request(map_name)
    fcntl.ioctl(control, DM_DEV_STATUS, status, True)
    event_nr = struct.unpack_from("=I", status, 32)[0]
    with open(output, "a", buffering=1) as out:
        out.write("ready %d %.6f\n" % (event_nr, time.time()))
        while True:
            request = dm_request(map_name, event_nr)
            fcntl.ioctl(control, DM_DEV_WAIT, request, True)
            now = time.time()
            event_nr = struct.unpack_from("=I", request, 32)[0]
            out.write("event %d %.6f\n" % (event_nr, now))


def create_bench_maps():
    """One multipath map per WWID over all SCSI disks, two ALUA-style groups per map, made with dmsetup
    (udev and multipathd stopped: at this size their work under emulation would dominate the run)."""
    by_wwid = {}
    for name in sorted(os.listdir("/sys/block")):
        if not name.startswith("sd"):
            continue
        with open("/sys/block/%s/device/wwid" % name) as f:
            wwid = f.read().strip()
        with open("/sys/block/%s/dev" % name) as f:
            dev = f.read().strip()
        with open("/sys/block/%s/size" % name) as f:
            sectors = f.read().strip()
        hbtl = os.path.basename(os.path.realpath("/sys/block/%s/device" % name))
        by_wwid.setdefault(wwid, []).append((tuple(int(x) for x in hbtl.split(":")), dev, sectors))
    env = dict(os.environ, DM_DISABLE_UDEV="1")
    for number, (wwid, paths) in enumerate(sorted(by_wwid.items())):
        paths.sort()
        half = (len(paths) + 1) // 2
        groups = [paths[:half], paths[half:]]
        table = "0 %s multipath 0 1 alua %d 1" % (paths[0][2], len(groups))
        for group in groups:
            table += " service-time 0 %d 1" % len(group) + "".join(" %s 1" % p[1] for p in group)
        subprocess.run(["dmsetup", "create", "bench%02d" % number, "--uuid", "mpath-bench-" + wwid,
                        "--noudevsync", "--table", table], check=True, env=env)
    print(len(by_wwid))


def main():
    command = sys.argv[1]
    if command == "ask":
        # ask COMMAND KEY CONDITION TIMEOUT; CONDITION is a Python expression over doc
        condition = sys.argv[4]
        return ask(sys.argv[2], sys.argv[3], lambda doc: eval(condition, {"doc": doc}), float(sys.argv[5]))
    if command == "active-path":
        print(dm_status_active_path(sys.argv[2]))
        return 0
    if command == "dm-events":
        dm_events(sys.argv[2], sys.argv[3])
        return 0
    if command == "create-bench-maps":
        create_bench_maps()
        return 0
    if command == "maps":
        # maps FILE: names of the maps in a show-maps-json document
        with open(sys.argv[2]) as f:
            print(" ".join(m["name"] for m in json.load(f)["maps"]))
        return 0
    sys.stderr.write("labctl: unknown command %s\n" % command)
    return 2


if __name__ == "__main__":
    sys.exit(main())
