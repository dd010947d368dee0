package org.mpathbus.api;

import java.util.List;

/**
 * What a {@link org.mpathbus.api.spi.MultipathSource} sees: the kernel's maps with their paths, and the
 * candidate paths that belong to no map. Checker fields are left for the engine to fill, except
 * {@link Path#checker()}, which a source may set to name the checker its paths need ("" for the default).
 */
public record SourceState(List<MultipathMap> maps, List<Path> unmappedPaths) {

    public static final SourceState EMPTY = new SourceState(List.of(), List.of());

    public SourceState {
        maps = List.copyOf(maps);
        unmappedPaths = List.copyOf(unmappedPaths);
    }
}
