package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The kernel's uevents (NETLINK_KOBJECT_UEVENT, the kernel's multicast group, as udevadm monitor --kernel reads
 * them) through JNA, since the JDK has no netlink. A message is read into a buffer of the kernel's own uevent
 * size bound and only searched for "nvme"; it is never logged or kept.
 */
final class UeventSocket implements Uevents {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_KOBJECT_UEVENT = 15;
    private static final int KERNEL_GROUP = 1;
    private static final int SIZEOF_SOCKADDR_NL = 12;
    private static final short POLLIN = 0x1;
    private static final int MSG_DONTWAIT = 0x40;
    /** The kernel's UEVENT_BUFFER_SIZE is 2048; twice that leaves room. */
    private static final int MESSAGE_BUFFER = 4096;
    private static final byte[] NVME = "nvme".getBytes(StandardCharsets.US_ASCII);

    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, Pointer address, int length) throws LastErrorException;

        int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

        NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final LibC libc;
    private final int fd;
    private final Memory pollFd = new Memory(8);
    private final Memory buffer = new Memory(MESSAGE_BUFFER);

    private UeventSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    static UeventSocket open() throws IOException {
        try {
            LibC libc = Native.load("c", LibC.class);
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
            Memory address = new Memory(SIZEOF_SOCKADDR_NL);
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            address.setInt(8, KERNEL_GROUP);
            try {
                libc.bind(fd, address, SIZEOF_SOCKADDR_NL);
            } catch (LastErrorException e) {
                libc.close(fd);
                throw e;
            }
            return new UeventSocket(libc, fd);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            throw new IOException("cannot open the kernel's uevent socket: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean await(long millis) throws InterruptedException {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, POLLIN);
        pollFd.setShort(6, (short) 0);
        int ready;
        try {
            ready = libc.poll(pollFd, new NativeLong(1), (int) Math.min(Integer.MAX_VALUE, Math.max(0, millis)));
        } catch (LastErrorException e) {
            return false; // EINTR: the caller waits again
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return ready > 0 && drain();
    }

    /** Reads every queued message; true when one of them concerns NVMe. */
    private boolean drain() {
        boolean nvme = false;
        while (true) {
            int length;
            try {
                length = libc.recv(fd, buffer, new NativeLong(MESSAGE_BUFFER), MSG_DONTWAIT).intValue();
            } catch (LastErrorException e) {
                return nvme; // EAGAIN: nothing more queued
            }
            if (length <= 0) {
                return nvme;
            }
            nvme |= contains(buffer.getByteArray(0, length), NVME);
        }
    }

    static boolean contains(byte[] message, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= message.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (message[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            // Nothing left to release.
        }
    }
}
