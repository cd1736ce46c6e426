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
 * [files]                               # file storages, one file per entry
 * values.type = "pickle"                # file, pickle, cloudpickle, dill, smile: Smile; java: JDK
 * values.root = "cache/values"          # relative to this file
 * values.compress = true                # optional, as are the next three
 * values.secret_key = ["00ff..."]       # hex signing keys (else FLECHE_SECRET_KEY)
 * values.allow = ["com.acme."]          # application packages that may be deserialized
 * values.sync = false                   # force files to disk before renaming them into place
 * calls.type = "pickle"
 * calls.root = "cache/calls"
 *
 * [[layered]]                           # a stack, first layer first
 * template = "memory"                   # templates: memory, void, sql, or a file storage type
 * [[layered]]
 * template = "pickle"                   # values under root/values, calls under root/calls;
 * root = "cache"                        # compress, secret_key, allow, sync apply to both
 * [[layered]]
 * template = "sql"                      # values of type "file" under root/values,
 * root = "cache"                        # calls at jdbc:sqlite:root/calls.db; relative to this file
 *
 * [[sources.pool]]                      # a read-only pool of caches
 * template = "memory"
 * }</pre>
 *
 * <p>This version has the {@code memory}, {@code void} and file storages, and {@code sql} for
 * calls ({@code calls.url = "sqlite:///calls.db"} or {@code "jdbc:sqlite:calls.db"}) and values
 * ({@code values.url}, with {@code values.serializer} and the options of value files); remote
 * ({@code type = "ssh"}) caches come later.
 */
package io.fleche.config;
