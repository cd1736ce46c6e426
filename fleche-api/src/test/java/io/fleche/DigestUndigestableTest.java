package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What cannot be digested fails with a message naming the type and where it sits. */
class DigestUndigestableTest {

  static final class Pool {
    final String name = "db";
    final Thread lock = new Thread(() -> {});
  }

  record Config(String label, Pool pool) {}

  static final class Node {
    Node next;
    String label = "n";
  }

  record Holder(Object value) {}

  static UndigestableException undigestable(Executable e) {
    return assertThrows(UndigestableException.class, e);
  }

  static UndigestableException undigestable(Object value) {
    return undigestable(() -> Digest.of(value));
  }

  private static void assertMessage(UndigestableException e, String type, String path) {
    assertEquals(type, e.typeName(), e.getMessage());
    assertEquals(path, e.path(), e.getMessage());
    String where = path.isEmpty() ? "" : " at " + path;
    assertTrue(
        e.getMessage().startsWith("Cannot digest " + type + where + ": "), e.getMessage());
  }

  @Test
  void digestOf_lambda_namesTheLambdaClass() {
    Supplier<String> lambda = () -> "x";
    UndigestableException e = undigestable(lambda);
    assertTrue(e.typeName().contains("$$Lambda"), e.typeName());
    assertEquals("", e.path());
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }

  @Test
  void digestOf_methodReferenceInAList_isUndigestableAtItsIndex() {
    Supplier<String> ref = "x"::trim;
    UndigestableException e = undigestable(List.of(1, 2, ref));
    assertEquals("[2]", e.path());
    assertTrue(e.getMessage().contains(" at [2]: "), e.getMessage());
  }

  @Test
  void digestOf_thread_isUndigestable() {
    UndigestableException e = undigestable(Thread.currentThread());
    assertMessage(e, "java.lang.Thread", "");
    assertTrue(e.getMessage().contains("Thread"), e.getMessage());
  }

  @Test
  void digestOf_socket_isUndigestable() throws IOException {
    try (Socket socket = new Socket()) {
      UndigestableException e = undigestable(socket);
      assertMessage(e, "java.net.Socket", "");
    }
  }

  @Test
  void digestOf_otherResources_areUndigestable() {
    assertEquals(
        "java.util.concurrent.locks.ReentrantLock", undigestable(new ReentrantLock()).typeName());
    var executor = Executors.newSingleThreadExecutor();
    try {
      assertTrue(undigestable(executor).typeName().startsWith("java.util.concurrent."));
    } finally {
      executor.shutdownNow();
    }
    UndigestableException loader = undigestable(ClassLoader.getSystemClassLoader());
    assertTrue(loader.getMessage().contains("a ClassLoader is a resource"), loader.getMessage());
    assertTrue(undigestable(List.of(1).iterator()).getMessage().contains("Iterator"));
  }

  @Test
  void digestOf_jdkTypesWithoutCanonicalForm_areUndigestable() {
    assertEquals("java.lang.StringBuilder", undigestable(new StringBuilder("x")).typeName());
    UndigestableException deque = undigestable(new ArrayDeque<>(List.of(1)));
    assertEquals("java.util.ArrayDeque", deque.typeName());
    assertTrue(deque.getMessage().contains("List, Set and Map"), deque.getMessage());
    assertEquals("java.lang.Object", undigestable(new Object()).typeName());
  }

  @Test
  void digestOf_javaTimeObjectsThatAreNotIsoValues_areUndigestable() {
    // Their toString() is not a lossless ISO-8601 form: unequal objects would share a digest
    // (a French and an English formatter; the rules of Paris and of Berlin) ...
    assertEquals(
        "java.time.format.DateTimeFormatter",
        undigestable(java.time.format.DateTimeFormatter.ofPattern("MMMM", java.util.Locale.FRENCH))
            .typeName());
    assertEquals(
        "java.time.zone.ZoneRules",
        undigestable(java.time.ZoneId.of("Europe/Paris").getRules()).typeName());
    assertTrue(
        undigestable(java.time.Clock.systemUTC()).typeName().startsWith("java.time.Clock"));
    assertEquals(
        "java.time.DateTimeException",
        undigestable(new java.time.DateTimeException("x")).typeName());
    // ... or a digest that changes from run to run (a lambda's toString has its identity hash)
    UndigestableException lambda =
        undigestable(java.time.temporal.TemporalAdjusters.firstDayOfMonth());
    assertTrue(lambda.getMessage().contains("lambda"), lambda.getMessage());
  }

