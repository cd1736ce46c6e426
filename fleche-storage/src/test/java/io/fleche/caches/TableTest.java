package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query results as tables. */
class TableTest {
  private final Cache cache = Caches.memory();

  @Test
  void columns_key_name_module_result_metadata_arguments() {
    cache.save(computed(1).withMetadata(Map.of("runtime", Map.of("walltime", 1.5))));

    Table t = cache.query().table(List.of("steps"), true);
    assertEquals(List.of("key", "name", "module", "result", "walltime", "steps"), t.columns());
    Map<String, Object> row = t.rows().get(0);
    assertEquals("Physics.simulate", row.get("name"));
    assertEquals("org.example", row.get("module"));
    assertEquals(10, row.get("result"));
    assertEquals(1.5, row.get("walltime"));
    assertEquals(1, row.get("steps"));
  }

  @Test
  void aPendingCall_hasAnEmptyResult() {
    io.fleche.storage.ValueStorage values = io.fleche.storages.Storages.valueMemory();
    io.fleche.storage.CallStorage calls = io.fleche.storages.Storages.callMemory();
    calls.save(simulate(3).stash(values)); // admitted, never committed

    Table t = Caches.of(values, calls).query().table(List.of("steps"), true);
    assertEquals(1, t.size());
    assertNull(t.rows().get(0).get("result"));
    assertEquals(3, t.rows().get(0).get("steps"));
  }

  @Test
  void withoutArgumentsAndResults_theTableHasNoSuchColumns() {
    cache.save(computed(1));

    assertEquals(List.of("key", "name", "module"), cache.query().table().columns());
  }

  @Test
  void keys_areShrunk_andExpandBack_orGivenInFull() {
    Digest a = cache.save(computed(1));
    cache.save(computed(2));

    Table t = cache.query().table(List.of(), false);
    for (Object shortKey : t.column("key")) {
      assertTrue(((String) shortKey).length() < Digest.HEX_LENGTH);
      assertTrue(List.of(a, computed(2).lookupKey()).contains(cache.expand((String) shortKey)));
    }
    assertTrue(cache.query().table(List.of(), false, false).column("key").contains(a.toString()));
  }

  @Test
  void aMissingArgument_isNull() {
    cache.save(computed(1));
    cache.save(render(2));

    Table t = cache.query().sortedBy("steps").table(List.of("dt"), false);
    assertEquals(0.01, t.rows().get(0).get("dt"));
    assertNull(t.rows().get(1).get("dt"));
  }

  @Test
  void anArgumentNamedLikeAColumn_isPrefixed_issue352() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("name", "alice");
    args.put("walltime", 3);
    args.put("other", 4);
    cache.save(
        Call.of(SIMULATE, args)
            .withResult(1)
            .withMetadata(Map.of("runtime", Map.of("walltime", 2.0))));

    Table t = cache.query().table(List.of("name", "walltime", "other"), false);
    assertEquals(
        List.of("key", "name", "module", "walltime", "a_name", "a_walltime", "other"), t.columns());
    Map<String, Object> row = t.rows().get(0);
    assertEquals("Physics.simulate", row.get("name"));
    assertEquals("alice", row.get("a_name"));
    assertEquals(2.0, row.get("walltime"));
    assertEquals(3, row.get("a_walltime"));
  }

  @Test
  void metadataKeys_inSeveralNamespaces_orNamedLikeAColumn_carryTheirNamespace() {
    Map<String, Map<String, Object>> meta = new LinkedHashMap<>();
    meta.put("environment", Map.of("host", "a"));
    meta.put("tags", Map.of("host", "b", "name", "run", "project", "x"));
    cache.save(computed(1).withMetadata(meta));

    Table t = cache.query().table();
    assertEquals("a", t.rows().get(0).get("environment.host"));
    assertEquals("b", t.rows().get(0).get("tags.host"));
    assertEquals("run", t.rows().get(0).get("tags.name"));
    assertEquals("x", t.rows().get(0).get("project"));
    assertEquals("Physics.simulate", t.rows().get(0).get("name"));
  }

  @Test
  void metadataAbsentFromACall_isNull() {
    cache.save(computed(1).withMetadata(Map.of("tags", Map.of("project", "x"))));
    cache.save(computed(2));

    Table t = cache.query().sortedBy("steps").table();
    assertEquals(java.util.Arrays.asList("x", null), t.column("project"));
  }

  @Test
  void timestartAndTimestop_areInstants() {
    cache.save(computed(1).withMetadata(finishedAt(1_700_000_000.25)));

    Map<String, Object> row = cache.query().table().rows().get(0);
    assertEquals(Instant.parse("2023-11-14T22:13:20.250Z"), row.get("timestop"));
    assertEquals(Instant.parse("2023-11-14T22:13:19.250Z"), row.get("timestart"));
  }

  @Test
  void toString_alignsTheColumns_andCutsLongValues() {
    cache.save(Call.of(SIMULATE, Map.of("label", "x".repeat(100), "n", 1)).withResult(null));
    cache.save(Call.of(SIMULATE, Map.of("label", "short", "n", 22)).withResult(List.of(1, 2)));

    Table t = cache.query().sortedBy("n").table(List.of("n", "label"), true);
    String[] lines = t.toString().split("\n");
    assertEquals(4, lines.length, t.toString());
    assertTrue(lines[0].startsWith("key"), lines[0]);
    assertTrue(lines[1].matches("-+( +-+)*"), lines[1]);
    int n = lines[0].indexOf("  n ") + 2;
    int label = lines[0].indexOf("label");
    assertEquals("1 ", lines[2].substring(n, n + 2));
    assertEquals("22", lines[3].substring(n, n + 2));
    assertEquals("x".repeat(Table.MAX_CELL_WIDTH - 1) + "…", lines[2].substring(label));
    assertEquals("short", lines[3].substring(label));
    assertTrue(lines[3].contains("[1, 2]"), lines[3]);
  }

  @Test
  void anEmptyQuery_isATableWithoutRows() {
    Table t = cache.query().table(List.of("steps"), true);

    assertEquals(0, t.size());
    assertEquals(List.of("key", "name", "module", "result", "steps"), t.columns());
    assertEquals(2, t.toString().split("\n").length);
  }
}
