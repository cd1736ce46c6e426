package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.QueryResult;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * {@link FlecheFunction} for one method. If the agent instrumented the method, calling it
 * reflectively is memoized by its advice; otherwise the handle drives the same {@link Dispatcher}
 * around a plain reflective call, so handles work with or without the agent.
 */
final class FunctionHandle implements FlecheFunction {
  private final Method method;
  private final Class<?> declaring;
  private final int id;
  private final MethodProfile profile;
  private final boolean instrumented;

  private FunctionHandle(Method method, int id, boolean instrumented) {
    this.method = method;
    this.declaring = method.getDeclaringClass();
    this.id = id;
    this.profile = Dispatcher.profile(id);
    this.instrumented = instrumented;
    method.setAccessible(true);
  }

  static FunctionHandle of(Method method) {
    Integer instrumented = FlecheAgent.idOf(method);
    if (instrumented != null) {
      return new FunctionHandle(method, instrumented, true);
    }
    TypeDescription type = TypeDescription.ForLoadedType.of(method.getDeclaringClass());
    try {
      MethodProfile p =
          Profiles.of(
              type, new MethodDescription.ForLoadedMethod(method), method.getDeclaringClass().getClassLoader());
      return new FunctionHandle(method, Dispatcher.register(p), false);
    } catch (Profiles.Misuse misuse) {
      throw new IllegalArgumentException(misuse.getMessage(), misuse);
    }
  }

  @Override
  public Method method() {
    return method;
  }

  @Override
  public FunctionId function() {
    return profile.function(declaring);
  }

  private boolean isStatic() {
    return Modifier.isStatic(method.getModifiers());
  }

  private Object receiver(Object[] arguments) {
    return isStatic() ? null : arguments[0];
  }

  private Object[] parameters(Object[] arguments) {
    int expected = method.getParameterCount() + (isStatic() ? 0 : 1);
    if (arguments.length != expected) {
      throw new IllegalArgumentException(
          profile.description + " takes " + expected + " argument(s)"
              + (isStatic() ? "" : " (the receiver first)") + ", got " + arguments.length);
    }
    return isStatic() ? arguments : Arrays.copyOfRange(arguments, 1, arguments.length);
  }

  @Override
  public Object call(Object... arguments) throws Exception {
    Object self = receiver(arguments);
    Object[] parameters = parameters(arguments);
    if (instrumented) {
      return invoke(self, parameters);
    }
    Object token = Dispatcher.enter(id, declaring, self, parameters);
    if (token instanceof Dispatcher.Hit) {
      return ((Dispatcher.Hit) token).value;
    }
    Object result;
    try {
      result = invoke(self, parameters);
    } catch (Exception | Error e) {
      if (token != null) {
        Dispatcher.exit(token, null, e);
      }
      throw e;
    }
    return token == null ? result : Dispatcher.exit(token, result, null);
  }

  private Object invoke(Object self, Object[] parameters) throws Exception {
    try {
      return method.invoke(self, parameters);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw (Error) cause;
    }
  }

  @Override
  public Call toCall(Object... arguments) {
    return profile.call(declaring, keyValues(arguments));
  }

  private Object[] keyValues(Object[] arguments) {
    return profile.keyValues(receiver(arguments), parameters(arguments));
  }

  @Override
  public Digest digest(Object... arguments) {
    return profile.key(declaring, keyValues(arguments));
  }

  @Override
  public boolean contains(Object... arguments) {
    return Fleches.cache().contains(digest(arguments));
  }

  @Override
  public Object load(Object... arguments) {
    return Fleches.cache().load(digest(arguments)).result();
  }

  @Override
  public QueryResult query(Map<String, ?> arguments) {
    return query(arguments, Map.of());
  }

  @Override
  public QueryResult query(Map<String, ?> arguments, Map<String, ? extends Map<String, ?>> metadata) {
    QueryCall.Builder q = QueryCall.forFunction(function());
    for (Map.Entry<String, ?> e : arguments.entrySet()) {
      if (!profile.isKeyed(e.getKey())) {
        throw new IllegalArgumentException(
            profile.description + " has no keyed parameter " + e.getKey());
      }
      q.argument(e.getKey(), e.getValue());
    }
    metadata.forEach(q::metadata);
    return Fleches.cache().query(q.build());
  }

  @Override
  public Object rerun(Object... arguments) throws Exception {
    Cache active = Fleches.cache();
    Cache refreshing = Caches.refreshing(active);
    CacheMonitor.countAs(refreshing, active); // a rerun's calls count as calls on the cache
    try (Scope s = Fleches.use(refreshing)) {
      return call(arguments);
    }
  }

  @Override
  public BoundCall bind(Object... arguments) {
    Object[] copy = arguments.clone();
    Cache cache = Fleches.cache();
    Callable<Object> task = Fleches.bind(() -> call(copy));
    return new BoundCall() {
      @Override
      public Object call() throws Exception {
        return task.call();
      }

      @Override
      public CompletableFuture<Object> cached() {
        try {
          return CompletableFuture.completedFuture(cache.load(digest(copy)).result());
        } catch (NoSuchElementException miss) {
          return null;
        }
      }
    };
  }

  @Override
  public String toString() {
    return "FlecheFunction[" + profile.description + "]";
  }
}
