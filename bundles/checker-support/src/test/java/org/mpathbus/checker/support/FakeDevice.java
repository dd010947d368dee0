package org.mpathbus.checker.support;

/** A device for the support tests: counts its calls, and fails them with an errno when given one. */
final class FakeDevice {
    final int callErrno;
    int calls;

    FakeDevice(int callErrno) {
        this.callErrno = callErrno;
    }
}
