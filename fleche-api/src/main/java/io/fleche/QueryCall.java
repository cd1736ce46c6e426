package io.fleche;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A template for querying stored calls. Every field left unset is a wildcard.
 *
 * <ul>
 *   <li>Identity fields (name, signature, module, version, code digest) must equal.
 *   <li>Arguments: the template's arguments are a subset; each must be present in the stored call
 *       and its value's digest must equal the stored digest (a {@link Digest} matches as itself).
 *       A {@code null} template value means "present, any value"; to match a stored {@code null}
 *       use {@code Digest.of(null)}.
 *   <li>Result: once set (even to {@code null}), the stored call must have a committed result of
 *       that digest.
 *   <li>Metadata: for every namespace in the template the stored call must have that namespace;
 *       each template entry must equal the stored one by plain (JSON) equality, numbers by value
 *       ({@code 3} matches {@code 3.0}), a {@code null}
 *       template value means "key present", an empty map means "namespace present".
 * </ul>
 *
 * <pre>{@code
 * QueryCall q = QueryCall.builder()
 *     .name("Physics.simulate")
 *     .argument("steps", 100)
 *     .metadata("tags", Map.of("project", "alpha"))
 *     .build();
 * boolean hit = q.matches(storedCall);
 * }</pre>
 *
 * <p>Every storage's {@code query} agrees with {@link #matches(CallRecord)}.
 */
public final class QueryCall {
  private final String name;
  private final String signature;
  private final String module;
  private final String version;
  private final Digest codeDigest;
  private final Map<String, Digest> arguments; // null = any; null value = present
  private final Map<String, Object> argumentValues;
  private final boolean hasResult;
  private final Object result;
  private final Digest resultDigest;
  private final Map<String, Map<String, Object>> metadata;

