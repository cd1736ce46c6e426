package io.fleche.agent;

import io.fleche.Digest;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Fleche's JDK Flight Recorder events, all in the category {@code Fleche} and enabled by default:
 * {@code io.fleche.Hit}, {@code io.fleche.Miss}, {@code io.fleche.Save} and {@code
 * io.fleche.Uncached}, each naming the method ({@code com.acme.Physics.simulate(int,double)}) and
 * the call's key (its first {@value #KEY_LENGTH} hex digits). Record them with {@code jcmd <pid>
 * JFR.start} or {@code -XX:StartFlightRecording}; to leave the hits of a hot method out of a long
 * recording, record with the settings {@code jfr configure +io.fleche.Hit#enabled=false --output
 * nohits.jfc} writes ({@code settings=nohits.jfc}). Hits are recorded without a stack trace
 * ({@code io.fleche.Hit#stackTrace=true} adds it), the other events with one.
 *
 * <p>An event type that is not recorded costs nothing: its probe instance (never escaping, so not
 * allocated once compiled) answers {@code isEnabled()} false and nothing else happens.
 */
final class JfrEvents {
  static final int KEY_LENGTH = 12;

  private JfrEvents() {}

  /** The fields every Fleche event has. */
  @Category("Fleche")
  abstract static class FlecheEvent extends Event {
    @Label("Method")
    @Description("The memoized method: class, name and parameter types")
    String method;

    @Label("Key")
    @Description("The first hex digits of the call's key, as the command line shows it")
    String key;

    void describe(MethodProfile profile, Digest key) {
      this.method = profile.description;
      this.key = key == null ? null : key.prefix(KEY_LENGTH);
    }
  }

  @Name("io.fleche.Hit")
  @Label("Fleche Hit")
  @Description("A memoized call answered from the cache; lasts as long as reading the cache")
  @StackTrace(false) // hits are many and cheap: a stack trace would cost more than the hit
  static final class Hit extends FlecheEvent {
    @Label("Front Layer")
    @Description("Answered by the in-process front layer, without reading the cache")
    boolean front;
  }

  @Name("io.fleche.Miss")
  @Label("Fleche Miss")
  @Description("A memoized call computed to be stored; lasts as long as the computation")
  static final class Miss extends FlecheEvent {}

  @Name("io.fleche.Save")
  @Label("Fleche Save")
  @Description("The result of a miss stored in the cache; lasts as long as storing it")
  static final class Save extends FlecheEvent {}

  @Name("io.fleche.Uncached")
  @Label("Fleche Uncached")
  @Description("A memoized call the cache could not answer or keep")
  static final class Uncached extends FlecheEvent {
    @Label("Reason")
    @Description("required, undigestable, prepare, metadata, load, commit or fault")
    String reason;

    @Label("Message")
    String message;
  }

  static Object beginHit() {
    return new Hit().isEnabled() ? begun(new Hit()) : null;
  }

  static Object beginMiss() {
    return new Miss().isEnabled() ? begun(new Miss()) : null;
  }

  static Object beginSave() {
    return new Save().isEnabled() ? begun(new Save()) : null;
  }

  private static FlecheEvent begun(FlecheEvent event) {
    event.begin();
    return event;
  }

  static void end(Object event, MethodProfile profile, Digest key) {
    FlecheEvent e = (FlecheEvent) event;
    e.end();
    if (e.shouldCommit()) {
      e.describe(profile, key);
      e.commit();
    }
  }

  static void frontHit(MethodProfile profile, Digest key) {
    Hit e = new Hit();
    if (e.isEnabled()) {
      e.front = true;
      e.describe(profile, key);
      e.commit();
    }
  }

  static void uncached(MethodProfile profile, Digest key, String reason, String message) {
    Uncached e = new Uncached();
    if (e.isEnabled()) {
      e.reason = reason;
      e.message = message;
      e.describe(profile, key);
      e.commit();
    }
  }
}
