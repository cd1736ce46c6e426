package io.fleche;

import static io.fleche.DigestFormat.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * Computes digests in the encoding of {@link DigestFormat}. One instance per thread; its buffer is
 * used as a stack: a node writes its encoding after the current position, hashes it, and leaves
 * exactly its 32-byte digest in place, where its parent's encoding continues.
 */
final class Digester {
  private static final System.Logger LOG = System.getLogger("io.fleche.digest");
  private static final ThreadLocal<Digester> LOCAL = ThreadLocal.withInitial(Digester::new);
  private static final VarHandle LE_LONG = view(long[].class);
  private static final VarHandle LE_INT = view(int[].class);
  private static final VarHandle LE_SHORT = view(short[].class);
  private static final int HEADER = 9; // tag + 8-byte length

  // --- type dispatch, shared by all threads ---------------------------------------------------

  private static final CopyOnWriteArrayList<DigestHook<?>> registeredHooks =
      new CopyOnWriteArrayList<>();
  private static final CopyOnWriteArrayList<DigestHook<?>> discoveredHooks =
      new CopyOnWriteArrayList<>();
  private static final ConcurrentHashMap<Class<?>, Arm> arms = new ConcurrentHashMap<>();
  private static volatile boolean anyHooks;
  private static volatile boolean discovered;
  private static volatile int generation; // bumped (under the class lock) when hooks change

  // --- per-thread state -------------------------------------------------------------------------

  private final MessageDigest sha = sha256();
  private byte[] buf = new byte[1024];
  private int pos;
  private IdentityHashMap<Object, Boolean> active; // containers on the current path, for cycles

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static Digest digest(Object value) {
    if (!discovered) {
      discoverHooks();
    }
    Digester d = LOCAL.get();
    int start = d.pos;
    try {
      d.node(value);
      return Digest.fromBytes(d.buf, start);
    } catch (StackOverflowError e) {
      throw d.tooDeep(value);
    } finally {
      d.pos = start;
    }
  }

  /** A structure nested so deeply that walking it overflowed the stack: refused, not a crash. */
  private UndigestableException tooDeep(Object root) {
    active = null; // the unwinding may have skipped exits
    return new UndigestableException(
        root == null ? null : root.getClass(),
        "the value is nested too deeply to digest (the stack overflowed); flatten it or give it"
            + " a DigestHook");
  }

  /**
   * The inline text fields of {@code texts} (tag 0x09 or 0x00, 8-byte length, WTF-8 bytes), as
   * they appear in a call lookup key (tag 0x20 of {@link DigestFormat}).
   */
  static byte[] inlineTexts(String... texts) {
    Digester d = LOCAL.get();
    int start = d.pos;
    try {
      for (String t : texts) {
        d.inlineText(t);
      }
      return Arrays.copyOfRange(d.buf, start, d.pos);
    } finally {
      d.pos = start;
    }
  }

  /**
   * The digest of a call's shape (tag 0x22 of {@link DigestFormat}): {@code identity} holds the
   * five encoded identity fields, {@code names} the encoded argument names.
   */
  static Digest callShape(byte[] identity, byte[][] names) {
    Digester d = LOCAL.get();
    int start = d.pos;
    try {
      int node = d.begin(CALL_SHAPE);
      d.putBytes(identity);
      d.putInt(names.length);
      for (byte[] name : names) {
        d.putBytes(name);
      }
      d.end(node);
      return Digest.fromBytes(d.buf, start);
    } finally {
      d.pos = start;
    }
  }

  /**
   * The lookup key of a call (tag 0x20 of {@link DigestFormat}): its shape's digest, then the
   * digest of each argument value; {@code labels[i]} names argument i in errors.
   */
  static Digest callKey(Digest shape, String[] labels, Object[] values) {
    if (!discovered) {
      discoverHooks();
    }
    Digester d = LOCAL.get();
    int start = d.pos;
    try {
      int node = d.begin(CALL_KEY);
      d.raw(shape);
      for (int i = 0; i < values.length; i++) {
        try {
          d.node(values[i]);
        } catch (UndigestableException x) {
          throw x.within("arguments." + labels[i]);
        }
      }
      d.end(node);
      return Digest.fromBytes(d.buf, start);
    } catch (StackOverflowError e) {
      throw d.tooDeep(values);
    } finally {
      d.pos = start;
    }
  }