  private QueryCall(Builder b) {
    this.name = b.name;
    this.signature = b.signature;
    this.module = b.module;
    this.version = b.version;
    this.codeDigest = b.codeDigest;
    if (b.arguments == null) {
      this.arguments = null;
      this.argumentValues = null;
    } else {
      Map<String, Digest> digests = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : b.arguments.entrySet()) {
        Object v = e.getValue();
        try {
          digests.put(e.getKey(), v == null ? null : Digest.of(v));
        } catch (UndigestableException x) {
          throw x.within("arguments." + e.getKey());
        }
      }
      this.arguments = Collections.unmodifiableMap(digests);
      this.argumentValues = Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
    }
    this.hasResult = b.hasResult;
    this.result = b.result;
    Digest r = null;
    if (b.hasResult) {
      try {
        r = Digest.of(b.result);
      } catch (UndigestableException x) {
        throw x.within("result");
      }
    }
    this.resultDigest = r;
    this.metadata = b.metadata == null ? null : metadataTemplate(b.metadata);
  }

  private static Map<String, Map<String, Object>> metadataTemplate(
      Map<String, Map<String, Object>> m) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    m.forEach(
        (ns, filters) -> {
          Map<String, Object> f = new LinkedHashMap<>();
          if (filters != null) {
            filters.forEach(
                (k, v) -> f.put(k, v == null ? null : JsonValues.value(v, ns + "." + k)));
          }
          out.put(ns, Collections.unmodifiableMap(f));
        });
    return Collections.unmodifiableMap(out);
  }

  /** A template that matches every call. */
  public static QueryCall any() {
    return builder().build();
  }

  /** A new, empty template builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A template matching calls of {@code function} (every identity field that is not null). */
  public static Builder forFunction(FunctionId function) {
    return builder()
        .name(function.name())
        .signature(function.signature())
        .module(function.module())
        .version(function.version())
        .codeDigest(function.codeDigest());
  }

  public String name() {
    return name;
  }

  public String signature() {
    return signature;
  }

  public String module() {
    return module;
  }

  public String version() {
    return version;
  }

  public Digest codeDigest() {
    return codeDigest;
  }

  /** Template argument digests ({@code null} map: any; {@code null} value: present), or null. */
  public Map<String, Digest> argumentDigests() {
    return arguments;
  }

  /** The template argument values as given, or {@code null} if arguments are not constrained. */
  public Map<String, Object> arguments() {
    return argumentValues;
  }

  /** Whether the template constrains the result. */
  public boolean hasResult() {
    return hasResult;
  }

  /** The template result value (meaningful if {@link #hasResult()}). */
  public Object result() {
    return result;
  }

  /** The digest the stored result must have, or {@code null} if unconstrained. */
  public Digest resultDigest() {
    return resultDigest;
  }

  /** Metadata filters (namespace to key/value), or {@code null}. */
  public Map<String, Map<String, Object>> metadata() {
    return metadata;
  }

  /** True if {@code call} matches this template; see the class documentation. */
  public boolean matches(CallRecord call) {
    FunctionId f = call.function();
    if (!eq(name, f.name())
        || !eq(signature, f.signature())
        || !eq(module, f.module())
        || !eq(version, f.version())
        || !eq(codeDigest, f.codeDigest())) {
      return false;
    }
    if (arguments != null || hasResult) {
      DigestedCall d = call.digested();
      if (!argumentsMatch(d.arguments())) {
        return false;
      }
      if (hasResult && !resultDigest.equals(d.result())) {
        return false;
      }
    }
    return metadataMatches(call.metadata());
  }

  /** True if the stored argument digests satisfy the template's argument filters. */
  public boolean argumentsMatch(Map<String, Digest> stored) {
    if (arguments == null) {
      return true;
    }
    for (Map.Entry<String, Digest> e : arguments.entrySet()) {
      if (!stored.containsKey(e.getKey())) {
        return false;
      }
      if (e.getValue() != null && !e.getValue().equals(stored.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** True if stored metadata satisfies the template's metadata filters. */
  public boolean metadataMatches(Map<String, Map<String, Object>> stored) {
    if (metadata == null || metadata.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Map<String, Object>> ns : metadata.entrySet()) {
      Map<String, Object> have = stored.get(ns.getKey());
      if (have == null) {
        return false;
      }
      for (Map.Entry<String, Object> filter : ns.getValue().entrySet()) {
        if (!have.containsKey(filter.getKey())) {
          return false;
        }
        if (filter.getValue() != null
            && !JsonValues.equal(filter.getValue(), have.get(filter.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean eq(Object template, Object stored) {
    return template == null || template.equals(stored);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("QueryCall[");
    if (name != null) s.append("name=").append(name).append(' ');
    if (signature != null) s.append("signature=").append(signature).append(' ');
    if (module != null) s.append("module=").append(module).append(' ');
    if (version != null) s.append("version=").append(version).append(' ');
    if (codeDigest != null) s.append("codeDigest=").append(codeDigest).append(' ');
    if (argumentValues != null) s.append("arguments=").append(argumentValues).append(' ');
    if (hasResult) s.append("result=").append(result).append(' ');
    if (metadata != null) s.append("metadata=").append(metadata).append(' ');
    return s.toString().trim() + "]";
  }

  /** Builds a {@link QueryCall}; unset fields are wildcards. */
  public static final class Builder {
    private String name;
    private String signature;
    private String module;
    private String version;
    private Digest codeDigest;
    private Map<String, Object> arguments;
    private boolean hasResult;
    private Object result;
    private Map<String, Map<String, Object>> metadata;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder signature(String signature) {
      this.signature = signature;
      return this;
    }

    public Builder module(String module) {
      this.module = module;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder codeDigest(Digest codeDigest) {
      this.codeDigest = codeDigest;
      return this;
    }

    /**
     * Requires argument {@code name}; with value {@code null}, any value (use {@code
     * Digest.of(null)} for a stored null).
     */
    public Builder argument(String name, Object value) {
      if (arguments == null) {
        arguments = new LinkedHashMap<>();
      }
      arguments.put(Objects.requireNonNull(name, "argument name"), value);
      return this;
    }

    /** Requires all of {@code arguments} (see {@link #argument}). */
    public Builder arguments(Map<String, ?> arguments) {
      if (this.arguments == null) {
        this.arguments = new LinkedHashMap<>();
      }
      arguments.forEach(this::argument);
      return this;
    }

    /** Requires a committed result equal (by digest) to {@code result}, which may be null. */
    public Builder result(Object result) {
      this.hasResult = true;
      this.result = result;
      return this;
    }

    /**
     * Requires metadata namespace {@code namespace} with the given entries (empty: the namespace
     * is present; a {@code null} value: the key is present).
     */
    public Builder metadata(String namespace, Map<String, ?> filters) {
      if (metadata == null) {
        metadata = new LinkedHashMap<>();
      }
      Map<String, Object> f = new LinkedHashMap<>();
      if (filters != null) {
        f.putAll(filters);
      }
      metadata.put(Objects.requireNonNull(namespace, "namespace"), f);
      return this;
    }

    /**
     * The template.
     *
     * @throws UndigestableException if a template argument or result cannot be digested
     */
    public QueryCall build() {
      return new QueryCall(this);
    }
  }
}
