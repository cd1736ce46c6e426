/**
 * Configuration: the {@code fleche.toml} files ({@link io.fleche.config.FlecheConfig}) and the
 * caches they describe ({@link io.fleche.config.ConfiguredCaches}).
 *
 * <pre>{@code
 * [default]
 * cache = "layered"                     # the default cache; or an inline [default.cache] table
 * metadata = ["Runtime", "Environment"] # default metadata plugins (default ["Runtime"])
 * root = true                           # optional: ignore fleche.toml files farther up
 *
 * [scratch]                             # a cache called "scratch"
 * values.type = "memory"
 * values.remaining_depth = 1
 * calls.type = "memory"
 * max_size = 1000                       # optional: size-limited
 * read_only = false                     # optional: read-only wrapper
 *
 * [[layered]]                           # a stack, first layer first
 * template = "memory"                   # templates: memory, void, sql, or a file storage type
 * [[layered]]
 * template = "sql"                      # values of type "file" under root/values,
 * root = "cache"                        # calls at jdbc:sqlite:root/calls.db; relative to this file
 *
 * [[sources.pool]]                      # a read-only pool of caches
 * template = "memory"
 * }</pre>
 *
 * <p>This version has the {@code memory} and {@code void} storages, and {@code sql} for calls
 * ({@code calls.url = "sqlite:///calls.db"} or {@code "jdbc:sqlite:calls.db"}); file storages
 * (which the values of the {@code sql} template and the file templates use) come in the next
 * milestone, and remote ({@code type = "ssh"}) caches later.
 */
package io.fleche.config;
