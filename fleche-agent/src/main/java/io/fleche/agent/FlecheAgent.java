package io.fleche.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * The java agent: rewrites every method annotated {@code @io.fleche.Fleche} (matched by name) in
 * classes loaded from now on and, by retransformation, in classes already loaded.
 *
 * <p>Agent arguments, comma-separated: {@code cache=NAME} makes the cache configured under NAME
 * the default (same as {@code -Dfleche.cache=NAME}); {@code verbose} logs every instrumented
 * method (same as {@code -Dfleche.verbose=true}).
 *
 * <pre>
 * java -javaagent:fleche.jar=cache=shared,verbose -jar app.jar
 * </pre>
 */
public final class FlecheAgent {
  static final String ANNOTATION = "io.fleche.Fleche";

  private static final AtomicInteger INSTRUMENTED = new AtomicInteger();
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static volatile boolean installed;

  private FlecheAgent() {}

  /** Entry point of {@code -javaagent:fleche.jar[=arguments]}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    install(arguments, instrumentation);
  }

  /** Entry point when attached to a running JVM, or started from the jar's manifest. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    install(arguments, instrumentation);
  }

  /**
   * Installs the agent into this JVM if it is not installed yet, attaching to it if it was
   * started without {@code -javaagent} (for tests and tools; JDK 21+ want {@code
   * -XX:+EnableDynamicAgentLoading} for that).
   */
  public static void install() {
    if (!installed) {
      install(null, ByteBuddyAgent.install());
    }
  }

  private static String identity(
      String type, String method, String descriptor, ClassLoader loader) {
    return type + "#" + method + descriptor + "@" + System.identityHashCode(loader);
  }

  /** The profile number of {@code method} if the agent instrumented it, else null. */
  static Integer idOf(java.lang.reflect.Method method) {
    MethodDescription d = new MethodDescription.ForLoadedMethod(method);
    return IDS.get(
        identity(
            method.getDeclaringClass().getName(),
            d.getInternalName(),
            d.getDescriptor(),
            method.getDeclaringClass().getClassLoader()));
  }

  /** The number of methods instrumented so far. */
  public static int instrumentedMethods() {
    return INSTRUMENTED.get();
  }

  private static synchronized void install(String arguments, Instrumentation instrumentation) {
    if (installed) {
      return;
    }
    AgentOptions.parse(arguments).apply();
    // Byte Buddy's own property (relocated with it in fleche.jar): no sun.misc.Unsafe
    System.setProperty("net.bytebuddy.safe", "true");
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(new Failures())
        .ignore(ignored())
        .type(declaresMethod(isAnnotatedWith(named(ANNOTATION))))
        .transform(FlecheAgent::transform)
        .installOn(instrumentation);
    installed = true;
    if (AgentOptions.verboseNow()) {
      Dispatcher.LOG.log(
          System.Logger.Level.INFO, "Fleche agent installed; methods are logged as they load");
    }
  }

  /** Fleche's own classes, the JDK's, Byte Buddy (ours and the application's) and synthetics. */
  private static ElementMatcher.Junction<TypeDescription> ignored() {
    // built at run time: a literal would be relocated along with Byte Buddy in fleche.jar
    String applicationByteBuddy = String.join(".", "net", "bytebuddy", "");
    ElementMatcher.Junction<TypeDescription> m = nameStartsWith(applicationByteBuddy);
    for (String prefix :
        new String[] {
          "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.fleche.agent.", "io.fleche.cli.", "io.fleche.storages.",
          "io.fleche.caches.", "io.fleche.config.", "io.fleche.metadata.", "io.fleche.storage.",
          "io.fleche.spi.", "io.fleche.shaded."
        }) {
      m = m.or(nameStartsWith(prefix));
    }
    return m.or(isSynthetic());
  }

  private static DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      java.security.ProtectionDomain domain) {
    for (MethodDescription.InDefinedShape method :
        type.getDeclaredMethods().filter(isAnnotatedWith(named(ANNOTATION)))) {
      MethodProfile profile;
      try {
        profile = Profiles.of(type, method, loader);
      } catch (Profiles.Misuse misuse) {
        Dispatcher.LOG.log(
            System.Logger.Level.WARNING,
            "Fleche: " + misuse.getMessage() + "; the method runs unchanged, without caching");
        continue;
      }
      int id =
          IDS.computeIfAbsent(
              identity(type.getName(), method.getInternalName(), method.getDescriptor(), loader),
              k -> Dispatcher.register(profile));
      builder =
          builder.visit(
              Advice.withCustomMapping()
                  .bind(ProfileId.class, id)
                  .to(MemoAdvice.class)
                  .on(is(method)));
      INSTRUMENTED.incrementAndGet();
      if (AgentOptions.verboseNow()) {
        Dispatcher.LOG.log(System.Logger.Level.INFO, "Fleche: memoizing " + profile.description);
      }
    }
    return builder;
  }

  /** Logs transformation errors; a class that fails to transform runs unchanged. */
  private static final class Failures extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      Dispatcher.LOG.log(
          System.Logger.Level.WARNING,
          "Fleche could not instrument " + typeName + "; it runs without caching",
          error);
    }
  }
}
