package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleche.Digest;
import io.fleche.cli.FlecheCli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real cache — calls in SQLite, values in files — filled by {@link
 * CliPrograms} in a JVM started with {@code -javaagent:fleche.jar}. Each test works on its own copy
 * of that cache; commands run in this JVM ({@link FlecheCli#run}) and, for a few, as {@code java
 * -jar fleche.jar}.
 */
class CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      String.join(
          "\n",
          "[default]",
          "cache = \"disk\"",
          "root = true",
          "",
          "[disk]",
          "template = \"sql\"",
          "root = \"store\"",
          "allow = [\"example.memo\"]",
          "",
          "[archive]",
          "template = \"sql\"",
          "root = \"archive\"",
          "");

  @TempDir static Path filled;
  @TempDir Path work;

  @BeforeAll
  static void fillTheCache() throws Exception {
    Files.writeString(filled.resolve("fleche.toml"), CONFIG);
    String out = new ForkedJvm(filled).run(CliPrograms.class);
    assertTrue(out.contains("filled"), out);
  }

  @BeforeEach
  void copyTheCache() throws IOException {
    try (Stream<Path> files = Files.walk(filled)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = work.resolve(filled.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  /** What a command printed, and its exit status. */
  record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().collect(Collectors.toList());
    }

    Run ok() {
      assertEquals(0, status, this::toString);
      return this;
    }
  }

  /** {@code fleche -C work ARGS} in this JVM. */
  private Run fleche(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("-C", work.toString()));
    all.addAll(List.of(args));
    int status =
        FlecheCli.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all.toArray(new String[0]));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code java [jvmOptions] -jar fleche.jar -C work ARGS} in a process of its own. */
  private Run jar(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", ForkedJvm.agentJar().toString(), "-C", work.toString()));
    command.addAll(List.of(args));
    Path err = work.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(command).redirectError(err.toFile()).directory(work.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fleche.jar did not finish");
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private static List<Map<String, Object>> jsonLines(String out) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : out.lines().collect(Collectors.toList())) {
      rows.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
    }
    return rows;
  }

  /** The rows of RFC 4180 CSV as maps from the header's names (no quoted newlines here). */
  private static List<Map<String, String>> csv(String out) {
    List<List<String>> lines = new ArrayList<>();
    for (String line : out.split("\r\n")) {
      List<String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          fields.add(f.toString());
          f.setLength(0);
        } else {
          f.append(c);
        }
      }
      fields.add(f.toString());
      lines.add(fields);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> fields : lines.subList(1, lines.size())) {
      assertEquals(lines.get(0).size(), fields.size(), fields.toString());
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        row.put(lines.get(0).get(i), fields.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private List<String> keys(String... queryArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("query", "--format", "json"));
    args.addAll(List.of(queryArgs));
    return jsonLines(fleche(args.toArray(new String[0])).ok().out).stream()
        .map(r -> (String) r.get("key"))
        .collect(Collectors.toList());
  }

  private Set<String> names(String... queryArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("query", "--format", "json"));
    args.addAll(List.of(queryArgs));
    return jsonLines(fleche(args.toArray(new String[0])).ok().out).stream()
        .map(r -> (String) r.get("name"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---------------------------------------------------------------- config

  @Test
  void config_namesTheFileRead_andWhatEachCacheResolvesTo() throws Exception {
    String out = fleche("config").ok().out;
    Path dir = work.toRealPath();
    assertTrue(out.contains("  " + dir.resolve("fleche.toml")), out);
    assertTrue(out.contains("Default cache: disk"), out);
    assertTrue(out.contains("Default metadata: Runtime"), out);
    assertTrue(out.contains("  disk (default)\n    values: file at " + dir.resolve("store/values")), out);
    assertTrue(out.contains("    calls:  sql at jdbc:sqlite:" + dir.resolve("store/calls.db")), out);
    assertTrue(out.contains("  archive\n    values: file at " + dir.resolve("archive/values")), out);
  }

  @Test
  void config_withAMalformedCache_showsTheError_andFails() throws Exception {
    Files.writeString(work.resolve("fleche.toml"), CONFIG + "\n[broken]\ntemplate = \"sql\"\n");
    Run run = fleche("config");
    assertEquals(1, run.status);
    assertTrue(run.out.contains("  broken\n    error: "), run.out);
    assertTrue(run.out.contains("needs a root directory"), run.out);
    assertEquals(1, run.err.lines().count(), run.err);
  }

  // ---------------------------------------------------------------- ls

  @Test
  void ls_countsCallsPerFunction_withTimesAndValueSizes_inEveryFormat() throws Exception {
    List<Map<String, String>> rows = csv(fleche("ls", "--format", "csv").ok().out);
    Map<String, Map<String, String>> byName =
        rows.stream().collect(Collectors.toMap(r -> r.get("function"), r -> r));
    assertEquals(
        Set.of("CliPrograms.square", "CliPrograms.twice", "CliPrograms.half", "CliPrograms.greet",
            "CliPrograms.series", "CliPrograms.span", "CliPrograms.blocks"),
        byName.keySet());
    assertEquals("1000", byName.get("CliPrograms.square").get("calls"));
    assertEquals("(int)", byName.get("CliPrograms.square").get("signature"));
    assertEquals("(long)", byName.get("CliPrograms.twice").get("signature"));
    assertEquals("2", byName.get("CliPrograms.greet").get("calls"));
    for (Map<String, String> r : rows) {
      assertFalse(
          Instant.parse(r.get("first")).isAfter(Instant.parse(r.get("last"))), r.toString());
    }
    // series(4096): the bytes of its argument's and its result's files
    Map<String, Object> series = jsonLines(fleche("query", "--name", "CliPrograms.series", "--format", "json").ok().out).get(0);
    long files =
        valueFile(Digest.of(4096)) + valueFile(Digest.fromHex((String) series.get("result_digest")));
    assertEquals(String.valueOf(files), byName.get("CliPrograms.series").get("bytes"));
    assertTrue(files > 4096 * 8, "a double[4096] takes " + files + " bytes");

    List<Map<String, Object>> json = jsonLines(fleche("ls", "--format", "json").ok().out);
    assertEquals(7, json.size());
    assertEquals(1000, json.stream().filter(r -> r.get("function").equals("CliPrograms.square")).findFirst().orElseThrow().get("calls"));

    List<String> table = fleche("ls").ok().lines();
    assertTrue(table.get(0).matches("function +signature +calls +first +last +bytes"), table.get(0));
    assertTrue(table.get(table.size() - 1).matches("7 functions, 1010 calls, [0-9.]+ KiB of values in disk"), table.get(table.size() - 1));
    assertTrue(fleche("ls", "--no-sizes", "--format", "csv").ok().out.contains("CliPrograms.series,(int),1,"));
  }

  private long valueFile(Digest d) throws IOException {
    String hex = d.toString();
    return Files.size(work.resolve("store/values").resolve(hex.substring(0, 2)).resolve(hex));
  }

  // ---------------------------------------------------------------- query

  @Test
  void query_plainValues_matchEveryType_typedValuesOnlyTheirs() throws Exception {
    assertEquals(
        Set.of("CliPrograms.square", "CliPrograms.twice", "CliPrograms.half", "CliPrograms.greet"),
        names("--arg", "n=7"));
    assertEquals(Set.of("CliPrograms.square"), names("--arg", "n=7i"));
    assertEquals(Set.of("CliPrograms.twice"), names("--arg", "n=7L"));
    assertEquals(Set.of("CliPrograms.half"), names("--arg", "n=7d"));
    assertEquals(Set.of("CliPrograms.half"), names("--arg", "n=7.0"));
    assertEquals(Set.of("CliPrograms.greet"), names("--arg", "n=\"7\""));
    assertEquals(Set.of(), names("--arg", "n=7f"));
    assertEquals(Set.of("CliPrograms.greet"), names("--arg", "n=ada"));
    assertEquals(Set.of("CliPrograms.half"), names("--arg", "n=1.5"));
    assertEquals(Set.of("CliPrograms.series"), names("--arg", "length=4096"));
    // by digest, as show prints it
    assertEquals(Set.of("CliPrograms.twice"), names("--arg", "n=#" + Digest.of(100L)));
  }

  @Test
  void query_byNameArgumentResultAndMetadata_asJson() throws Exception {
    List<Map<String, Object>> found =
        jsonLines(fleche("query", "--name", "CliPrograms.square", "--arg", "n=7", "--format", "json").ok().out);
    assertEquals(1, found.size());
    Map<String, Object> call = found.get(0);
    assertEquals(Map.of("n", 7), call.get("arguments"));
    assertEquals(49, call.get("result"));
    assertEquals("(int)", call.get("signature"));
    assertEquals("example.memo", call.get("module"));
    assertEquals(Digest.of(49L).toString(), call.get("result_digest"));
    assertEquals(Map.of("n", Digest.of(7).toString()), call.get("argument_digests"));
    assertEquals(Map.of("project", "alpha"), ((Map<?, ?>) call.get("metadata")).get("tags"));
    assertEquals(64, ((String) call.get("key")).length());

    assertEquals(1, keys("--name", "CliPrograms.square", "--result", "49").size());
    assertEquals(1, keys("--name", "CliPrograms.square", "--result", "49L").size());
    assertEquals(0, keys("--name", "CliPrograms.square", "--result", "49i").size());
    assertEquals(Set.of("CliPrograms.greet", "CliPrograms.series"), names("--meta", "tags.project=beta"));
    assertEquals(2, keys("--meta", "tags.project=alpha", "--name", "CliPrograms.half").size());
    assertEquals(0, keys("--meta", "tags.project=gamma").size());
    assertEquals(1010, keys("--meta", "runtime.timestop").size());
    assertEquals(1000, keys("--signature", "(int)", "--name", "CliPrograms.square").size());
  }

  @Test
  void query_limitAndLatest() throws Exception {
    assertEquals(5, keys("--limit", "5").size());
    List<Map<String, Object>> latest = jsonLines(fleche("query", "--latest", "--format", "json").ok().out);
    assertEquals(1, latest.size());
    assertEquals("CliPrograms.series", latest.get(0).get("name"), "computed last");
    List<Map<String, Object>> three = jsonLines(fleche("query", "--latest=3", "--format", "json").ok().out);
    assertEquals(
        List.of(Map.of("length", 4096), Map.of("n", "ada"), Map.of("n", "7")),
        three.stream().map(r -> r.get("arguments")).collect(Collectors.toList()));
  }

  @Test
  void query_csv_hasFullKeys_andParsesBack() throws Exception {
    List<Map<String, String>> rows = csv(fleche("query", "--name", "CliPrograms.twice", "--format", "csv").ok().out);
    assertEquals(2, rows.size());
    assertEquals(List.of("key", "name", "n", "result", "module"), new ArrayList<>(rows.get(0).keySet()).subList(0, 5));
    Map<String, String> byArgument = rows.stream().collect(Collectors.toMap(r -> r.get("n"), r -> r.get("result")));
    assertEquals(Map.of("7", "14", "100", "200"), byArgument);
    assertTrue(rows.stream().allMatch(r -> Digest.isDigest(r.get("key"))), rows.toString());
    assertTrue(rows.get(0).containsKey("timestop"), rows.get(0).toString());

    String selected =
        fleche("query", "--name", "CliPrograms.twice", "--columns", "n,result", "--format", "csv").ok().out;
    assertTrue(selected.startsWith("n,result\r\n"), selected);
    assertEquals(Set.of("7,14", "100,200"), Set.copyOf(Arrays.asList(selected.split("\r\n")).subList(1, 3)));
    Run unknown = fleche("query", "--columns", "nope");
    assertEquals(1, unknown.status);
    assertTrue(unknown.err.startsWith("fleche: No column nope; the columns are [key, name, "), unknown.err);
    Map<String, String> series = csv(fleche("query", "--name", "CliPrograms.series", "--format", "csv").ok().out).get(0);
    List<Double> values = JSON.readValue(series.get("result"), new TypeReference<List<Double>>() {});
    assertEquals(4096, values.size(), "CSV holds the whole value, as JSON");
    assertEquals(0.5 * 4095, values.get(4095));
  }

  @Test
  void query_table_isAligned_withShortKeysThatShowExpands_andLargeValuesSummarized() throws Exception {
    List<String> lines = fleche("query", "--name", "CliPrograms.twice").ok().lines();
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.get(1).matches("[- ]+"), lines.get(1));
    int nameColumn = lines.get(0).indexOf("name");
    for (String row : lines.subList(2, 4)) {
      assertEquals("CliPrograms.twice", row.substring(nameColumn).split(" +")[0], row);
      String shortKey = row.split(" +")[0];
      assertTrue(shortKey.length() >= 4 && shortKey.length() < 64, shortKey);
      assertTrue(fleche("show", shortKey).ok().out.contains("CliPrograms.twice(long)"));
    }
    String series = fleche("query", "--name", "CliPrograms.series").ok().lines().get(2);
    assertTrue(series.contains("double[4096] [0.0, 0.5, 1.0"), series);
    assertTrue(series.contains("…"), series);
  }

  // ---------------------------------------------------------------- show

  @Test
  void show_printsIdentityArgumentsResultAndMetadata() throws Exception {
    String key = keys("--name", "CliPrograms.series").get(0);
    String out = fleche("show", key.substring(0, 12)).ok().out;
    assertEquals(key, shown(out, "call"));
    assertEquals("CliPrograms.series(int)", shown(out, "function"));
    assertEquals("example.memo", shown(out, "module"));
    assertEquals("4096", shown(out, "  length"));
    assertTrue(out.contains("Integer, "), out);
    assertTrue(shown(out, "result").startsWith("double[4096] [0.0, 0.5, 1.0, 1.5"), out);
    Matcher stored = Pattern.compile("double\\[4096], ([0-9.]+) KiB stored, #([0-9a-f]{64})").matcher(out);
    assertTrue(stored.find(), out);
    assertEquals("\"beta\"", shown(out, "  tags.project"));
    assertTrue(shown(out, "  runtime.timestop").matches("[0-9]{10}\\.[0-9]+ \\(20[0-9-]+T[0-9:.]+Z\\)"), out);
    int column = out.lines().findFirst().orElseThrow().indexOf(key);
    assertTrue(out.lines().filter(l -> l.length() > column).allMatch(l -> l.charAt(column - 1) == ' ' && l.charAt(column) != ' '), "aligned\n" + out);

    Map<String, Object> json = jsonLines(fleche("show", key.substring(0, 12), "--json").ok().out).get(0);
    assertEquals(key, json.get("key"));
    assertEquals(4096, ((List<?>) json.get("result")).size());

    // a value's key shows the value
    String value = fleche("show", stored.group(2)).ok().out;
    assertEquals(stored.group(2), shown(value, "value"));
  }

  /** The text after {@code label} on the line it starts. */
  private static String shown(String out, String label) {
    return out.lines()
        .filter(l -> l.matches(Pattern.quote(label) + "  +\\S.*"))
        .map(l -> l.substring(label.length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " in\n" + out));
  }

  @Test
  void show_anAmbiguousShortKey_failsNamingTheLengthNeeded() throws Exception {
    // 1010 calls and their values: some keys share their first 4 hex digits
    Set<String> stored = new HashSet<>();
    for (Map<String, Object> c : jsonLines(fleche("query", "--format", "json").ok().out)) {
      stored.add((String) c.get("key"));
      stored.addAll(((Map<String, String>) c.get("argument_digests")).values());
      stored.add((String) c.get("result_digest"));
    }
    List<String> sorted = new ArrayList<>(new TreeSet<>(stored));
    String a = null;
    String b = null;
    for (int i = 0; i + 1 < sorted.size() && a == null; i++) {
      if (sorted.get(i).regionMatches(0, sorted.get(i + 1), 0, 4)) {
        a = sorted.get(i);
        b = sorted.get(i + 1);
      }
    }
    assertNotNull(a, "no two keys share 4 digits");
    int common = 0;
    while (a.charAt(common) == b.charAt(common)) {
      common++;
    }
    Run run = fleche("show", a.substring(0, 4));
    assertEquals(1, run.status);
    assertEquals("", run.out);
    assertEquals(1, run.err.lines().count(), run.err);
    assertTrue(run.err.startsWith("fleche: Short digest " + a.substring(0, 4) + " is ambiguous"), run.err);
    assertTrue(run.err.contains("need at least " + (common + 1) + " characters"), run.err);
    assertTrue(run.err.contains(a) && run.err.contains(b), run.err);

    Run tooShort = fleche("show", "abc");
    assertEquals(1, tooShort.status);
    assertTrue(tooShort.err.contains("Not a key: abc"), tooShort.err);
    Run missing = fleche("show", "0".repeat(64));
    assertEquals(1, missing.status);
    assertTrue(missing.err.contains("No call under " + "0".repeat(64)), missing.err);
  }

  // ---------------------------------------------------------------- evict

  @Test
  void evict_dryRunChangesNothing_thenEvictsTheSameCalls() throws Exception {
    String before = fleche("ls", "--format", "csv").ok().out;
    Run dry = fleche("evict", "--name", "CliPrograms.twice", "--dry-run", "--format", "json").ok();
    assertEquals(2, jsonLines(dry.out).size());
    assertTrue(dry.err.contains("Would evict 2 calls from disk"), dry.err);
    assertEquals(before, fleche("ls", "--format", "csv").ok().out);

    assertTrue(fleche("evict", "--name", "CliPrograms.twice").ok().out.contains("Evicted 2 calls from disk"));
    assertEquals(List.of(), keys("--name", "CliPrograms.twice"));
    assertEquals(1000, keys("--name", "CliPrograms.square").size());

    String seven = keys("--name", "CliPrograms.square", "--arg", "n=7").get(0);
    fleche("evict", seven.substring(0, 10)).ok();
    assertEquals(999, keys("--name", "CliPrograms.square").size());
  }

  @Test
  void evict_needsKeysFiltersOrAll() {
    Run run = fleche("evict");
    assertEquals(2, run.status);
    assertTrue(run.err.startsWith("fleche: Name the calls: keys, filters, or --all (see 'fleche evict --help')"), run.err);
    Run both = fleche("evict", "abcd", "--name", "x");
    assertEquals(2, both.status);
    assertTrue(both.err.contains("Give keys or filters, not both"), both.err);
    assertTrue(fleche("evict", "--all").ok().out.contains("Evicted 1010 calls"));
    assertEquals("", fleche("query", "--format", "json").ok().out);
  }

  // ---------------------------------------------------------------- transfer

  @Test
  void transfer_copiesCallsAndValues_underTheSameKeys() throws Exception {
    List<String> beta = keys("--meta", "tags.project=beta");
    String dry = fleche("transfer", "--to", "archive", "--meta", "tags.project=beta", "--dry-run").ok().out;
    assertTrue(dry.contains("Would copy 3 calls from disk to archive"), dry);
    assertEquals(List.of(), keys("--cache", "archive"));

    assertTrue(fleche("transfer", "--to", "archive", "--meta", "tags.project=beta").ok().out
        .contains("Copied 3 calls from disk to archive"));
    List<Map<String, Object>> copied = jsonLines(fleche("--cache", "archive", "query", "--format", "json").ok().out);
    assertEquals(new TreeSet<>(beta), copied.stream().map(c -> (String) c.get("key")).collect(Collectors.toCollection(TreeSet::new)));
    Map<String, Object> series = copied.stream().filter(c -> c.get("name").equals("CliPrograms.series")).findFirst().orElseThrow();
    assertEquals(4096, ((List<?>) series.get("result")).size(), "the value was copied");
    assertEquals(Map.of("project", "beta"), ((Map<?, ?>) series.get("metadata")).get("tags"));
    assertEquals(3, keys("--meta", "tags.project=beta").size(), "a copy keeps the source");

    String again = fleche("transfer", "--to", "archive", "--meta", "tags.project=beta").ok().out;
    assertTrue(again.contains("Copied 0 calls from disk to archive; skipped 3 that archive holds already"), again);
    assertTrue(fleche("transfer", "--to", "archive", "--meta", "tags.project=beta", "--overwrite").ok().out
        .contains("Copied 3 calls"));

    assertTrue(fleche("transfer", "--to", "archive", "--move", "--name", "CliPrograms.half").ok().out
        .contains("Moved 2 calls from disk to archive"));
    assertEquals(List.of(), keys("--name", "CliPrograms.half"));
    assertEquals(2, keys("--cache", "archive", "--name", "CliPrograms.half").size());
  }

  @Test
  void transfer_toTheSourceOrAnUnknownCache_fails() {
    assertEquals(2, fleche("transfer", "--to", "disk").status);
    Run unknown = fleche("transfer", "--to", "nowhere");
    assertEquals(1, unknown.status);
    assertTrue(unknown.err.startsWith("fleche: No cache named 'nowhere' in "), unknown.err);
  }

  // ---------------------------------------------------------------- stats

  @Test
  void stats_ofTheStoredCalls_countsCallsAndAddsUpTheirRecordedComputingTime() throws Exception {
    Map<String, Double> walltimes = new java.util.HashMap<>();
    for (Map<String, Object> c : jsonLines(fleche("query", "--format", "json").ok().out)) {
      Map<?, ?> runtime = (Map<?, ?>) ((Map<?, ?>) c.get("metadata")).get("runtime");
      walltimes.merge((String) c.get("name"), ((Number) runtime.get("walltime")).doubleValue(), Double::sum);
    }
    String csv = fleche("stats", "--format", "csv").ok().out;
    assertTrue(csv.startsWith("function,signature,calls,computing,mean,bytes,first,last\r\n"), csv);
    Map<String, Map<String, String>> stats = byFunction(csv(csv));
    Map<String, Map<String, String>> ls = byFunction(csv(fleche("ls", "--format", "csv").ok().out));
    assertEquals(
        Map.of("CliPrograms.square", "1000", "CliPrograms.twice", "2", "CliPrograms.half", "2",
            "CliPrograms.greet", "2", "CliPrograms.series", "1", "CliPrograms.span", "1",
            "CliPrograms.blocks", "2"),
        stats.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("calls"))));
    for (Map.Entry<String, Map<String, String>> e : stats.entrySet()) {
      Map<String, String> row = e.getValue();
      double computing = Double.parseDouble(row.get("computing"));
      assertEquals(walltimes.get(e.getKey()), computing, 1e-9, row.toString());
      assertEquals(computing / Long.parseLong(row.get("calls")), Double.parseDouble(row.get("mean")), 1e-12, row.toString());
      for (String column : List.of("signature", "bytes", "first", "last")) {
        assertEquals(ls.get(e.getKey()).get(column), row.get(column), column + " as ls has it");
      }
    }

    List<Map<String, Object>> json = jsonLines(fleche("stats", "--format", "json").ok().out);
    Map<String, Object> square = json.stream().filter(r -> r.get("function").equals("CliPrograms.square")).findFirst().orElseThrow();
    assertEquals(1000, square.get("calls"));
    assertEquals(walltimes.get("CliPrograms.square"), ((Number) square.get("computing")).doubleValue(), 1e-9);

    List<String> table = fleche("stats").ok().lines();
    assertTrue(table.get(0).matches("function +signature +calls +computing +mean +bytes +first +last"), table.get(0));
    assertTrue(table.get(table.size() - 1).matches(
        "7 functions, 1010 calls, [0-9.]+ (µs|ms|s) computing recorded, [0-9.]+ KiB of values in disk"),
        table.get(table.size() - 1));
  }

  private static Map<String, Map<String, String>> byFunction(List<Map<String, String>> rows) {
    return rows.stream().collect(Collectors.toMap(r -> r.get("function"), r -> r));
  }

  @Test
  void statsPid_readsTheLiveCountsOfARunningJvm_asTheJarAndInProcess() throws Exception {
    Process running = new ForkedJvm(work).start(WaitingProgram.class);
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line = output.readLine(); !"ready".equals(line); line = output.readLine()) {
        assertNotNull(line, "the program ended before it was ready:\n" + seen);
        seen.append(line).append('\n');
      }
      String pid = String.valueOf(running.pid());

      List<Map<String, Object>> rows = jsonLines(jar(List.of(), "stats", "--pid", pid, "--format", "json").ok().out);
      Map<String, Map<String, Object>> byFunction =
          rows.stream().collect(Collectors.toMap(r -> r.get("function") + "" + r.get("signature"), r -> r));
      assertEquals(Set.of("example.memo.CliPrograms.square(int)", "example.memo.CliPrograms.twice(long)",
          "example.memo.CliPrograms.greet(java.lang.String)"), byFunction.keySet());
      assertCounts(byFunction.get("example.memo.CliPrograms.square(int)"), 10, 3);
      assertCounts(byFunction.get("example.memo.CliPrograms.twice(long)"), 1, 0);
      assertCounts(byFunction.get("example.memo.CliPrograms.greet(java.lang.String)"), 0, 1);

      List<String> table = fleche("stats", "--pid", pid).ok().lines();
      assertTrue(table.get(0).matches("cache +function +signature +hits +front_hits +misses +uncached +reasons +computing +saved"), table.get(0));
      assertTrue(table.get(table.size() - 1).startsWith("JVM " + pid + ": 1 cache, 3 functions; 11 hits (0 front), 4 misses, 0 uncached; computing "), table.toString());
      assertEquals(3, csv(fleche("stats", "--pid", pid, "--cache", "disk", "--format", "csv").ok().out).size());
      Run other = fleche("stats", "--pid", pid, "--cache", "archive");
      assertEquals(1, other.status);
      assertEquals("fleche: JVM " + pid + " has no cache named 'archive'; it has [disk]\n", other.err);
    } finally {
      running.getOutputStream().close();
      assertTrue(running.waitFor(60, TimeUnit.SECONDS), "the program did not end");
    }
    assertEquals(0, running.exitValue());
  }

  private static void assertCounts(Map<String, Object> row, int hits, int misses) {
    assertEquals("disk", row.get("cache"), row.toString());
    assertEquals(hits, row.get("hits"), row.toString());
    assertEquals(misses, row.get("misses"), row.toString());
    assertEquals(0, row.get("front_hits"), row.toString());
    assertEquals(0, row.get("uncached"), row.toString());
    assertEquals(Map.of(), row.get("reasons"), row.toString());
  }

  @Test
  void statsPid_ofAProcessThatIsNotAJvm_failsWithOneLine_andLeavesItAlone() throws Exception {
    Process cat = new ProcessBuilder("cat").start();
    try {
      Run run = fleche("stats", "--pid", String.valueOf(cat.pid()));
      assertEquals(1, run.status, run.toString());
      assertEquals("fleche: Process " + cat.pid() + " is not a JVM of this user (or it runs with -XX:-UsePerfData)\n", run.err);
      assertTrue(cat.isAlive(), "no signal was sent to it");
    } finally {
      cat.getOutputStream().close();
      assertTrue(cat.waitFor(60, TimeUnit.SECONDS));
    }
  }

  // ---------------------------------------------------------------- gc

  /** The keys of the value files of the cache. */
  private Set<String> valueFiles() throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("store/values"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(Digest::isDigest)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private Path valueFile(String key) {
    return work.resolve("store/values").resolve(key.substring(0, 2)).resolve(key);
  }

  /** Every call of the cache, as {@code query --format json} loads them. */
  private List<Map<String, Object>> everyCall() throws IOException {
    return jsonLines(fleche("query", "--format", "json").ok().out);
  }

  private Map<String, Object> theCall(String... queryArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("query", "--format", "json"));
    args.addAll(List.of(queryArgs));
    List<Map<String, Object>> found = jsonLines(fleche(args.toArray(new String[0])).ok().out);
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  /** How gc prints a size: {@code 183 B}, or {@code 2.1 KiB (2184 bytes)}. */
  private static String size(long bytes) {
    return bytes < 1024
        ? bytes + " B"
        : String.format(java.util.Locale.ROOT, "%.1f KiB (%d bytes)", bytes / 1024.0, bytes);
  }

  @Test
  void gc_removesOnlyTheValuesNoCallRefersTo_destructuredPartsIncluded() throws Exception {
    Map<String, Object> blocks1 = theCall("--name", "CliPrograms.blocks", "--arg", "n=1");
    String list = (String) blocks1.get("result_digest");
    String ownPart = Digest.of(new double[] {1, -1}).toString();
    String sharedPart = Digest.of(new double[] {0.5, 1.5}).toString();
    assertTrue(valueFiles().containsAll(Set.of(list, ownPart, sharedPart)), "stored in parts");
    fleche("evict", "--name", "CliPrograms.twice").ok();
    fleche("evict", (String) blocks1.get("key")).ok();
    // twice's 100L is also the result of square(10), blocks(1)'s 1 the argument of square(1)
    Set<String> orphans =
        Set.of(Digest.of(7L).toString(), Digest.of(14L).toString(), Digest.of(200L).toString(),
            list, ownPart);
    long bytes = 0;
    for (String o : orphans) {
      bytes += Files.size(valueFile(o));
    }
    Set<String> before = valueFiles();
    List<Map<String, Object>> calls = everyCall();

    Run young = fleche("gc").ok();
    assertEquals(
        List.of("Removed 0 values that no call refers to from disk: 0 B",
            "Values saved or used in the last 10m are kept (--grace)"),
        young.lines());
    Run dryRun = fleche("gc", "--grace", "0", "--dry-run").ok();
    assertEquals(
        List.of("Would remove 5 values that no call refers to from disk: " + size(bytes)),
        dryRun.lines());
    assertEquals(before, valueFiles(), "a dry run removes nothing");

    Run gc = fleche("gc", "--grace", "0s").ok();

    assertEquals(dryRun.out.replace("Would remove", "Removed"), gc.out);
    Set<String> kept = new TreeSet<>(before);
    kept.removeAll(orphans);
    assertEquals(kept, valueFiles());
    assertTrue(kept.contains(sharedPart) && kept.contains(Digest.of(100L).toString()));
    assertEquals(calls, everyCall(), "every call left loads, as before");
    assertEquals(
        List.of(List.of(0.5, 1.5), List.of(2.0, -2.0)),
        theCall("--name", "CliPrograms.blocks").get("result"));
    assertTrue(fleche("verify").ok().out.contains(": no problems"));
  }

  @Test
  void gc_withNothingToCollect_removesNothing() throws Exception {
    Set<String> before = valueFiles();
    assertEquals(
        List.of("Removed 0 values that no call refers to from disk: 0 B"),
        fleche("gc", "--grace", "0").ok().lines());
    assertEquals(before, valueFiles());
  }

  // ---------------------------------------------------------------- verify

  private void updateDatabase(String... statements) throws SQLException {
    String url = "jdbc:sqlite:" + work.resolve("store/calls.db");
    try (Connection db = DriverManager.getConnection(url);
        java.sql.Statement s = db.createStatement()) {
      db.setAutoCommit(false);
      for (String sql : statements) {
        assertTrue(s.executeUpdate(sql) > 0, sql);
      }
      db.commit();
    }
  }

  /** A key as SQLite's blob literal. */
  private static String blob(Object key) {
    return "x'" + key + "'";
  }

  @Test
  void verify_findsEachKindOfDamage_andRepairRemovesIt() throws Exception {
    Map<String, Object> series = theCall("--name", "CliPrograms.series");
    Map<String, Object> greet = theCall("--name", "CliPrograms.greet", "--arg", "n=ada");
    Map<String, Object> half = theCall("--name", "CliPrograms.half", "--arg", "n=1.5");
    Map<String, Object> twice = theCall("--name", "CliPrograms.twice", "--arg", "n=7");
    Map<String, Object> square = theCall("--name", "CliPrograms.square", "--arg", "n=5");
    Map<String, Object> blocks = theCall("--name", "CliPrograms.blocks", "--arg", "n=2");
    Path truncated = valueFile((String) series.get("result_digest"));
    Files.write(truncated, Arrays.copyOf(Files.readAllBytes(truncated), 100));
    Path flipped = valueFile((String) greet.get("result_digest"));
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(flipped, bytes);
    Files.copy(valueFile(Digest.of(3.5).toString()), valueFile((String) half.get("result_digest")),
        StandardCopyOption.REPLACE_EXISTING);
    Files.delete(valueFile((String) twice.get("result_digest")));
    Files.delete(valueFile(Digest.of(new double[] {2, -2}).toString()));
    updateDatabase(
        "UPDATE arguments SET value = x'0102' WHERE call_key = " + blob(square.get("key")));

    Run found = fleche("verify");

    assertEquals(3, found.status, found.toString());
    assertEquals("", found.err, "each problem once, on standard output");
    Map<String, String> expected = new TreeMap<>();
    for (Map<String, Object> broken : List.of(series, greet, half, blocks)) {
      expected.put((String) broken.get("key"), "BROKEN_RESULT");
      expected.put((String) broken.get("result_digest"), "UNREADABLE_VALUE");
    }
    expected.put((String) twice.get("key"), "BROKEN_RESULT");
    expected.put((String) square.get("key"), "UNREADABLE_CALL");
    Map<String, String> reported = new TreeMap<>();
    Pattern problem = Pattern.compile("([0-9a-f]{12})  ([A-Z_]+) +(\\S.*)");
    List<String> lines = found.lines();
    for (String line : lines.subList(0, lines.size() - 2)) {
      Matcher m = problem.matcher(line);
      assertTrue(m.matches(), line);
      String key = expected.keySet().stream().filter(k -> k.startsWith(m.group(1))).findFirst()
          .orElseThrow(() -> new AssertionError("unexpected: " + line));
      assertNull(reported.put(key, m.group(2)), "once: " + line);
    }
    assertEquals(expected, reported);
    assertTrue(lines.get(lines.size() - 2).matches("Verified 1009 calls and \\d+ values in disk: 10 problems"), found.out);
    assertEquals(
        "Not repaired: 'fleche verify --repair' removes the 6 calls and 4 values with problems",
        lines.get(lines.size() - 1));

    Run repaired = fleche("verify", "--repair").ok();
    assertTrue(repaired.out.endsWith(
        "Repaired: removed the 6 calls and 4 values with problems; the calls are computed again"
            + " when next needed\n"), repaired.out);
    assertEquals(
        List.of("Verified 1004 calls and " + (valueFiles().size()) + " values in disk: no problems"),
        fleche("verify").ok().lines());
    assertEquals(999, keys("--name", "CliPrograms.square").size());
    assertEquals(List.of(), keys("--name", "CliPrograms.series"));
    assertFalse(Files.exists(truncated));
    assertEquals(1004, everyCall().size(), "the rest loads");
  }

  // ---------------------------------------------------------------- redigest

  @Test
  void redigest_reKeysARecordUnderAnOldKey_andAgainReKeysNothing() throws Exception {
    String key = (String) theCall("--name", "CliPrograms.square", "--arg", "n=3").get("key");
    String old = Digest.of("the key an older Fleche made").toString();
    updateDatabase(
        "UPDATE calls SET key = " + blob(old) + " WHERE key = " + blob(key),
        "UPDATE arguments SET call_key = " + blob(old) + " WHERE call_key = " + blob(key),
        "UPDATE metadata SET call_key = " + blob(old) + " WHERE call_key = " + blob(key));
    assertTrue(fleche("show", old).ok().out.contains("CliPrograms.square(int)"));
    assertEquals(1, fleche("show", key).status);

    assertEquals(
        List.of("Examined 1010 calls in disk: re-keyed 1, failed 0; values under old digests go"
            + " at the next gc"),
        fleche("redigest").ok().lines());
    assertTrue(fleche("show", key).ok().out.contains("CliPrograms.square(int)"));
    assertEquals(1, fleche("show", old).status);

    assertEquals(
        List.of("Examined 1010 calls in disk: re-keyed 0, failed 0"),
        fleche("redigest").ok().lines());
    assertEquals(List.of(key), keys("--name", "CliPrograms.square", "--arg", "n=3"));
    assertTrue(fleche("show", key).ok().out.contains("CliPrograms.square(int)"));
  }

  @Test
  void maintenance_ofAReadOnlyCache_isRefused_butVerifies() throws Exception {
    Files.writeString(
        work.resolve("fleche.toml"),
        CONFIG + "\n[frozen]\ntemplate = \"sql\"\nroot = \"store\"\nallow = [\"example.memo\"]\n"
            + "read_only = true\n");
    for (String[] args :
        List.of(new String[] {"gc"}, new String[] {"gc", "--dry-run"}, new String[] {"redigest"})) {
      List<String> all = new ArrayList<>(List.of("--cache", "frozen"));
      all.addAll(List.of(args));
      Run refused = fleche(all.toArray(new String[0]));
      assertEquals(1, refused.status, refused.toString());
      assertEquals(1, refused.err.lines().count(), refused.err);
      assertTrue(refused.err.contains("read-only"), refused.err);
    }
    assertTrue(fleche("--cache", "frozen", "verify").ok().out.contains(": no problems"));
  }

  // ---------------------------------------------------------------- errors

  @Test
  void usageErrors_exitWith2_andOneLine() {
    for (String[] args :
        List.of(
            new String[] {"frobnicate"},
            new String[] {"query", "--arg", "n"},
            new String[] {"query", "--arg", "n=1.5L"},
            new String[] {"query", "--arg", "n=[1,"},
            new String[] {"query", "--meta", "=x"},
            new String[] {"query", "--format", "xml"},
            new String[] {"stats", "--pid", "1", "--no-sizes"},
            new String[] {"gc", "--grace", "5x"},
            new String[] {"gc", "--grace", "-PT1S"},
            new String[] {})) {
      Run run = fleche(args);
      assertEquals(2, run.status, Arrays.toString(args) + ": " + run);
      assertEquals(1, run.err.lines().count(), Arrays.toString(args) + ": " + run.err);
      assertTrue(run.err.startsWith("fleche: "), run.err);
    }
  }

  @Test
  void everyCommand_hasHelp() {
    for (String command :
        List.of("config", "ls", "query", "show", "evict", "transfer", "gc", "verify", "redigest",
            "stats")) {
      Run help = fleche(command, "--help").ok();
      assertTrue(help.out.startsWith("Usage: fleche " + command + " "), help.out);
      assertTrue(help.out.contains("--cache=NAME"), "global options too\n" + help.out);
    }
    assertTrue(fleche("--help").ok().out.contains("transfer  Copy (or --move) calls"));
  }

  // ---------------------------------------------------------------- as java -jar fleche.jar

  @Test
  void theJar_runsCommands_withoutInstallingTheAgent() throws Exception {
    Run ls = jar(List.of("-Dfleche.verbose=true"), "ls", "--format", "csv").ok();
    assertEquals(7, csv(ls.out).size());
    assertFalse(ls.err.contains("agent installed"), "no agent in a CLI run\n" + ls.err);
    assertEquals("", ls.err);

    Run json = jar(List.of(), "query", "--arg", "n=7i", "--format", "json").ok();
    assertEquals("CliPrograms.square", jsonLines(json.out).get(0).get("name"));
  }

  @Test
  void theJar_readsApplicationTypes_givenTheirClasses() throws Exception {
    String key = keys("--name", "CliPrograms.span").get(0);
    String without = jar(List.of(), "show", key).ok().out;
    assertTrue(without.matches("(?s).*\nresult +<unreadable: .*example\\.memo\\.CliPrograms\\$Span.*"), without);
    String with = jar(List.of(), "--classpath", System.getProperty("fleche.testClasses"), "show", key).ok().out;
    assertTrue(with.matches("(?s).*\nresult +Span\\[from=3, to=6]\n.*"), with);

    // a copy must not lose the value it cannot read: the call fails, nothing is copied
    Run refused = jar(List.of(), "transfer", "--to", "archive", key);
    assertEquals(1, refused.status, refused.toString());
    assertTrue(refused.err.contains("not transferred: " + key), refused.err);
    assertTrue(refused.err.contains("cannot be read"), refused.err);
    assertEquals(List.of(), keys("--cache", "archive"));
    jar(List.of(), "--classpath", System.getProperty("fleche.testClasses"), "transfer", "--to", "archive", key).ok();
    assertEquals(List.of(key), keys("--cache", "archive"));
  }

  @Test
  void theJar_withoutTheApplicationsClasses_verifiesButRemovesNoneOfTheirValues() throws Exception {
    Map<String, Object> span = theCall("--name", "CliPrograms.span");
    String value = (String) span.get("result_digest");
    String missing = "values name classes not found here (example.memo.CliPrograms$Span): give the"
        + " application's classes with --classpath";

    Run repair = jar(List.of(), "verify", "--repair");
    assertEquals(1, repair.status, repair.toString());
    List<String> lines = repair.lines();
    assertTrue(lines.get(0).startsWith(((String) span.get("key")).substring(0, 12) + "  BROKEN_RESULT "), repair.out);
    assertTrue(lines.get(1).startsWith(value.substring(0, 12) + "  UNREADABLE_VALUE  "), repair.out);
    assertTrue(lines.get(1).endsWith("class that is not found: example.memo.CliPrograms$Span"), repair.out);
    assertEquals(List.of("fleche: Not repaired: some " + missing + " first"), repair.err.lines().toList());
    Run gc = jar(List.of(), "gc", "--grace", "0");
    assertEquals(1, gc.status, gc.toString());
    assertEquals(
        List.of("fleche: Nothing removed: gc reads the values to find their parts, and some " + missing),
        gc.err.lines().toList());
    assertEquals(span, theCall("--name", "CliPrograms.span"));

    Run given = jar(List.of(), "--classpath", System.getProperty("fleche.testClasses"), "verify", "--repair").ok();
    assertTrue(given.out.startsWith("Verified 1010 calls and "), given.out);
    assertTrue(given.out.endsWith(" values in disk: no problems\n"), given.out);
  }

  @Test
  void theJar_failsWithOneLine_orAStackTraceWhenVerbose() throws Exception {
    Run quiet = jar(List.of(), "show", "abc");
    assertEquals(1, quiet.status);
    assertEquals(
        List.of("fleche: Not a key: abc (a short digest has 4 to 64 hex characters)"),
        quiet.err.lines().collect(Collectors.toList()));
    Run verbose = jar(List.of(), "--verbose", "show", "abc");
    assertEquals(1, verbose.status);
    assertTrue(verbose.err.contains("java.util.NoSuchElementException"), verbose.err);
    assertTrue(verbose.err.contains("\tat "), verbose.err);
  }
}
