package io.fleche;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;

/**
 * A second copy of the fleche-api classes in their own class loader, with their own static state:
 * no hooks registered and none discovered (the test resources, which list a {@link DigestHook}
 * service, are not on its class path). It lets tests exercise the hook-free fast path and register
 * global hooks without affecting the rest of the suite.
 */
final class IsolatedFleche implements AutoCloseable {
  private final URLClassLoader loader;
  private final Method digestOf;
  private final Method fromHex;
  private final Method register;

  IsolatedFleche() {
    URL classes = Digest.class.getProtectionDomain().getCodeSource().getLocation();
    loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    try {
      Class<?> digest = Class.forName("io.fleche.Digest", true, loader);
      if (digest == Digest.class) {
        throw new IllegalStateException("the isolated loader did not isolate io.fleche.Digest");
      }
      digestOf = digest.getMethod("of", Object.class);
      fromHex = digest.getMethod("fromHex", CharSequence.class);
      register =
          Class.forName("io.fleche.Fleches", true, loader)
              .getMethod("registerDigestHook", Class.class, Function.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hex digest computed by the isolated copy, with its loader as context class loader. */
  String digestHex(Object value) {
    return String.valueOf(call(digestOf, value));
  }

  /** An isolated {@code Digest} instance (not an instance of this loader's {@link Digest}). */
  Object digest(String hex) {
    return call(fromHex, hex);
  }

  /**
   * Registers a hook in the isolated copy; {@code hexDigest} returns the hex digest to use, which
   * is converted into an isolated {@code Digest}.
   */
  void registerHook(Class<?> type, Function<Object, String> hexDigest) {
    Function<Object, Object> f = v -> digest(hexDigest.apply(v));
    call(register, type, f);
  }

  private Object call(Method m, Object... args) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
