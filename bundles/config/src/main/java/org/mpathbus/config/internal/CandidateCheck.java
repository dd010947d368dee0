package org.mpathbus.config.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.mpathbus.config.ConfigEditException;

/** A check of a candidate drop-in by something other than this bundle's parser, before it is written. */
interface CandidateCheck {

    /** No such check: multipath-tools is not installed here. */
    CandidateCheck NONE = (configDir, text, timeout) -> { };

    /**
     * @param configDir the config_dir the drop-in goes into (it exists)
     * @throws ConfigEditException INVALID with the checker's words when it finds errors in the candidate
     */
    void check(Path configDir, String text, Duration timeout) throws ConfigEditException, InterruptedException;
}
