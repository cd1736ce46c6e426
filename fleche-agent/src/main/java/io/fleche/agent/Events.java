package io.fleche.agent;

import io.fleche.Digest;

/**
 * Reports memoized calls to JDK Flight Recorder ({@link JfrEvents}), if this JVM has it: a runtime
 * without the {@code jdk.jfr} module never loads {@link JfrEvents}. An event being recorded is
 * passed around as an {@code Object}, {@code null} when its type is not recorded.
 */
final class Events {
  private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  private Events() {}

  /** A hit event begun now (before reading the cache), or null if hits are not recorded. */
  static Object beginHit() {
    return JFR ? JfrEvents.beginHit() : null;
  }

  /** A miss event begun now (before the body runs), or null if misses are not recorded. */
  static Object beginMiss() {
    return JFR ? JfrEvents.beginMiss() : null;
  }

  /** A save event begun now (before the commit), or null if saves are not recorded. */
  static Object beginSave() {
    return JFR ? JfrEvents.beginSave() : null;
  }

  /** Ends and records {@code event} (from a {@code begin} method; nothing if null). */
  static void end(Object event, MethodProfile profile, Digest key) {
    if (event != null) {
      JfrEvents.end(event, profile, key);
    }
  }

  /** Records a hit answered by the front layer. */
  static void frontHit(MethodProfile profile, Digest key) {
    if (JFR) {
      JfrEvents.frontHit(profile, key);
    }
  }

  /** Records a call that the cache could not answer or keep ({@code key} may be null). */
  static void uncached(MethodProfile profile, Digest key, String reason, String message) {
    if (JFR) {
      JfrEvents.uncached(profile, key, reason, message);
    }
  }
}
