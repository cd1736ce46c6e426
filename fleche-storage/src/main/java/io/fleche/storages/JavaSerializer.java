package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.storage.SaveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDK serialization ({@value Serializers#JAVA}), for values whose classes are {@link
 * Serializable} and that the Smile serializer cannot store. The bytes are an object stream as
 * {@link ObjectOutputStream} writes it (starting {@code AC ED 00 05}).
 *
 * <p>Reading resolves every class descriptor through the {@link AllowList} before the class is
 * loaded ({@link ObjectInputStream#resolveClass} is overridden; dynamic proxies are refused), and
 * an {@link ObjectInputFilter} bounds the depth and the number of references, so a stream naming a
 * gadget class is refused without that class being initialised.
 *
 * <p>Fleche's own {@code Digest} and {@code DigestedCall} are not {@code Serializable}; they are
 * written as the stand-ins {@link DigestForm} and {@link CallForm} and read back as themselves.
 */
final class JavaSerializer implements Serializer {
  private static final long MAX_DEPTH = 5_000;
  private static final long MAX_REFERENCES = 100_000_000;

  /** What a {@link Digest} is written as. */
  record DigestForm(byte[] bytes) implements Serializable {}

  /** What a {@link DigestedCall} is written as: the function's fields, then the rest. */
  record CallForm(
      String name,
      String signature,
      String module,
      String version,
      Object codeDigest,
      ArrayList<String> argumentNames,
      ArrayList<Object> argumentDigests,
      Object result,
      Object metadata)
      implements Serializable {}

  @Override
  public String name() {
    return Serializers.JAVA;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    try (ObjectOutputStream o = new Output(out)) {
      o.writeObject(value);
    } catch (NotSerializableException | InvalidClassException e) {
      throw new SaveException(
          "the " + Serializers.JAVA + " serializer cannot store " + e.getMessage(), e);
    }
  }

  @Override
  public Object read(byte[] bytes, int offset, int length, AllowList allowed) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, length);
    try (ObjectInputStream o = new Input(in, allowed)) {
      Object value = o.readObject();
      if (in.available() > 0) {
        throw new CorruptEntryException("bytes after the value");
      }
      return value;
    } catch (ClassNotFoundException e) {
      throw new CorruptEntryException("the stored entry names an unknown class: " + e, e);
    } catch (Refused e) {
      throw (CorruptEntryException) e.getCause();
    }
  }

  private static final class Output extends ObjectOutputStream {
    Output(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof Digest) {
        return new DigestForm(((Digest) obj).toBytes());
      }
      if (obj instanceof DigestedCall) {
        DigestedCall c = (DigestedCall) obj;
        FunctionId f = c.function();
        return new CallForm(
            f.name(),
            f.signature(),
            f.module(),
            f.version(),
            f.codeDigest(),
            new ArrayList<>(c.arguments().keySet()),
            new ArrayList<>(c.arguments().values()),
            c.result(),
            c.metadata());
      }
      return obj;
    }
  }

  /** A refused class, carried through {@link ObjectInputStream}'s checked exceptions. */
  private static final class Refused extends InvalidClassException {
    private static final long serialVersionUID = 1L;

    Refused(CorruptEntryException cause) {
      super(cause.getMessage());
      initCause(cause);
    }
  }

  private static final class Input extends ObjectInputStream {
    private final AllowList allowed;

    Input(ByteArrayInputStream in, AllowList allowed) throws IOException {
      super(in);
      this.allowed = allowed;
      enableResolveObject(true);
      setObjectInputFilter(
          info ->
              info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
                  ? ObjectInputFilter.Status.REJECTED
                  : ObjectInputFilter.Status.UNDECIDED);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws Refused {
      try {
        return allowed.resolve(desc.getName());
      } catch (CorruptEntryException e) {
        throw new Refused(e);
      }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws Refused {
      throw new Refused(
          new CorruptEntryException("the stored entry holds a dynamic proxy; refused"));
    }

    @Override
    protected Object resolveObject(Object obj) throws IOException {
      if (obj instanceof DigestForm) {
        return Digest.fromBytes(((DigestForm) obj).bytes());
      }
      if (obj instanceof CallForm) {
        return call((CallForm) obj);
      }
      return obj;
    }

    @SuppressWarnings("unchecked")
    private static DigestedCall call(CallForm form) throws InvalidClassException {
      try {
        FunctionId f =
            new FunctionId(
                form.name(), form.signature(), form.module(), form.version(), (Digest) form.codeDigest());
        Map<String, Digest> arguments = new LinkedHashMap<>();
        List<Object> digests = form.argumentDigests();
        for (int i = 0; i < form.argumentNames().size(); i++) {
          arguments.put(form.argumentNames().get(i), (Digest) digests.get(i));
        }
        return DigestedCall.of(
            f,
            arguments,
            (Digest) form.result(),
            (Map<String, ? extends Map<String, ?>>) form.metadata());
      } catch (RuntimeException e) {
        throw new InvalidClassException("not a call record: " + e);
      }
    }
  }
}