  /** The full digest of a call record: see tag 0x21 of {@link DigestFormat}. */
  static Digest callRecord(Digest lookupKey, Digest result, Object metadata) {
    Digester d = LOCAL.get();
    int start = d.pos;
    try {
      int node = d.begin(CALL_RECORD);
      d.raw(lookupKey);
      d.ensure(1);
      d.buf[d.pos++] = (byte) (result == null ? 0 : 1);
      if (result != null) {
        d.raw(result);
      }
      try {
        d.node(metadata);
      } catch (UndigestableException x) {
        throw x.within("metadata");
      }
      d.end(node);
      return Digest.fromBytes(d.buf, start);
    } finally {
      d.pos = start;
    }
  }

  static synchronized void register(DigestHook<?> hook) {
    registeredHooks.add(0, hook);
    anyHooks = true;
    generation++;
    arms.clear();
  }

  private static synchronized void discoverHooks() {
    if (discovered) {
      return;
    }
    ClassLoader own = Digester.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(context);
    if (own != context) {
      loaders.add(own);
    }
    Set<Class<?>> seen = new HashSet<>();
    for (ClassLoader loader : loaders) {
      ServiceLoader<DigestHook> services = ServiceLoader.load(DigestHook.class, loader);
      var it = services.iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          DigestHook<?> hook = it.next();
          if (seen.add(hook.getClass())) {
            discoveredHooks.add(hook);
          }
        } catch (RuntimeException | ServiceConfigurationError e) {
          LOG.log(System.Logger.Level.WARNING, "Skipping a digest hook that failed to load", e);
        }
      }
    }
    if (!discoveredHooks.isEmpty()) {
      anyHooks = true;
      generation++;
      arms.clear();
    }
    discovered = true;
  }

  // --- the encoding -----------------------------------------------------------------------------

  /** Appends the 32-byte digest of {@code v} at the current position. */
  void node(Object v) {
    if (v == null) {
      int n = begin(NULL);
      end(n);
      return;
    }
    Class<?> c = v.getClass();
    if (!anyHooks) {
      if (c == String.class) {
        string((String) v);
        return;
      }
      if (c == Integer.class) {
        int n = begin(INT);
        putInt((Integer) v);
        end(n);
        return;
      }
      if (c == Long.class) {
        int n = begin(LONG);
        putLong((Long) v);
        end(n);
        return;
      }
      if (c == Digest.class) {
        raw((Digest) v);
        return;
      }
    }
    Arm arm = arms.get(c);
    if (arm == null) {
      int seen = generation;
      arm = resolve(c);
      arms.putIfAbsent(c, arm);
      if (seen != generation) {
        arms.remove(c, arm); // hooks changed while resolving: do not keep a stale arm
      }
    }
    arm.encode(this, v);
  }

  private void string(String s) {
    int n = begin(STRING);
    wtf8(s);
    end(n);
  }

  /** Starts a node: writes the tag and room for the length; returns the node's start. */
  private int begin(byte tag) {
    ensure(HEADER + Digest.BYTES);
    int start = pos;
    buf[start] = tag;
    pos = start + HEADER;
    return start;
  }

  /** Ends the node started at {@code start}: fills in its length, hashes it, leaves its digest. */
  private void end(int start) {
    LE_LONG.set(buf, start + 1, (long) (pos - start - HEADER));
    sha.update(buf, start, pos - start);
    try {
      sha.digest(buf, start, Digest.BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    pos = start + Digest.BYTES;
  }

  private void ensure(int more) {
    int need = pos + more + Digest.BYTES;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  private void raw(Digest d) {
    ensure(Digest.BYTES);
    d.writeTo(buf, pos);
    pos += Digest.BYTES;
  }

  private void putByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  private void putShort(short v) {
    ensure(2);
    LE_SHORT.set(buf, pos, v);
    pos += 2;
  }

  private void putInt(int v) {
    ensure(4);
    LE_INT.set(buf, pos, v);
    pos += 4;
  }

  private void putLong(long v) {
    ensure(8);
    LE_LONG.set(buf, pos, v);
    pos += 8;
  }

  private void putBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** A text field inside a node: WTF-8 bytes then a zero byte. */
  private void text(String s) {
    wtf8(s);
    putByte(0);
  }

  /** A text field embedded in a call key: tag 0x09 or 0x00, 8-byte length, bytes. */
  private void inlineText(String s) {
    ensure(HEADER);
    int start = pos;
    if (s == null) {
      buf[start] = NULL;
      LE_LONG.set(buf, start + 1, 0L);
      pos = start + HEADER;
      return;
    }
    buf[start] = STRING;
    pos = start + HEADER;
    wtf8(s);
    LE_LONG.set(buf, start + 1, (long) (pos - start - HEADER));
  }

  /** UTF-8, except that an unpaired surrogate becomes its own 3-byte sequence (WTF-8). */
  private void wtf8(String s) {
    int len = s.length();
    ensure(3 * len);
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        b[p++] = (byte) ch;
      } else if (ch < 0x800) {
        b[p++] = (byte) (0xC0 | (ch >> 6));
        b[p++] = (byte) (0x80 | (ch & 0x3F));
      } else if (Character.isHighSurrogate(ch)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(ch, s.charAt(++i));
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (ch >> 12));
        b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (ch & 0x3F));
      }
    }
    pos = p;
  }

  private void enter(Object container) {
    if (active == null) {
      active = new IdentityHashMap<>();
    }
    if (active.put(container, Boolean.TRUE) != null) {
      throw new UndigestableException(
          container.getClass(), "the value contains itself (a reference cycle)");
    }
  }

  private void exit(Object container) {
    active.remove(container);
  }

  private void child(Object v, String segment) {
    try {
      node(v);
    } catch (UndigestableException e) {
      throw e.within(segment);
    }
  }

  private void elements(Iterable<?> items) {
    int i = 0;
    for (Object item : items) {
      try {
        node(item);
      } catch (UndigestableException e) {
        throw e.within("[" + i + "]");
      }
      i++;
    }
  }

  /** Sorts the 32-byte (or 64-byte pair) blocks between {@code from} and the current position. */
  private void sortBlocks(int from, int blockSize) {
    int count = (pos - from) / blockSize;
    if (count < 2) {
      return;
    }
    byte[] copy = Arrays.copyOfRange(buf, from, pos);
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i * blockSize;
    }
    Arrays.sort(
        order,
        (a, b) -> Arrays.compareUnsigned(copy, a, a + blockSize, copy, b, b + blockSize));
    for (int i = 0; i < count; i++) {
      System.arraycopy(copy, order[i], buf, from + i * blockSize, blockSize);
    }
  }

  // --- arms -------------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Arm {
    void encode(Digester d, Object v);
  }

  private static Arm resolve(Class<?> c) {
    // A Digest is its own digest, never re-hashed, even by a hook for a supertype (Comparable,
    // Object): the Merkle property, Call.stash and LazyCall rely on it.
    if (c == Digest.class) {
      return (d, v) -> d.raw((Digest) v);
    }
    for (List<DigestHook<?>> hooks : List.of(registeredHooks, discoveredHooks)) {
      for (DigestHook<?> hook : hooks) {
        if (hook.type().isAssignableFrom(c)) {
          return hookArm(hook);
        }
      }
    }
    if (Digestible.class.isAssignableFrom(c)) {
      return (d, v) -> d.supplied(v, ((Digestible) v)::digest, "Digestible.digest()");
    }
    if (c == String.class) {
      return (d, v) -> d.string((String) v);
    }
    if (c == Integer.class) {
      return (d, v) -> d.scalar(INT, () -> d.putInt((Integer) v));
    }
    if (c == Long.class) {
      return (d, v) -> d.scalar(LONG, () -> d.putLong((Long) v));
    }
    if (c == Boolean.class) {
      return (d, v) -> d.scalar(BOOLEAN, () -> d.putByte((Boolean) v ? 1 : 0));
    }
    if (c == Byte.class) {
      return (d, v) -> d.scalar(BYTE, () -> d.putByte((Byte) v));
    }
    if (c == Short.class) {
      return (d, v) -> d.scalar(SHORT, () -> d.putShort((Short) v));
    }
    if (c == Character.class) {
      return (d, v) -> d.scalar(CHAR, () -> d.putShort((short) (char) (Character) v));
    }
    if (c == Float.class) {
      return (d, v) -> d.scalar(FLOAT, () -> d.putInt(Float.floatToIntBits((Float) v)));
    }
    if (c == Double.class) {
      return (d, v) -> d.scalar(DOUBLE, () -> d.putLong(Double.doubleToLongBits((Double) v)));
    }
    if (BigInteger.class.isAssignableFrom(c)) {
      return (d, v) -> d.scalar(BIG_INTEGER, () -> d.putBytes(((BigInteger) v).toByteArray()));
    }
    if (BigDecimal.class.isAssignableFrom(c)) {
      return (d, v) ->
          d.scalar(
              BIG_DECIMAL,
              () -> {
                BigDecimal b = (BigDecimal) v;
                d.putInt(b.scale());
                d.putBytes(b.unscaledValue().toByteArray());
              });
    }
    if (c == java.util.UUID.class) {
      return (d, v) ->
          d.scalar(
              UUID,
              () -> {
                java.util.UUID u = (java.util.UUID) v;
                d.putLong(Long.reverseBytes(u.getMostSignificantBits()));
                d.putLong(Long.reverseBytes(u.getLeastSignificantBits()));
              });
    }
    if (c == Class.class) {
      return (d, v) -> {
        Class<?> k = (Class<?>) v;
        if (k.isHidden()) {
          throw new UndigestableException(
              k, "a hidden class (a lambda's, for one) has no name that is stable across runs");
        }
        d.scalar(CLASS, () -> d.wtf8(k.getName()));
      };
    }
    if (Enum.class.isAssignableFrom(c)) {
      return (d, v) ->
          d.scalar(
              ENUM,
              () -> {
                Enum<?> e = (Enum<?>) v;
                d.text(e.getDeclaringClass().getName());
                d.wtf8(e.name());
              });
    }
    if (c.isArray()) {
      return Arrays2.arm(c);
    }
    if (c.isRecord()) {
      return recordArm(c);
    }
    if (List.class.isAssignableFrom(c)) {
      return (d, v) -> d.container(LIST, v, () -> d.elements((List<?>) v));
    }
    if (Set.class.isAssignableFrom(c)) {
      return (d, v) ->
          d.container(
              SET,
              v,
              () -> {
                int from = d.pos;
                d.elements((Set<?>) v);
                d.sortBlocks(from, Digest.BYTES);
              });
    }
    if (Map.class.isAssignableFrom(c)) {
      return (d, v) -> d.container(MAP, v, () -> d.entries((Map<?, ?>) v));
    }
    if (c == Optional.class) {
      return (d, v) ->
          d.container(
              OPTIONAL, v, () -> ((Optional<?>) v).ifPresent(x -> d.child(x, "get()")));
    }
    if (isoTimeValue(c)) {
      return (d, v) ->
          d.scalar(
              TIME,
              () -> {
                d.text(c.getName());
                d.wtf8(v.toString());
              });
    }
    String refusal = refusal(c);
    if (refusal != null) {
      return (d, v) -> {
        throw new UndigestableException(c, refusal);
      };
    }
    return objectArm(c);
  }

  /**
   * The java.time values whose {@code toString()} is their lossless ISO-8601 form (tag 0x0F). Other
   * java.time objects (formatters, zone rules, clocks, adjusters, exceptions) have no such text:
   * two unequal ones may print alike, or print their identity; they fall through to refusal.
   */
  private static final Set<Class<?>> ISO_TIME_VALUES =
      Set.of(
          java.time.Instant.class,
          java.time.LocalDate.class,
          java.time.LocalTime.class,
          java.time.LocalDateTime.class,
          java.time.OffsetTime.class,
          java.time.OffsetDateTime.class,
          java.time.ZonedDateTime.class,
          java.time.Duration.class,
          java.time.Period.class,
          java.time.Year.class,
          java.time.YearMonth.class,
          java.time.MonthDay.class);

  private static boolean isoTimeValue(Class<?> c) {
    return ISO_TIME_VALUES.contains(c) || java.time.ZoneId.class.isAssignableFrom(c);
  }

  private static final List<Class<?>> REFUSED =
      List.of(
          Thread.class,
          ThreadGroup.class,
          ClassLoader.class,
          AutoCloseable.class,
          java.util.concurrent.Executor.class,
          java.util.concurrent.Future.class,
          java.util.concurrent.locks.Lock.class,
          java.util.Iterator.class,
          Process.class,
          ProcessHandle.class,
          java.lang.ref.Reference.class);

  private static String refusal(Class<?> c) {
    if (c.isHidden() || c.isSynthetic()) {
      return "a lambda or other generated class; pass the data it uses instead, or register a"
          + " DigestHook";
    }
    for (Class<?> r : REFUSED) {
      if (r.isAssignableFrom(c)) {
        return "a " + r.getSimpleName() + " is a resource, not a value; ignore the parameter"
            + " or register a DigestHook";
      }
    }
    String n = c.getName();
    if (Collection.class.isAssignableFrom(c)) {
      return "only List, Set and Map collections have a canonical digest; pass a List or register"
          + " a DigestHook";
    }
    if (n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jdk.")
        || n.startsWith("sun.")
        || n.startsWith("com.sun.")) {
      return "this JDK type has no canonical digest; register a DigestHook for it";
    }
    return null;
  }

  private void scalar(byte tag, Runnable content) {
    int n = begin(tag);
    content.run();
    end(n);
  }

  private void container(byte tag, Object v, Runnable content) {
    int n = begin(tag);
    enter(v);
    try {
      content.run();
    } finally {
      exit(v);
    }
    end(n);
  }

  private void entries(Map<?, ?> map) {
    int from = pos;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object k = e.getKey();
      try {
        node(k);
      } catch (UndigestableException x) {
        throw x.within("<key " + shortText(k) + ">");
      }
      try {
        node(e.getValue());
      } catch (UndigestableException x) {
        throw x.within("[" + shortText(k) + "]");
      }
    }
    sortBlocks(from, 2 * Digest.BYTES);
  }

  private static String shortText(Object k) {
    String s;
    try {
      s = String.valueOf(k);
    } catch (RuntimeException e) {
      s = k.getClass().getSimpleName();
    }
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  private void supplied(Object v, java.util.function.Supplier<Digest> source, String what) {
    Digest digest;
    try {
      digest = source.get();
    } catch (UndigestableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UndigestableException(v.getClass(), what + " failed: " + e, e);
    }
    if (digest == null) {
      throw new UndigestableException(v.getClass(), what + " returned null");
    }
    raw(digest);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Arm hookArm(DigestHook hook) {
    return (d, v) -> d.supplied(v, () -> hook.digest(v), "digest hook " + hook);
  }

  private static Arm recordArm(Class<?> c) {
    RecordComponent[] components = c.getRecordComponents();
    Method[] accessors = new Method[components.length];
    for (int i = 0; i < components.length; i++) {
      accessors[i] = components[i].getAccessor();
      try {
        accessors[i].setAccessible(true);
      } catch (RuntimeException e) {
        String reason = "its record components cannot be read: " + e.getMessage();
        return (d, v) -> {
          throw new UndigestableException(c, reason);
        };
      }
    }
    return (d, v) ->
        d.container(
            RECORD,
            v,
            () -> {
              d.text(c.getName());
              for (int i = 0; i < accessors.length; i++) {
                Object x;
                try {
                  x = accessors[i].invoke(v);
                } catch (InvocationTargetException | IllegalAccessException e) {
                  Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
                  throw new UndigestableException(
                          c, "accessor " + components[i].getName() + "() failed: " + cause, cause)
                      .within(components[i].getName());
                }
                d.child(x, components[i].getName());
              }
            });
  }

  private static Arm objectArm(Class<?> c) {
    List<Field> fields = new ArrayList<>();
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      chain.add(0, k);
    }
    for (Class<?> k : chain) {
      String refusal = refusal(k);
      if (refusal != null && k != c) {
        String reason = "it extends " + k.getName() + ": " + refusal;
        return (d, v) -> {
          throw new UndigestableException(c, reason);
        };
      }
      Field[] declared = k.getDeclaredFields();
      Arrays.sort(declared, Comparator.comparing(Field::getName));
      for (Field f : declared) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
          continue;
        }
        try {
          f.setAccessible(true);
        } catch (RuntimeException e) {
          String reason = "its field " + f.getName() + " cannot be read: " + e.getMessage();
          return (d, v) -> {
            throw new UndigestableException(c, reason);
          };
        }
        fields.add(f);
      }
    }
    Field[] fs = fields.toArray(new Field[0]);
    return (d, v) ->
        d.container(
            OBJECT,
            v,
            () -> {
              d.text(c.getName());
              for (Field f : fs) {
                Object x;
                try {
                  x = f.get(v);
                } catch (IllegalAccessException e) {
                  throw new UndigestableException(c, e.toString(), e).within(f.getName());
                }
                d.text(f.getName());
                d.child(x, f.getName());
              }
            });
  }

  // --- arrays -------------------------------------------------------------------------------------

  /** Array arms: primitive arrays of any rank in bulk, other arrays element by element. */
  private static final class Arrays2 {
    static Arm arm(Class<?> c) {
      Class<?> leaf = c;
      int rank = 0;
      while (leaf.isArray()) {
        leaf = leaf.getComponentType();
        rank++;
      }
      if (leaf.isPrimitive()) {
        char code = code(leaf);
        int finalRank = rank;
        if (rank == 1) {
          return (d, v) -> d.primitiveArray(code, 1, new long[] {lengthOf(v)}, new Object[] {v});
        }
        return (d, v) -> {
          if (!d.rectangular(code, finalRank, v)) {
            d.objectArray(c, (Object[]) v);
          }
        };
      }
      return (d, v) -> d.objectArray(c, (Object[]) v);
    }
  }

  private static char code(Class<?> primitive) {
    if (primitive == boolean.class) return 'Z';
    if (primitive == byte.class) return 'B';
    if (primitive == short.class) return 'S';
    if (primitive == int.class) return 'I';
    if (primitive == long.class) return 'J';
    if (primitive == char.class) return 'C';
    if (primitive == float.class) return 'F';
    return 'D';
  }

  private static int elementSize(char code) {
    switch (code) {
      case 'Z':
      case 'B':
        return 1;
      case 'S':
      case 'C':
        return 2;
      case 'I':
      case 'F':
        return 4;
      default:
        return 8;
    }
  }

  private static int lengthOf(Object array) {
    return java.lang.reflect.Array.getLength(array);
  }

  private void objectArray(Class<?> c, Object[] a) {
    container(
        OBJECT_ARRAY,
        a,
        () -> {
          text(c.getComponentType().getName());
          elements(Arrays.asList(a));
        });
  }

  /**
   * Digests a multi-dimensional primitive array as one node if it is rectangular with no null
   * rows; returns false (nothing written) otherwise.
   */
  private boolean rectangular(char code, int rank, Object array) {
    long[] shape = new long[rank];
    List<Object> level = List.of(array);
    for (int depth = 0; depth < rank; depth++) {
      int len = -1;
      for (Object a : level) {
        if (a == null) {
          return false;
        }
        int l = lengthOf(a);
        if (len >= 0 && l != len) {
          return false;
        }
        len = l;
      }
      shape[depth] = len < 0 ? 0 : len;
      if (depth == rank - 1) {
        break;
      }
      List<Object> next = new ArrayList<>(level.size() * Math.max(len, 0));
      for (Object a : level) {
        next.addAll(Arrays.asList((Object[]) a));
      }
      level = next;
    }
    primitiveArray(code, rank, shape, level.toArray());
    return true;
  }

  private void primitiveArray(char code, int rank, long[] shape, Object[] leaves) {
    int size = elementSize(code);
    long product = 1;
    for (long s : shape) {
      product *= s;
    }
    long count = product;
    long dataBytes = count * size;
    int n = begin(PRIMITIVE_ARRAY);
    putByte(code);
    putByte(rank);
    for (long s : shape) {
      putLong(s);
    }
    int leafLength = rank == 0 || count == 0 ? 0 : (int) shape[rank - 1];
    if (dataBytes <= CHUNK_BYTES) {
      ensure((int) dataBytes);
      Elements.write(code, leaves, leafLength, 0, (int) count, buf, pos);
      pos += (int) dataBytes;
    } else {
      int chunks = (int) ((dataBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
      ensure(chunks * Digest.BYTES);
      byte[] out = new byte[chunks * Digest.BYTES];
      long perChunk = CHUNK_BYTES / size;
      IntStream range = IntStream.range(0, chunks);
      (chunks >= 4 ? range.parallel() : range)
          .forEach(
              i -> {
                long first = i * perChunk;
                int k = (int) Math.min(perChunk, count - first);
                Chunks.LOCAL.get().hash(code, leaves, leafLength, first, k, out, i * Digest.BYTES);
              });
      System.arraycopy(out, 0, buf, pos, out.length);
      pos += out.length;
    }
    end(n);
  }

  /** Hashes chunks of large arrays; one per thread taking part. */
  private static final class Chunks {
    static final ThreadLocal<Chunks> LOCAL = ThreadLocal.withInitial(Chunks::new);
    final MessageDigest sha = sha256();
    final byte[] scratch = new byte[HEADER + CHUNK_BYTES];

    void hash(char code, Object[] leaves, int leafLength, long first, int count, byte[] out, int at) {
      int bytes = count * elementSize(code);
      scratch[0] = CHUNK;
      LE_LONG.set(scratch, 1, (long) bytes);
      Elements.write(code, leaves, leafLength, first, count, scratch, HEADER);
      sha.update(scratch, 0, HEADER + bytes);
      try {
        sha.digest(out, at, Digest.BYTES);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Little-endian element bytes of primitive arrays, in bulk. */
  static final class Elements {
    /**
     * Writes {@code count} elements starting at flat index {@code first} of the row-major array
     * whose innermost arrays ({@code leaves}) each hold {@code leafLength} elements.
     */
    static void write(
        char code, Object[] leaves, int leafLength, long first, int count, byte[] dst, int at) {
      int size = elementSize(code);
      while (count > 0) {
        int leaf = leafLength == 0 ? 0 : (int) (first / leafLength);
        int from = leafLength == 0 ? 0 : (int) (first % leafLength);
        Object a = leaves[leaf];
        int n = Math.min(count, lengthOf(a) - from);
        copy(code, a, from, n, dst, at);
        at += n * size;
        first += n;
        count -= n;
      }
    }

    private static void copy(char code, Object a, int from, int n, byte[] dst, int at) {
      switch (code) {
        case 'B':
          System.arraycopy((byte[]) a, from, dst, at, n);
          break;
        case 'Z':
          {
            boolean[] z = (boolean[]) a;
            for (int i = 0; i < n; i++) dst[at + i] = (byte) (z[from + i] ? 1 : 0);
            break;
          }
        case 'S':
          {
            short[] s = (short[]) a;
            for (int i = 0; i < n; i++) LE_SHORT.set(dst, at + 2 * i, s[from + i]);
            break;
          }
        case 'C':
          {
            char[] s = (char[]) a;
            for (int i = 0; i < n; i++) LE_SHORT.set(dst, at + 2 * i, (short) s[from + i]);
            break;
          }
        case 'I':
          {
            int[] s = (int[]) a;
            for (int i = 0; i < n; i++) LE_INT.set(dst, at + 4 * i, s[from + i]);
            break;
          }
        case 'F':
          {
            float[] s = (float[]) a;
            for (int i = 0; i < n; i++) LE_INT.set(dst, at + 4 * i, Float.floatToIntBits(s[from + i]));
            break;
          }
        case 'J':
          {
            long[] s = (long[]) a;
            for (int i = 0; i < n; i++) LE_LONG.set(dst, at + 8 * i, s[from + i]);
            break;
          }
        default:
          {
            double[] s = (double[]) a;
            for (int i = 0; i < n; i++)
              LE_LONG.set(dst, at + 8 * i, Double.doubleToLongBits(s[from + i]));
            break;
          }
      }
    }
  }
}
