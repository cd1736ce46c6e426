package io.fleche;

/**
 * The canonical encoding behind {@link Digest#of(Object)}, version {@value #VERSION}. It is frozen:
 * stored caches are keyed by it, and the known-answer vectors in the test suite break if any byte
 * of it changes. A change needs a new version and a re-keying of stored caches ({@code redigest}).
 *
 * <h2>Nodes</h2>
 *
 * Every value is a <em>node</em>. A node's digest is {@code SHA-256(tag ‖ length ‖ content)}: one
 * tag byte, the content length in bytes as an unsigned 64-bit little-endian integer, then the
 * content. Multi-byte numbers are little-endian unless stated; text is WTF-8 (UTF-8, where an
 * unpaired surrogate is encoded as its own three-byte sequence, so that no two strings collide).
 * A container's content holds the raw 32-byte digests of its children, never the children's bytes,
 * so a {@link Digest} can stand in for any sub-value: a {@code Digest} is its own digest and is
 * never re-hashed. Nothing depends on {@code hashCode()}, identity, hash-collection iteration
 * order, locale, default charset or platform byte order.
 *
 * <table>
 *   <caption>Tags and contents</caption>
 *   <tr><th>tag</th><th>value</th><th>content</th></tr>
 *   <tr><td>0x00</td><td>{@code null}</td><td>empty</td></tr>
 *   <tr><td>0x01</td><td>{@code Boolean}</td><td>1 byte, 0 or 1</td></tr>
 *   <tr><td>0x02</td><td>{@code Byte}</td><td>1 byte</td></tr>
 *   <tr><td>0x03</td><td>{@code Short}</td><td>2 bytes</td></tr>
 *   <tr><td>0x04</td><td>{@code Integer}</td><td>4 bytes</td></tr>
 *   <tr><td>0x05</td><td>{@code Long}</td><td>8 bytes</td></tr>
 *   <tr><td>0x06</td><td>{@code Character}</td><td>2 bytes, the UTF-16 code unit</td></tr>
 *   <tr><td>0x07</td><td>{@code Float}</td><td>4 bytes, {@link Float#floatToIntBits} (one
 *       canonical NaN; {@code 0.0f} and {@code -0.0f} differ, as in {@code Float.equals})</td></tr>
 *   <tr><td>0x08</td><td>{@code Double}</td><td>8 bytes, {@link Double#doubleToLongBits} (same
 *       rules)</td></tr>
 *   <tr><td>0x09</td><td>{@code String}</td><td>WTF-8 bytes</td></tr>
 *   <tr><td>0x0A</td><td>{@code BigInteger}</td><td>{@link java.math.BigInteger#toByteArray()}
 *       (big-endian two's complement, minimal)</td></tr>
 *   <tr><td>0x0B</td><td>{@code BigDecimal}</td><td>scale (4 bytes) then the unscaled value as
 *       for {@code BigInteger}; so {@code 1.0} and {@code 1.00} differ, as in {@code
 *       BigDecimal.equals}</td></tr>
 *   <tr><td>0x0C</td><td>{@code UUID}</td><td>16 bytes, most significant first (RFC 4122
 *       order)</td></tr>
 *   <tr><td>0x0D</td><td>{@code Class}</td><td>{@link Class#getName()} as text</td></tr>
 *   <tr><td>0x0E</td><td>enum constant</td><td>text of the enum class name (its declaring
 *       class), a zero byte, text of the constant's name</td></tr>
 *   <tr><td>0x0F</td><td>{@code java.time} value: {@code Instant}, {@code LocalDate}, {@code
 *       LocalTime}, {@code LocalDateTime}, {@code OffsetTime}, {@code OffsetDateTime}, {@code
 *       ZonedDateTime}, {@code Duration}, {@code Period}, {@code Year}, {@code YearMonth}, {@code
 *       MonthDay}, {@code ZoneId}/{@code ZoneOffset} (other {@code java.time} objects are
 *       refused)</td><td>text of the class name, a zero byte, text of its ISO-8601 {@code
 *       toString()}</td></tr>
 *   <tr><td>0x10</td><td>primitive array, any rank</td><td>element code (one ASCII byte of {@code
 *       ZBSICJFD}), rank (1 byte), each dimension (8 bytes), then the elements' bytes in
 *       row-major order ({@code boolean} as 0/1, floating point through {@code
 *       floatToIntBits}/{@code doubleToLongBits}). If the elements take more than {@value
 *       #CHUNK_BYTES} bytes, they are replaced by the digests of consecutive chunks of {@value
 *       #CHUNK_BYTES} bytes (the last may be shorter), each chunk a node of tag 0x1F; chunks are
 *       hashed in parallel. A multi-dimensional array is one node only if it is rectangular and
 *       holds no {@code null} row; otherwise it is an object array of its rows.</td></tr>
 *   <tr><td>0x11</td><td>object array</td><td>text of the component class name, a zero byte,
 *       the element digests</td></tr>
 *   <tr><td>0x12</td><td>{@code List}</td><td>element digests in order</td></tr>
 *   <tr><td>0x13</td><td>{@code Set}</td><td>element digests sorted as unsigned bytes</td></tr>
 *   <tr><td>0x14</td><td>{@code Map}</td><td>pairs (key digest, value digest), sorted by key
 *       digest then value digest</td></tr>
 *   <tr><td>0x15</td><td>record</td><td>text of the class name, a zero byte, component digests
 *       in declaration order</td></tr>
 *   <tr><td>0x16</td><td>{@code Optional}</td><td>empty, or the digest of the content</td></tr>
 *   <tr><td>0x17</td><td>plain object</td><td>text of the class name, a zero byte, then for
 *       every non-static, non-transient field, superclass fields first and each class's fields
 *       ordered by name: the field name as text, a zero byte, the field value's digest</td></tr>
 *   <tr><td>0x1F</td><td>chunk of a large primitive array</td><td>up to {@value #CHUNK_BYTES}
 *       bytes</td></tr>
 *   <tr><td>0x20</td><td>call lookup key</td><td>the digest of the call's shape (tag 0x22),
 *       then the digest of each argument value in parameter order</td></tr>
 *   <tr><td>0x21</td><td>full call record; also the digest of a {@link Call}, {@link
 *       DigestedCall} or {@link LazyCall} value (they are {@link Digestible})</td><td>lookup key
 *       digest, a byte 1 and the result digest (or a byte 0 while pending), the metadata map's
 *       digest</td></tr>
 *   <tr><td>0x22</td><td>call shape: what a function's keys share</td><td>five inline text
 *       fields (name, signature, module, version, code digest hex), each a tag 0x09 or, when
 *       absent, 0x00, followed by its 8-byte length and bytes; the argument count (4 bytes); each
 *       argument name in parameter order as an inline text field</td></tr>
 * </table>
 *
 * <p>Lists of any implementation digest alike ({@code ArrayList}, {@code List.of}); so do sets and
 * maps. A {@code Digest} is always its own digest. Otherwise a value's own digest wins over the
 * built-in arms: registered {@link DigestHook}s first
 * (newest registration first, then those found through {@link java.util.ServiceLoader}), then
 * {@link Digestible}. Plain objects of JDK packages ({@code java.}, {@code javax.}, {@code jdk.},
 * {@code sun.}, {@code com.sun.}) that no arm covers, lambdas and other hidden classes, threads,
 * class loaders, locks, executors, futures and {@link AutoCloseable} resources are not digested:
 * {@link UndigestableException}.
 */