  @Test
  void digestOf_javaTimeValues_areDigestedByTheirIsoText() {
    java.time.Instant now = java.time.Instant.parse("2024-05-06T07:08:09.5Z");
    java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
    for (Object v :
        List.of(
            now,
            java.time.LocalDate.of(2024, 5, 6),
            java.time.LocalTime.of(7, 8),
            java.time.LocalDateTime.of(2024, 5, 6, 7, 8),
            java.time.OffsetTime.of(7, 8, 0, 0, java.time.ZoneOffset.ofHours(2)),
            java.time.OffsetDateTime.ofInstant(now, paris),
            java.time.ZonedDateTime.ofInstant(now, paris),
            java.time.Duration.ofMillis(1500),
            java.time.Period.of(1, 2, 3),
            java.time.Year.of(2024),
            java.time.YearMonth.of(2024, 5),
            java.time.MonthDay.of(5, 6),
            java.time.ZoneOffset.ofHoursMinutes(5, 30),
            paris)) {
      assertEquals(
          Digest.fromBytes(
              DigestReferenceEncoderTest.node(
                  0x0F,
                  DigestReferenceEncoderTest.cat(
                      DigestReferenceEncoderTest.textZero(v.getClass().getName()),
                      DigestReferenceEncoderTest.wtf8(v.toString())))),
          Digest.of(v),
          v.getClass().getName());
    }
    assertNotEquals(
        Digest.of(java.time.ZoneId.of("Europe/Paris")),
        Digest.of(java.time.ZoneId.of("Europe/Berlin")));
    // DayOfWeek and Month are enums
    assertEquals(
        Digest.fromBytes(DigestReferenceEncoderTest.refEnum(java.time.DayOfWeek.MONDAY)),
        Digest.of(java.time.DayOfWeek.MONDAY));
  }

  record Throwing(int n) {
    @Override
    public int n() {
      throw new IllegalStateException("no n today");
    }
  }

  @Test
  void digestOf_recordWhoseAccessorThrows_namesTheComponent() {
    UndigestableException e = undigestable(List.of(new Throwing(1)));
    assertEquals(Throwing.class.getName(), e.typeName());
    assertEquals("[0].n", e.path());
    assertTrue(e.getMessage().contains("no n today"), e.getMessage());
  }

  @Test
  void digestOf_classOfALambda_isUndigestable_butOrdinaryClassesAreValues() {
    Runnable r = () -> {};
    UndigestableException e = undigestable(List.of(String.class, r.getClass()));
    assertEquals("[1]", e.path());
    assertEquals(Digest.of(List.of(String.class)), Digest.of(List.of(String.class)));
  }

  @Test
  void digestOf_threadInAFieldOfARecordComponent_namesThePath() {
    UndigestableException e = undigestable(new Config("c", new Pool()));
    assertMessage(e, "java.lang.Thread", "pool.lock");
  }

