package io.fleche;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Memoizes a method persistently. With {@code -javaagent:fleche.jar}, every call is digested and
 * looked up in the active cache ({@link Fleches#cache()}); a hit returns a copy of the stored
 * result without running the body, a miss runs it and records the call — function, arguments,
 * result, metadata — so that it can be found again, also by query.
 *
 * <pre>{@code
 * @Fleche
 * static double simulate(int steps, double dt) { ... }
 *
 * @Fleche(version = "2", ignore = "log")
 * Result fit(Dataset data, @Ignored Logger log) { ... }
 * }</pre>
 *
 * <p>The key is the digest of the method's identity ({@link FunctionId}: class-qualified name,
 * erased parameter types, package, version and, with {@link #hashBytecode()}, the digest of its
 * bytecode) and of its arguments by parameter name. The receiver of an instance method is the
 * argument {@code this}. Exceptions are never cached; {@code null} results are. A call whose
 * arguments cannot be digested, or whose result the cache refuses, runs normally, uncached, with a
 * warning. Misuse (a {@code void} or {@code Stream}-returning method, an unknown parameter name
 * in {@link #ignore()}) is reported when the class loads, and the method runs unchanged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fleche {
  /**
   * The function's version; changing it invalidates the cache. Empty (the default): the declaring
   * jar's {@code Implementation-Version}, if any, so that a release invalidates.
   */
  String version() default "";

  /** Whether the version takes part in the key (and in queries). */
  boolean hashVersion() default true;

  /** Whether the package takes part in the key (and in queries). */
  boolean hashModule() default true;

  /**
   * Whether the method's own bytecode (instructions and constants, not line numbers, not other
   * methods) takes part in the key, so that editing the body invalidates.
   */
  boolean hashBytecode() default false;

  /** Parameters left out of the key and the record ({@code "this"} for the receiver). */
  String[] ignore() default {};

  /** Parameters that must be non-null for the call to be cached; else it runs uncached. */
  String[] require() default {};

  /** Extra metadata plugins recorded for this method, after the active ones. */
  Class<? extends MetaData>[] meta() default {};
}
