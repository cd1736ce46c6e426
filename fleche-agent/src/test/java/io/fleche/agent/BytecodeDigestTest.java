package io.fleche.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Bytecode#digest}: a method's instructions and constants, not its line numbers, local
 * variable names or the other methods of its class. Versions of one small class are compiled
 * now, with full debug information.
 */
class BytecodeDigestTest {
  private static final String ORIGINAL =
      String.join(
          "\n",
          "package sample;",
          "public class Sample {",
          "  static int f(int x) {",
          "    int y = x * 3;",
          "    return y + 7;",
          "  }",
          "}");

  private static final String MOVED =
      String.join(
          "\n",
          "package sample;",
          "",
          "// the same code, further down and commented",
          "public class Sample {",
          "",
          "  /** Documented. */",
          "  static int f(int x) {",
          "    // triple it",
          "",
          "    int y = x * 3; /* inline */",
          "",
          "",
          "    return y + 7;",
          "  }",
          "}");

  private static final String RENAMED_LOCAL = ORIGINAL.replace("int y", "int tripled")
      .replace("y + 7", "tripled + 7");

  private static final String OTHER_METHOD_ADDED =
      ORIGINAL.replace(
          "public class Sample {", "public class Sample {\n  static int g() { return 42; }");

  private static final String CONSTANT_CHANGED = ORIGINAL.replace("y + 7", "y + 8");

  private static final String OPERATION_CHANGED = ORIGINAL.replace("x * 3", "x - 3");

  @TempDir Path dir;

  private byte[] compile(String source) throws Exception {
    Path root = Files.createTempDirectory(dir, "v");
    Path file = root.resolve("src/sample/Sample.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    Path out = root.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests run on a JDK");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-g", "-d", out.toString(), file.toString());
    assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
    return Files.readAllBytes(out.resolve("sample/Sample.class"));
  }

  private Digest digestOf(String source) throws Exception {
    return Bytecode.digest(compile(source), "f", "(I)I");
  }

  @Test
  void lineNumbersAndComments_doNotCount() throws Exception {
    byte[] original = compile(ORIGINAL);
    byte[] moved = compile(MOVED);
    assertFalse(Arrays.equals(original, moved), "the class files differ (line numbers)");
    assertEquals(Bytecode.digest(original, "f", "(I)I"), Bytecode.digest(moved, "f", "(I)I"));
  }

  @Test
  void localVariableNames_andOtherMethods_doNotCount() throws Exception {
    Digest original = digestOf(ORIGINAL);
    assertEquals(original, digestOf(RENAMED_LOCAL));
    assertEquals(original, digestOf(OTHER_METHOD_ADDED));
  }

  @Test
  void constantsAndInstructions_count() throws Exception {
    Digest original = digestOf(ORIGINAL);
    assertNotEquals(original, digestOf(CONSTANT_CHANGED));
    assertNotEquals(original, digestOf(OPERATION_CHANGED));
    assertNotEquals(digestOf(CONSTANT_CHANGED), digestOf(OPERATION_CHANGED));
  }

  @Test
  void theDigest_isStable_andNeverThatOfAnotherMethod() throws Exception {
    byte[] classFile = compile(OTHER_METHOD_ADDED);
    assertEquals(digestOf(ORIGINAL), Bytecode.digest(classFile, "f", "(I)I"));
    assertNotEquals(
        Bytecode.digest(classFile, "f", "(I)I"), Bytecode.digest(classFile, "g", "()I"));
  }
}
