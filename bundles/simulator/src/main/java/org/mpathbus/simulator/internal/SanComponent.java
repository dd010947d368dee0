package org.mpathbus.simulator.internal;

/**
 * The parts of a SAN that fail as a whole, each carrying many paths: a host's HBA port (the SCSI host of
 * H:C:T:L), a target port of the array (the T, reached through every host), and a fabric (the hosts cabled
 * to it, {@link SanLayout#fabric}).
 */
enum SanComponent {
    HOST("SCSI host") {
        @Override
        boolean carries(SimPath path, int number) {
            return path.host() == number;
        }

        @Override
        String range(SanShape shape) {
            return "hosts " + SanLayout.FIRST_HOST + " to " + (SanLayout.FIRST_HOST + shape.hosts() - 1);
        }
    },
    TARGET("target port") {
        @Override
        boolean carries(SimPath path, int number) {
            return path.target() == number;
        }

        @Override
        String range(SanShape shape) {
            return "target ports 0 to " + ((shape.pathsPerMap() - 1) / shape.hosts());
        }
    },
    FABRIC("fabric") {
        @Override
        boolean carries(SimPath path, int number) {
            return SanLayout.fabric(path.host()) == number;
        }

        @Override
        String range(SanShape shape) {
            return shape.hosts() == 1 ? "fabric 0" : "fabrics 0 and 1";
        }
    };

    private final String word;

    SanComponent(String word) {
        this.word = word;
    }

    abstract boolean carries(SimPath path, int number);

    /** The numbers this SAN has, for an error message. */
    abstract String range(SanShape shape);

    String describe(int number) {
        return word + " " + number;
    }

    long key(int number) {
        return ((long) ordinal() << 32) | (number & 0xffffffffL);
    }
}