  @Test
  void digestOf_threadAsMapValue_namesTheKey() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", 1);
    m.put("worker", new Thread(() -> {}));
    assertMessage(undigestable(m), "java.lang.Thread", "[worker]");
  }

  @Test
  void digestOf_threadAsMapKey_saysItIsAKey() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(new Thread(() -> {}), 1);
    UndigestableException e = undigestable(m);
    assertEquals("java.lang.Thread", e.typeName());
    assertTrue(e.path().startsWith("<key "), e.path());
  }

  @Test
  void digestOf_deepPath_joinsSegments() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pools", List.of("a", new Holder(new Object[] {1, Optional.of(new Pool())})));
    UndigestableException e = undigestable(new Holder(m));
    assertMessage(e, "java.lang.Thread", "value[pools][1].value[1].get().lock");
  }

  @Test
  void digestOf_undigestableInsideArraysAndSets_namesTheIndex() {
    assertEquals("[1]", undigestable(new Object[] {1, new Object()}).path());
    assertEquals("[0][0]", undigestable(List.of(List.of(new Object()))).path());
    assertEquals("java.lang.Object", undigestable(java.util.Set.of(new Object())).typeName());
  }

  @Test
  void digestOf_listContainingItself_reportsACycle() {
    List<Object> self = new ArrayList<>();
    self.add(1);
    self.add(self);
    UndigestableException e = undigestable(self);
    assertEquals("java.util.ArrayList", e.typeName());
    assertEquals("[1]", e.path());
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
  }

  @Test
  void digestOf_objectReferencingItself_reportsACycle() {
    Node n = new Node();
    n.next = n;
    UndigestableException e = undigestable(n);
    assertEquals(Node.class.getName(), e.typeName());
    assertEquals("next", e.path());
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
  }

  @Test
  void digestOf_longCycle_reportsACycleNotAStackOverflow() {
    Node first = new Node();
    Node last = first;
    for (int i = 0; i < 50; i++) {
      last.next = new Node();
      last = last.next;
    }
    last.next = first;
    UndigestableException e = undigestable(first);
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    assertEquals("next" + ".next".repeat(50), e.path());
  }

  @Test
  void digestOf_cycleThroughMapAndArray_reportsACycle() {
    Map<String, Object> m = new LinkedHashMap<>();
    Object[] a = {m};
    m.put("a", a);
    assertTrue(undigestable(m).getMessage().contains("cycle"));
    Object[] selfArray = new Object[1];
    selfArray[0] = selfArray;
    assertTrue(undigestable(selfArray).getMessage().contains("cycle"));
  }

  @Test
  void digestOf_nestingDeeperThanTheStack_isUndigestable_andLeavesTheThreadUsable() {
    List<Object> deep = new ArrayList<>();
    List<Object> inner = deep;
    for (int i = 0; i < 200_000; i++) {
      List<Object> next = new ArrayList<>();
      inner.add(next);
      inner = next;
    }
    UndigestableException e = undigestable(deep);
    assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    assertEquals(Digest.of(List.of(1)), Digest.of(new ArrayList<>(List.of(1))));
  }

  @Test
  void digestOf_afterAFailure_stillWorksOnTheSameThread() {
    List<Object> self = new ArrayList<>();
    self.add(List.of(1, 2));
    self.add(self);
    Digest before = Digest.of(List.of(List.of(1, 2), "x"));
    undigestable(self);
    undigestable(new Config("c", new Pool()));
    self.set(1, "x");
    assertEquals(before, Digest.of(self), "no state left over from the failures");
  }

  @Test
  void lookupKey_undigestableArgument_namesTheParameter() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("n", 1);
    args.put("config", new Config("c", new Pool()));
    Call call = Call.of(FunctionId.named("f"), args);
    UndigestableException e = undigestable(call::lookupKey);
    assertMessage(e, "java.lang.Thread", "arguments.config.pool.lock");
    assertMessage(undigestable(call::digested), "java.lang.Thread", "arguments.config.pool.lock");
  }

  @Test
  void lookupKey_lambdaArgument_namesTheParameter() {
    Runnable r = () -> {};
    Call call = Call.of(FunctionId.named("f"), Map.of("callback", r));
    assertEquals("arguments.callback", undigestable(call::lookupKey).path());
  }

  @Test
  void callDigest_undigestableResult_namesTheResult() {
    Call call = Call.of(FunctionId.named("f"), Map.of()).withResult(Arrays.asList(1, new Object()));
    assertEquals("result[1]", undigestable(call::digest).path());
  }

  @Test
  void queryBuild_undigestableTemplateArgument_namesTheArgument() {
    UndigestableException e =
        undigestable(() -> QueryCall.builder().argument("x", new Object()).build());
    assertEquals("arguments.x", e.path());
  }
}
