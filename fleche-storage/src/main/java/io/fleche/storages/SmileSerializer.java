package io.fleche.storages;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.storage.SaveException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The default serializer ({@value Serializers#SMILE}): values as tagged trees in <a
 * href="https://github.com/FasterXML/smile-format-specification">Smile</a>, Jackson's binary JSON,
 * written and read with Jackson's streaming API (no data binding, so no class is ever chosen by
 * Jackson). The bytes start with Smile's own 4-byte header ({@code 3A 29 0A}, then a version and
 * flags byte; raw binary is enabled, so arrays of primitives are stored as they are).
 *
 * <h2>Values</h2>
 *
 * <p>{@code null}, {@code Boolean}, {@code String}, {@code Integer} and {@code Double} are Smile's
 * own null, boolean, string, 32-bit integer and 64-bit float tokens. Every other value is a Smile
 * array whose first element is a tag, a small integer:
 *
 * <pre>
 * tag  Java type                       array
 *  1   Long                            [1, int64]
 *  2   Short                           [2, int32]
 *  3   Byte                            [3, int32]
 *  4   Character                       [4, int32 (UTF-16 code unit)]
 *  5   Float                           [5, float32]
 *  6   BigInteger                      [6, binary: two's complement, big-endian]
 *  7   BigDecimal                      [7, binary: unscaled value as for 6, int32 scale]
 *  8   one-dimensional primitive array [8, int32 element code, binary: elements little-endian]
 *        element codes 0 boolean (1 byte, 0 or 1), 1 byte, 2 char, 3 short, 4 int, 5 long,
 *        6 float, 7 double
 *  9   other array                     [9, class of the component type, element...]
 * 10   List                            [10, class, element...]
 * 11   Set                             [11, class, comparator or null, element...]
 * 12   Map                             [12, class, comparator or null, key, value, key, value...]
 * 13   record                          [13, class, component... (canonical order)]
 * 14   enum constant                   [14, class (the enum), constant name]
 * 15   plain object                    [15, class, {field name: value, ...}]
 *        non-static, non-transient fields of the class and its superclasses; a field hidden by a
 *        subclass field of the same name is keyed "declaring.class.Name#field"
 * 16   Optional                        [16] (empty) or [16, value]
 * 17   UUID                            [17, int64 most significant bits, int64 least]
 * 18   Class                           [18, class]
 * 19   java.time value                 [19, class, ISO-8601 text (toString)]
 * 20   Digest                          [20, binary: 32 bytes]
 * 21   DigestedCall                    [21, FunctionId (a record, tag 13), result Digest or null,
 *                                       metadata (a Map), argument name, argument Digest, ...]
 * </pre>
 *
 * <p>A {@code class} is a Smile string, the binary class name ({@link Class#getName()}), the first
 * time a class appears in an entry; it is then numbered (0, 1, ... in order of appearance) and
 * later appearances are that number, a Smile integer. Every class name read is resolved through
 * the {@link AllowList}; collections, maps, records and plain objects are rebuilt as {@link
 * Containers} and {@link Records} describe (plain objects without running a constructor).
 *
 * <p>Refused when writing ({@link SaveException}): JDK classes not listed above (a {@code
 * java.io.File}, a thread pool), lambdas and other hidden classes, comparators that are not
 * themselves serializable values, cycles through plain objects, values nested deeper than {@value
 * #MAX_NESTING} Smile arrays and objects. Shared references are written once per reference.
 */
final class SmileSerializer implements Serializer {
  static final int LONG = 1;
  static final int SHORT = 2;
  static final int BYTE = 3;
  static final int CHAR = 4;
  static final int FLOAT = 5;
  static final int BIG_INTEGER = 6;
  static final int BIG_DECIMAL = 7;
  static final int PRIMITIVE_ARRAY = 8;
  static final int OBJECT_ARRAY = 9;
  static final int LIST = 10;
  static final int SET = 11;
  static final int MAP = 12;
  static final int RECORD = 13;
  static final int ENUM = 14;
  static final int OBJECT = 15;
  static final int OPTIONAL = 16;
  static final int UUID_TAG = 17;
  static final int CLASS = 18;
  static final int TIME = 19;
  static final int DIGEST = 20;
  static final int CALL = 21;

  /**
   * Smile arrays and objects nested in one entry, at most: a value nested deeper is refused when
   * written (a {@link SaveException}), so that every entry written can be read back within a
   * default thread stack (reading takes about three frames a level), and a crafted entry nested
   * deeper is corrupt rather than a stack overflow. Destructuring stores nested containers as
   * entries of their own, so only chains of plain objects come near it.
   */
  static final int MAX_NESTING = 500;

  private static final SmileFactory FACTORY =
      SmileFactory.builder()
          .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .streamWriteConstraints(
              StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();

  private enum Kind {
    STRING,
    INTEGER,
    DOUBLE,
    BOOLEAN,
    LONG,
    SHORT,
    BYTE,
    CHAR,
    FLOAT,
    BIG_INTEGER,
    BIG_DECIMAL,
    PRIMITIVE_ARRAY,
    OBJECT_ARRAY,
    DIGEST,
    CALL,
    ENUM,
    RECORD,
    LIST,
    SET,
    MAP,
    OPTIONAL,
    UUID,
    CLASS,
    TIME,
    OBJECT,
    REFUSED
  }

  private static final Map<Class<?>, Kind> EXACT =
      Map.ofEntries(
          Map.entry(String.class, Kind.STRING),
          Map.entry(Integer.class, Kind.INTEGER),
          Map.entry(Double.class, Kind.DOUBLE),
          Map.entry(Boolean.class, Kind.BOOLEAN),
          Map.entry(Long.class, Kind.LONG),
          Map.entry(Short.class, Kind.SHORT),
          Map.entry(Byte.class, Kind.BYTE),
          Map.entry(Character.class, Kind.CHAR),
          Map.entry(Float.class, Kind.FLOAT),
          Map.entry(BigInteger.class, Kind.BIG_INTEGER),
          Map.entry(BigDecimal.class, Kind.BIG_DECIMAL),
          Map.entry(Digest.class, Kind.DIGEST),
          Map.entry(DigestedCall.class, Kind.CALL),
          Map.entry(Optional.class, Kind.OPTIONAL),
          Map.entry(UUID.class, Kind.UUID),
          Map.entry(Class.class, Kind.CLASS));

  /** Parsers of the {@code java.time} types, each the inverse of the type's {@code toString}. */
  private static final Map<Class<?>, Function<String, Object>> TIME_PARSERS =
      Map.ofEntries(
          Map.entry(Instant.class, Instant::parse),
          Map.entry(LocalDate.class, LocalDate::parse),
          Map.entry(LocalTime.class, LocalTime::parse),
          Map.entry(LocalDateTime.class, LocalDateTime::parse),
          Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
          Map.entry(OffsetTime.class, OffsetTime::parse),
          Map.entry(ZonedDateTime.class, ZonedDateTime::parse),
          Map.entry(Duration.class, Duration::parse),
          Map.entry(Period.class, Period::parse),
          Map.entry(Year.class, Year::parse),
          Map.entry(YearMonth.class, YearMonth::parse),
          Map.entry(MonthDay.class, MonthDay::parse),
          Map.entry(ZoneOffset.class, ZoneOffset::of));

  private static final ClassValue<Kind> KINDS =
      new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
          return kindOf(c);
        }
      };

  /** The serialized fields of plain classes, by key (see the class comment). */
  private static final ClassValue<Map<String, Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> c) {
          return fieldsOf(c);
        }
      };

  @Override
  public String name() {
    return Serializers.SMILE;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      new Writer(g).value(value);
    }
  }

  @Override
  public Object read(byte[] bytes, int offset, int length, AllowList allowed) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      Reader r = new Reader(p, allowed);
      Object value = r.value(r.next());
      if (p.nextToken() != null) {
        throw new CorruptEntryException("bytes after the value");
      }
      return value;
    }
  }

  private static Kind kindOf(Class<?> c) {
    Kind k = EXACT.get(c);
    if (k != null) {
      return k;
    }
    if (c.isArray()) {
      return c.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
    }
    if (Enum.class.isAssignableFrom(c)) {
      return Kind.ENUM;
    }
    if (c.isRecord()) {
      return Kind.RECORD;
    }
    if (List.class.isAssignableFrom(c)) {
      return Kind.LIST;
    }
    if (Set.class.isAssignableFrom(c)) {
      return Kind.SET;
    }
    if (Map.class.isAssignableFrom(c)) {
      return Kind.MAP;
    }
    if (TIME_PARSERS.containsKey(c) || ZoneId.class.isAssignableFrom(c)) {
      return Kind.TIME;
    }
    if (AllowList.isJdk(c.getName()) || c.isHidden()) {
      return Kind.REFUSED;
    }
    return Kind.OBJECT;
  }

  private static Map<String, Field> fieldsOf(Class<?> c) {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
          continue;
        }
        f.setAccessible(true);
        String key = fields.containsKey(f.getName()) ? k.getName() + "#" + f.getName() : f.getName();
        fields.put(key, f);
      }
    }
    return fields;
  }

  /** Writes one entry. */
  private static final class Writer {
    private final JsonGenerator g;
    private final Map<Class<?>, Integer> classes = new HashMap<>();
    private final IdentityHashMap<Object, Boolean> objectsOnPath = new IdentityHashMap<>();

    Writer(JsonGenerator g) {
      this.g = g;
    }

    void value(Object v) throws IOException {
      if (v == null) {
        g.writeNull();
        return;
      }
      Class<?> c = v.getClass();
      switch (KINDS.get(c)) {
        case STRING:
          g.writeString((String) v);
          return;
        case INTEGER:
          g.writeNumber((int) (Integer) v);
          return;
        case DOUBLE:
          g.writeNumber((double) (Double) v);
          return;
        case BOOLEAN:
          g.writeBoolean((Boolean) v);
          return;
        case LONG:
          tag(LONG);
          g.writeNumber((long) (Long) v);
          break;
        case SHORT:
          tag(SHORT);
          g.writeNumber((int) (Short) v);
          break;
        case BYTE:
          tag(BYTE);
          g.writeNumber((int) (Byte) v);
          break;
        case CHAR:
          tag(CHAR);
          g.writeNumber((int) (Character) v);
          break;
        case FLOAT:
          tag(FLOAT);
          g.writeNumber((float) (Float) v);
          break;
        case BIG_INTEGER:
          tag(BIG_INTEGER);
          g.writeBinary(((BigInteger) v).toByteArray());
          break;
        case BIG_DECIMAL:
          tag(BIG_DECIMAL);
          g.writeBinary(((BigDecimal) v).unscaledValue().toByteArray());
          g.writeNumber(((BigDecimal) v).scale());
          break;
        case PRIMITIVE_ARRAY:
          tag(PRIMITIVE_ARRAY);
          g.writeNumber(PrimitiveArrays.code(v));
          g.writeBinary(PrimitiveArrays.toBytes(v));
          break;
        case OBJECT_ARRAY:
          tag(OBJECT_ARRAY);
          classRef(c.getComponentType());
          for (Object x : (Object[]) v) {
            value(x);
          }
          break;
        case DIGEST:
          tag(DIGEST);
          g.writeBinary(((Digest) v).toBytes());
          break;
        case CALL:
          call((DigestedCall) v);
          break;
        case ENUM:
          tag(ENUM);
          classRef(((Enum<?>) v).getDeclaringClass());
          g.writeString(((Enum<?>) v).name());
          break;
        case RECORD:
          tag(RECORD);
          classRef(c);
          for (Object x : components(v)) {
            value(x);
          }
          break;
        case LIST:
          tag(LIST);
          classRef(c);
          for (Object x : (List<?>) v) {
            value(x);
          }
          break;
        case SET:
          tag(SET);
          classRef(c);
          value(Containers.comparatorOf(v));
          for (Object x : (Set<?>) v) {
            value(x);
          }
          break;
        case MAP:
          tag(MAP);
          classRef(c);
          value(Containers.comparatorOf(v));
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            value(e.getKey());
            value(e.getValue());
          }
          break;
        case OPTIONAL:
          tag(OPTIONAL);
          if (((Optional<?>) v).isPresent()) {
            value(((Optional<?>) v).get());
          }
          break;
        case UUID:
          tag(UUID_TAG);
          g.writeNumber(((UUID) v).getMostSignificantBits());
          g.writeNumber(((UUID) v).getLeastSignificantBits());
          break;
        case CLASS:
          tag(CLASS);
          classRef((Class<?>) v);
          break;
        case TIME:
          tag(TIME);
          classRef(c);
          g.writeString(v.toString());
          break;
        case OBJECT:
          object(v);
          break;
        default:
          throw new SaveException(
              "the "
                  + Serializers.SMILE
                  + " serializer cannot store a "
                  + c.getName()
                  + " (JDK classes other than values and collections, lambdas and hidden classes"
                  + " are refused)");
      }
      g.writeEndArray();
    }

    private void tag(int tag) throws IOException {
      g.writeStartArray();
      g.writeNumber(tag);
    }

    private void classRef(Class<?> c) throws IOException {
      Integer index = classes.get(c);
      if (index != null) {
        g.writeNumber(index);
      } else {
        classes.put(c, classes.size());
        g.writeString(c.getName());
      }
    }

    private void call(DigestedCall call) throws IOException {
      tag(CALL);
      value(call.function());
      value(call.result());
      value(call.metadata());
      for (Map.Entry<String, Digest> e : call.arguments().entrySet()) {
        g.writeString(e.getKey());
        value(e.getValue());
      }
    }

    private void object(Object v) throws IOException {
      Class<?> c = v.getClass();
      if (objectsOnPath.put(v, Boolean.TRUE) != null) {
        throw new SaveException("a " + c.getName() + " refers to itself: cycles are not stored");
      }
      tag(OBJECT);
      classRef(c);
      g.writeStartObject();
      Map<String, Field> fields;
      try {
        fields = FIELDS.get(c);
      } catch (RuntimeException e) {
        throw new SaveException("cannot read the fields of " + c.getName() + ": " + e, e);
      }
      for (Map.Entry<String, Field> f : fields.entrySet()) {
        g.writeFieldName(f.getKey());
        try {
          value(f.getValue().get(v));
        } catch (IllegalAccessException e) {
          throw new SaveException("cannot read " + f.getValue() + ": " + e, e);
        }
      }
      g.writeEndObject();
      objectsOnPath.remove(v);
    }

    private static Object[] components(Object record) {
      try {
        return Records.components(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new SaveException("cannot read the components of " + record.getClass() + ": " + e, e);
      }
    }
  }

  /** Reads one entry; every malformed input is a {@link CorruptEntryException}. */
  private static final class Reader {
    private final JsonParser p;
    private final AllowList allowed;
    private final List<Class<?>> classes = new ArrayList<>();

    Reader(JsonParser p, AllowList allowed) {
      this.p = p;
      this.allowed = allowed;
    }

    JsonToken next() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new CorruptEntryException("truncated entry");
      }
      return t;
    }

    Object value(JsonToken t) throws IOException {
      switch (t) {
        case VALUE_NULL:
          return null;
        case VALUE_TRUE:
          return Boolean.TRUE;
        case VALUE_FALSE:
          return Boolean.FALSE;
        case VALUE_STRING:
          return p.getText();
        case VALUE_NUMBER_INT:
          expect(p.getNumberType() == JsonParser.NumberType.INT, "a 32-bit integer");
          return p.getIntValue();
        case VALUE_NUMBER_FLOAT:
          expect(p.getNumberType() == JsonParser.NumberType.DOUBLE, "a 64-bit float");
          return p.getDoubleValue();
        case START_ARRAY:
          return tagged();
        default:
          throw new CorruptEntryException("unexpected " + t);
      }
    }

    private Object value() throws IOException {
      return value(next());
    }

    private Object tagged() throws IOException {
      int tag = integer();
      Object v;
      switch (tag) {
        case LONG:
          v = longValue();
          break;
        case SHORT:
          v = (short) boundedInt(Short.MIN_VALUE, Short.MAX_VALUE);
          break;
        case BYTE:
          v = (byte) boundedInt(Byte.MIN_VALUE, Byte.MAX_VALUE);
          break;
        case CHAR:
          v = (char) boundedInt(Character.MIN_VALUE, Character.MAX_VALUE);
          break;
        case FLOAT:
          expect(next() == JsonToken.VALUE_NUMBER_FLOAT
              && p.getNumberType() == JsonParser.NumberType.FLOAT, "a 32-bit float");
          v = p.getFloatValue();
          break;
        case BIG_INTEGER:
          v = new BigInteger(binary());
          break;
        case BIG_DECIMAL:
          v = new BigDecimal(new BigInteger(binary()), integer());
          break;
        case PRIMITIVE_ARRAY:
          {
            int code = integer();
            v = PrimitiveArrays.fromBytes(code, binary());
            break;
          }
        case OBJECT_ARRAY:
          return array(classRef());
        case LIST:
          {
            Class<?> c = classRef(List.class);
            return Containers.list(c, rest());
          }
        case SET:
          {
            Class<?> c = classRef(Set.class);
            Comparator<?> comparator = comparator();
            return Containers.set(c, comparator, rest());
          }
        case MAP:
          return map();
        case RECORD:
          return record();
        case ENUM:
          v = enumConstant();
          break;
        case OBJECT:
          v = object();
          break;
        case OPTIONAL:
          {
            JsonToken t = next();
            if (t == JsonToken.END_ARRAY) {
              return Optional.empty();
            }
            v = Optional.of(value(t));
            break;
          }
        case UUID_TAG:
          v = new UUID(longValue(), longValue());
          break;
        case CLASS:
          v = classRef();
          break;
        case TIME:
          v = time();
          break;
        case DIGEST:
          {
            byte[] b = binary();
            expect(b.length == Digest.BYTES, "a 32-byte digest");
            v = Digest.fromBytes(b);
            break;
          }
        case CALL:
          return call();
        default:
          throw new CorruptEntryException("unknown tag " + tag);
      }
      expect(next() == JsonToken.END_ARRAY, "the end of a tagged value");
      return v;
    }

    /** Values up to the end of the current array. */
    private List<Object> rest() throws IOException {
      List<Object> items = new ArrayList<>();
      for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
        items.add(value(t));
      }
      return items;
    }

    private Object array(Class<?> component) throws IOException {
      List<Object> items = rest();
      Object array = Array.newInstance(component, items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(array, i, items.get(i));
      }
      return array;
    }

    private Object map() throws IOException {
      Class<?> c = classRef(Map.class);
      Comparator<?> comparator = comparator();
      List<Object> keys = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
        keys.add(value(t));
        values.add(value());
      }
      return Containers.map(c, comparator, keys, values);
    }

    private Comparator<?> comparator() throws IOException {
      Object c = value();
      expect(c == null || c instanceof Comparator, "a comparator");
      return (Comparator<?>) c;
    }

    private Object record() throws IOException {
      Class<?> c = classRef();
      expect(c.isRecord(), "a record class");
      Object[] components = rest().toArray();
      expect(components.length == c.getRecordComponents().length, "the components of " + c);
      try {
        return Records.construct(c, components);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new CorruptEntryException("cannot rebuild a " + c.getName() + ": " + e, e);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumConstant() throws IOException {
      Class<?> c = classRef();
      expect(c.isEnum(), "an enum class");
      expect(next() == JsonToken.VALUE_STRING, "an enum constant name");
      try {
        return Enum.valueOf((Class) c, p.getText());
      } catch (IllegalArgumentException e) {
        throw new CorruptEntryException("no constant " + p.getText() + " in " + c.getName(), e);
      }
    }

    private Object object() throws IOException {
      Class<?> c = classRef();
      int m = c.getModifiers();
      expect(
          !AllowList.isJdk(c.getName())
              && !c.isArray()
              && !c.isRecord()
              && !c.isEnum()
              && !c.isPrimitive()
              && !Modifier.isAbstract(m),
          "a plain application class, not " + c.getName());
      expect(next() == JsonToken.START_OBJECT, "the fields of a " + c.getName());
      Map<String, Field> fields = FIELDS.get(c);
      try {
        Object out = Instances.allocate(c);
        for (JsonToken t = next(); t != JsonToken.END_OBJECT; t = next()) {
          Field f = fields.get(p.currentName());
          expect(f != null, "a field of " + c.getName() + " (the class has no " + p.currentName() + ")");
          f.set(out, value());
        }
        return out;
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new CorruptEntryException("cannot rebuild a " + c.getName() + ": " + e, e);
      }
    }

    private Object time() throws IOException {
      Class<?> c = classRef();
      expect(next() == JsonToken.VALUE_STRING, "a java.time text");
      Function<String, Object> parser =
          ZoneId.class.isAssignableFrom(c) && c != ZoneOffset.class
              ? ZoneId::of
              : TIME_PARSERS.get(c);
      expect(parser != null, "a java.time class, not " + c.getName());
      try {
        return parser.apply(p.getText());
      } catch (RuntimeException e) {
        throw new CorruptEntryException("not a " + c.getName() + ": " + p.getText(), e);
      }
    }

    private DigestedCall call() throws IOException {
      Object function = value();
      Object result = value();
      Object metadata = value();
      expect(function instanceof FunctionId, "a function identity");
      expect(result == null || result instanceof Digest, "a result digest");
      expect(metadata instanceof Map, "metadata");
      Map<String, Digest> arguments = new LinkedHashMap<>();
      for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
        expect(t == JsonToken.VALUE_STRING, "an argument name");
        String name = p.getText();
        Object digest = value();
        expect(digest instanceof Digest, "the digest of argument " + name);
        arguments.put(name, (Digest) digest);
      }
      @SuppressWarnings("unchecked")
      Map<String, ? extends Map<String, ?>> meta = (Map<String, ? extends Map<String, ?>>) metadata;
      try {
        return DigestedCall.of((FunctionId) function, arguments, (Digest) result, meta);
      } catch (RuntimeException e) {
        throw new CorruptEntryException("not a call record: " + e, e);
      }
    }

    private Class<?> classRef(Class<?> kind) throws IOException {
      Class<?> c = classRef();
      expect(kind.isAssignableFrom(c), "a " + kind.getSimpleName() + " class, not " + c.getName());
      return c;
    }

    private Class<?> classRef() throws IOException {
      JsonToken t = next();
      if (t == JsonToken.VALUE_STRING) {
        Class<?> c = allowed.resolve(p.getText());
        classes.add(c);
        return c;
      }
      expect(t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT,
          "a class");
      int i = p.getIntValue();
      expect(i >= 0 && i < classes.size(), "a class number below " + classes.size());
      return classes.get(i);
    }

    private int integer() throws IOException {
      expect(next() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT,
          "a 32-bit integer");
      return p.getIntValue();
    }

    private int boundedInt(int min, int max) throws IOException {
      int v = integer();
      expect(v >= min && v <= max, "an integer in [" + min + ", " + max + "]");
      return v;
    }

    private long longValue() throws IOException {
      expect(next() == JsonToken.VALUE_NUMBER_INT, "an integer");
      JsonParser.NumberType type = p.getNumberType();
      expect(type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG, "a 64-bit integer");
      return p.getLongValue();
    }

    private byte[] binary() throws IOException {
      expect(next() == JsonToken.VALUE_EMBEDDED_OBJECT, "binary data");
      return p.getBinaryValue();
    }

    private static void expect(boolean ok, String what) {
      if (!ok) {
        throw new CorruptEntryException("malformed entry: expected " + what);
      }
    }
  }
}
