package io.shoal.config.internal;

import io.shoal.config.ConfigException.ConfigProblem;

/**
 * Where a key path came from. The validator only sees records, which carry no positions; this is what
 * lets it still report {@code shoal.yaml:14: services.web.servers[1].weight} or {@code command line: --backend}.
 */
public interface SourceMap {
    /** A problem at a path as written in the source. */
    ConfigProblem locate(String sourcePath, String message);

    /** The source path of a path into the records; see {@link PathRenames}. */
    String resolve(String recordPath);
}
