package org.mpathbus.api;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link org.mpathbus.api.spi.MultipathSource} sees: the kernel's maps with their paths, and the
 * candidate paths that belong to no map. Checker fields are left for the engine to fill, except
 * {@link Path#checker()}, which a source may set to name the checker its paths need ("" for the default).
 * Made by {@link #of}, never by a constructor, so that a new attribute is a minor version of this package.
 */
public final class SourceState {

    public static final SourceState EMPTY = of(List.of(), List.of());

    private final List<MultipathMap> maps;
    private final List<Path> unmappedPaths;

    private SourceState(List<MultipathMap> maps, List<Path> unmappedPaths) {
        this.maps = List.copyOf(maps);
        this.unmappedPaths = List.copyOf(unmappedPaths);
    }

    public static SourceState of(List<MultipathMap> maps, List<Path> unmappedPaths) {
        return new SourceState(maps, unmappedPaths);
    }

    public List<MultipathMap> maps() {
        return maps;
    }

    public List<Path> unmappedPaths() {
        return unmappedPaths;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceState o && maps.equals(o.maps) && unmappedPaths.equals(o.unmappedPaths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maps, unmappedPaths);
    }

    @Override
    public String toString() {
        return "SourceState[maps=" + maps + ", unmappedPaths=" + unmappedPaths + "]";
    }
}
