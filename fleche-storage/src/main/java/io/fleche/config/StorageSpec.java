package io.fleche.config;

import java.util.Map;
import java.util.Objects;

/**
 * A configured value or call storage: its {@code type} and the other keys of its table. Relative
 * {@code root} paths and SQLite {@code url}s are already resolved against the file that declared
 * them.
 *
 * <pre>{@code
 * [persistent]
 * values.type = "memory"
 * values.remaining_depth = 2    # -> StorageSpec[type=memory, options={remaining_depth=2}]
 * calls.type = "memory"
 * }</pre>
 *
 * @param type the storage type: {@code memory}, {@code void}, a file storage type ({@code file},
 *     {@code pickle}, {@code cloudpickle}, {@code dill}, {@code smile}, {@code java}), or {@code
 *     sql} (calls)
 * @param options the other keys of the table (strings, longs, doubles, booleans, lists, tables)
 */
public record StorageSpec(String type, Map<String, Object> options) {
  public StorageSpec {
    Objects.requireNonNull(type, "type");
    options = Toml.freeze(options);
  }
}