public final class DigestFormat {
  /** The version of the encoding described here. */
  public static final int VERSION = 1;

  /** Size of the chunks into which large primitive arrays are split. */
  public static final int CHUNK_BYTES = 256 * 1024;

  static final byte NULL = 0x00;
  static final byte BOOLEAN = 0x01;
  static final byte BYTE = 0x02;
  static final byte SHORT = 0x03;
  static final byte INT = 0x04;
  static final byte LONG = 0x05;
  static final byte CHAR = 0x06;
  static final byte FLOAT = 0x07;
  static final byte DOUBLE = 0x08;
  static final byte STRING = 0x09;
  static final byte BIG_INTEGER = 0x0A;
  static final byte BIG_DECIMAL = 0x0B;
  static final byte UUID = 0x0C;
  static final byte CLASS = 0x0D;
  static final byte ENUM = 0x0E;
  static final byte TIME = 0x0F;
  static final byte PRIMITIVE_ARRAY = 0x10;
  static final byte OBJECT_ARRAY = 0x11;
  static final byte LIST = 0x12;
  static final byte SET = 0x13;
  static final byte MAP = 0x14;
  static final byte RECORD = 0x15;
  static final byte OPTIONAL = 0x16;
  static final byte OBJECT = 0x17;
  static final byte CHUNK = 0x1F;
  static final byte CALL_KEY = 0x20;
  static final byte CALL_RECORD = 0x21;
  static final byte CALL_SHAPE = 0x22;

  private DigestFormat() {}
}
