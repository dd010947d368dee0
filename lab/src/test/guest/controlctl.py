#!/usr/bin/env python3
"""Guest-side helper of the control lab (control.sh): times a command from its start to its exit and on to
the dm change it should cause, read with dm ioctls in a tight loop (no process per poll); and watches the
system bus as a monitor, writing every message that concerns the daemon with the time it arrived.
Run with /usr/bin/python3 (Debian's dbus and gi modules)."""
import fcntl
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

# struct dm_ioctl (linux/dm-ioctl.h), 312 bytes; _IOWR(0xfd, nr, struct dm_ioctl)
DM_IOCTL_SIZE = 312
DM_DEV_STATUS = 0xc138fd07
DM_TABLE_STATUS = 0xc138fd0c
DM_STATUS_TABLE_FLAG = 1 << 4
DM_TARGET_SPEC_SIZE = 40


def dm_ioctl(control, request, name, flags=0, size=16384):
    buffer = bytearray(size)
    struct.pack_into("=3IIII", buffer, 0, 4, 0, 0, size, DM_IOCTL_SIZE, 0)
    struct.pack_into("=I", buffer, 28, flags)
    encoded = name.encode()
    buffer[48:48 + len(encoded)] = encoded
    fcntl.ioctl(control, request, buffer, True)
    return buffer


def target_params(buffer):
    """The params string of the first target in a DM_TABLE_STATUS answer, None without a table."""
    data_start, target_count = struct.unpack_from("=II", buffer, 16)
    if target_count == 0:
        return None
    start = data_start + DM_TARGET_SPEC_SIZE
    return bytes(buffer[start:buffer.index(0, start)]).decode()


class MapView:
    """One map as dm shows it at one moment: its table and status lines, parsed."""

    def __init__(self, control, name):
        # A map being flushed can go between these ioctls (ENXIO): then it is gone
        try:
            info = dm_ioctl(control, DM_DEV_STATUS, name)
            table = dm_ioctl(control, DM_TABLE_STATUS, name, DM_STATUS_TABLE_FLAG)
            status = dm_ioctl(control, DM_TABLE_STATUS, name)
        except OSError:
            self.exists = False
            self.table = self.status = ""
            self.open_count = 0
            return
        self.exists = True
        self.open_count = struct.unpack_from("=i", info, 24)[0]
        self.sectors = struct.unpack_from("=Q", table, struct.unpack_from("=I", table, 16)[0] + 8)[0]
        self.table = target_params(table) or ""
        self.status = target_params(status) or ""

    def features(self):
        words = self.table.split()
        return words[1:1 + int(words[0])] if words else []

    def table_paths(self):
        """major:minor of every path in the table, in table order."""
        words = self.table.split()
        i = 1 + int(words[0])
        i += 1 + int(words[i])                    # hardware handler
        groups = int(words[i]); i += 2            # group count, initial group
        paths = []
        for _ in range(groups):
            i += 1                                # selector name
            i += 1 + int(words[i])                # selector arguments
            count = int(words[i]); per_path = int(words[i + 1]); i += 2
            for _ in range(count):
                paths.append(words[i])
                i += 1 + per_path
        return paths

    def _status_groups(self):
        """(next group, [(group state, [(dev, path state)])]) from the status line."""
        words = self.status.split()
        i = 1 + int(words[0])
        i += 1 + int(words[i])
        groups = int(words[i]); next_group = int(words[i + 1]); i += 2
        result = []
        for _ in range(groups):
            state = words[i]; i += 1
            i += 1 + int(words[i])
            count = int(words[i]); info = int(words[i + 1]); i += 2
            paths = []
            for _ in range(count):
                paths.append((words[i], words[i + 1]))
                i += 3 + info
            result.append((state, paths))
        return next_group, result

    def next_group(self):
        return self._status_groups()[0]

    def group_state(self, index):
        return self._status_groups()[1][index - 1][0]

    def path_state(self, dev):
        for _, paths in self._status_groups()[1]:
            for name, state in paths:
                if name == dev:
                    return state
        return None


def timed(record, name, map_name, condition, command, timeout):
    """Runs command, reading dm meanwhile and after its exit (if it succeeded, for up to timeout seconds) until
    condition (a Python expression over `m`, the MapView of map_name) holds; appends one JSON line: when the
    command started and exited, its exit code and output, when the condition first held (null if never),
    and dm's table and status then."""
    control = os.open("/dev/mapper/control", os.O_RDWR)
    check = compile(condition, "condition", "eval")
    call = time.time()
    # output to a file, not a pipe: a long answer must not block the command while dm is read
    captured = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(command, stdout=captured, stderr=subprocess.STDOUT, text=True)
    effect = reply = None
    # dm is read while the command runs too: a change can show before its reply
    while True:
        view = MapView(control, map_name)
        try:
            held = eval(check, {"m": view})
        except (IndexError, ValueError):
            held = False
        now = time.time()
        if reply is None and process.poll() is not None:
            reply = now
            # a failed call has no effect to wait for: the condition is read once more
            deadline = reply + timeout if process.returncode == 0 else reply
        if held and effect is None:
            effect = now
        if reply is not None and (effect is not None or now > deadline):
            break
        time.sleep(0.002)
    captured.seek(0)
    output = captured.read()
    entry = {"name": name, "command": command, "call": call, "reply": reply, "exit": process.returncode,
             "output": output.strip(), "map": map_name, "condition": condition, "effect": effect,
             "table": view.table, "status": view.status, "exists": view.exists, "open_count": view.open_count}
    with open(record, "a") as out:
        out.write(json.dumps(entry) + "\n")
    print(output.strip())
    return 0 if effect is not None else 1


def plain(value):
    """dbus-python's values as JSON's."""
    import dbus
    if isinstance(value, (dbus.Dictionary, dict)):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (dbus.Array, dbus.Struct, list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.String, dbus.ObjectPath, dbus.Signature)):
        return str(value)
    if isinstance(value, (dbus.Double,)):
        return float(value)
    if isinstance(value, (int,)):
        return int(value)
    return str(value)


def watch(output):
    """Becomes a monitor of the system bus and appends each message (JSON, one a line) with its arrival
    time, until killed: method calls and replies of every client, and the daemon's signals."""
    import dbus
    from dbus.mainloop.glib import DBusGMainLoop
    from gi.repository import GLib
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()
    kinds = {1: "call", 2: "return", 3: "error", 4: "signal"}
    out = open(output, "a", buffering=1)

    def seen(_connection, message):
        now = time.time()
        entry = {"t": now, "type": kinds.get(message.get_type(), "?"), "serial": message.get_serial(),
                 "reply_serial": message.get_reply_serial(), "sender": message.get_sender(),
                 "destination": message.get_destination(), "path": message.get_path(),
                 "interface": message.get_interface(), "member": message.get_member(),
                 "error": message.get_error_name()}
        try:
            entry["args"] = plain(message.get_args_list())
        except Exception as e:  # a body dbus-python cannot decode is still worth its timestamp
            entry["args"] = "undecodable: %s" % e
        out.write(json.dumps(entry) + "\n")

    bus.add_message_filter(seen)
    bus.call_blocking("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                      "BecomeMonitor", "asu", ([], 0))
    out.write(json.dumps({"t": time.time(), "type": "ready"}) + "\n")
    GLib.MainLoop().run()


def main():
    command = sys.argv[1]
    if command == "timed":
        # timed RECORD NAME MAP CONDITION TIMEOUT -- COMMAND...
        separator = sys.argv.index("--")
        record, name, map_name, condition, timeout = sys.argv[2:7]
        return timed(record, name, map_name, condition, sys.argv[separator + 1:], float(timeout))
    if command == "watch":
        watch(sys.argv[2])
        return 0
    if command == "view":
        # view MAP EXPRESSION: prints the expression over the map's MapView (for the script's own checks)
        control = os.open("/dev/mapper/control", os.O_RDWR)
        print(eval(sys.argv[3], {"m": MapView(control, sys.argv[2])}))
        return 0
    sys.stderr.write("controlctl: unknown command %s\n" % command)
    return 2


if __name__ == "__main__":
    sys.exit(main())
