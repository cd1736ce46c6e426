package io.fleche.agent;

import io.fleche.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/** Reads a {@code @Fleche} method's annotation and signature into a {@link MethodProfile}. */
final class Profiles {
  private static final String IGNORED = "io.fleche.Ignored";
  private static final String REQUIRED = "io.fleche.Required";
  private static final List<String> LAZY_RETURN_TYPES =
      List.of(
          "java.util.stream.BaseStream",
          "java.util.Iterator",
          "java.util.Spliterator",
          "java.util.ListIterator");
  private static final System.Logger LOG = Dispatcher.LOG;
  private static volatile boolean warnedUnnamed;

  private Profiles() {}

  /** The method cannot be memoized; the message names it and says why. */
  static final class Misuse extends Exception {
    private static final long serialVersionUID = 1L;

    Misuse(String message) {
      super(message);
    }
  }

  static MethodProfile of(TypeDescription type, MethodDescription method, ClassLoader loader)
      throws Misuse {
    String description = describe(type, method);
    AnnotationDescription fleche = annotation(method.getDeclaredAnnotations(), FlecheAgent.ANNOTATION);
    if (method.isAbstract() || method.isNative()) {
      throw new Misuse("@Fleche on " + (method.isNative() ? "native" : "abstract") + " method "
          + description + " has no body to memoize");
    }
    if (method.isConstructor() || method.isTypeInitializer()) {
      throw new Misuse("@Fleche on constructor " + description + " is not supported");
    }
    TypeDescription returns = method.getReturnType().asErasure();
    if (returns.represents(void.class)) {
      throw new Misuse("@Fleche on void method " + description + ": there is no result to cache");
    }
    for (String lazy : LAZY_RETURN_TYPES) {
      if (isSubtypeOf(returns, lazy)) {
        throw new Misuse("@Fleche on " + description + ", which returns a " + returns.getSimpleName()
            + ": a lazy sequence cannot be cached; return a List instead");
      }
    }

    List<ParameterDescription.InDefinedShape> parameters = new ArrayList<>();
    method.asDefined().getParameters().forEach(parameters::add);
    String[] names = new String[parameters.size()];
    boolean unnamed = false;
    for (int i = 0; i < names.length; i++) {
      ParameterDescription.InDefinedShape p = parameters.get(i);
      unnamed |= !p.isNamed();
      names[i] = p.isNamed() ? p.getName() : "arg" + i;
    }
    if (unnamed) {
      String[] original = namesFromClassFile(type, method, loader);
      if (original != null) {
        names = original;
        unnamed = false;
      }
    }
    if (unnamed && !warnedUnnamed) {
      warnedUnnamed = true;
      LOG.log(System.Logger.Level.WARNING, "Fleche: " + description + " was compiled without"
          + " -parameters; its arguments are keyed as arg0, arg1, ... (compile with -parameters so"
          + " that keys name the parameters)");
    }
    Set<String> known = new LinkedHashSet<>(Arrays.asList(names));
    if (!method.isStatic()) {
      known.add(MethodProfile.THIS);
    }

    Set<String> ignore = names(fleche, "ignore", description, known);
    Set<String> require = names(fleche, "require", description, known);
    for (int i = 0; i < names.length; i++) {
      if (annotation(parameters.get(i).getDeclaredAnnotations(), IGNORED) != null) {
        ignore.add(names[i]);
      }
      if (annotation(parameters.get(i).getDeclaredAnnotations(), REQUIRED) != null) {
        require.add(names[i]);
      }
    }
    boolean[] keyed = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      keyed[i] = !ignore.contains(names[i]);
    }

    String version = fleche.getValue("version").resolve(String.class);
    boolean hashVersion = fleche.getValue("hashVersion").resolve(Boolean.class);
    boolean hashModule = fleche.getValue("hashModule").resolve(Boolean.class);
    boolean hashBytecode = fleche.getValue("hashBytecode").resolve(Boolean.class);
    List<String> meta = new ArrayList<>();
    for (TypeDescription t : fleche.getValue("meta").resolve(TypeDescription[].class)) {
      meta.add(t.getName());
    }
    Digest codeDigest = hashBytecode ? Bytecode.digest(type, method, loader) : null;
    return new MethodProfile(
        description,
        name(type, method),
        method.getName(),
        signature(method),
        hashModule ? type.getPackage() == null ? "" : type.getPackage().getName() : null,
        version.isEmpty() ? null : version,
        hashVersion,
        codeDigest,
        method.isStatic(),
        names,
        keyed,
        !ignore.contains(MethodProfile.THIS),
        Set.copyOf(require),
        List.copyOf(meta),
        isSubtypeOf(returns, "java.util.concurrent.CompletionStage"));
  }

  /**
   * The parameter names that the class file of {@code type} in {@code loader} declares, or null
   * if it declares none. A class loaded before the agent was installed is retransformed and
   * described from the bytes the JVM reconstitutes, which on JDK 17 lack the {@code
   * MethodParameters} attribute: without this the same method would be keyed {@code arg0, ...}
   * after {@link FlecheAgent#install()} and by name under {@code -javaagent}.
   */
  private static String[] namesFromClassFile(
      TypeDescription type, MethodDescription method, ClassLoader loader) {
    try (ClassFileLocator locator =
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
            : ClassFileLocator.ForClassLoader.of(loader)) {
      TypePool.Resolution resolution = TypePool.Default.of(locator).describe(type.getName());
      if (!resolution.isResolved()) {
        return null;
      }
      MethodList<MethodDescription.InDefinedShape> found =
          resolution.resolve().getDeclaredMethods().filter(
              ElementMatchers.<MethodDescription.InDefinedShape>hasMethodName(
                      method.getInternalName())
                  .and(ElementMatchers.hasDescriptor(method.getDescriptor())));
      if (found.size() != 1) {
        return null;
      }
      ParameterList<?> parameters = found.getOnly().getParameters();
      String[] names = new String[parameters.size()];
      for (int i = 0; i < names.length; i++) {
        if (!parameters.get(i).isNamed()) {
          return null;
        }
        names[i] = parameters.get(i).getName();
      }
      return names;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The parameter names in {@code ignore} or {@code require}, each checked to exist. */
  private static Set<String> names(
      AnnotationDescription fleche, String property, String description, Set<String> known)
      throws Misuse {
    AnnotationValue<?, ?> value = fleche.getValue(property);
    Set<String> out = new LinkedHashSet<>(Arrays.asList(value.resolve(String[].class)));
    for (String n : out) {
      if (!known.contains(n)) {
        throw new Misuse("@Fleche(" + property + " = \"" + n + "\") on " + description
            + ": no parameter named " + n + " (parameters: " + known + ")");
      }
    }
    return out;
  }

  private static AnnotationDescription annotation(
      Iterable<AnnotationDescription> annotations, String name) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  private static boolean isSubtypeOf(TypeDescription type, String name) {
    if (type.getName().equals(name)) {
      return true;
    }
    for (TypeDescription.Generic i : type.getInterfaces()) {
      if (isSubtypeOf(i.asErasure(), name)) {
        return true;
      }
    }
    TypeDescription.Generic superType = type.getSuperClass();
    return superType != null && isSubtypeOf(superType.asErasure(), name);
  }

  /** {@code Outer.Inner.method}: the class name without package, nested classes dotted. */
  static String name(TypeDescription type, MethodDescription method) {
    String binary = type.getName();
    String pkg = type.getPackage() == null ? "" : type.getPackage().getName();
    String local = pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1);
    return local.replace('$', '.') + "." + method.getName();
  }

  /** {@code (int,java.lang.String)}: the erased parameter types. */
  static String signature(MethodDescription method) {
    StringJoiner j = new StringJoiner(",", "(", ")");
    for (TypeDefinition t : method.getParameters().asTypeList()) {
      j.add(t.asErasure().getName());
    }
    return j.toString();
  }

  /** {@link #signature(MethodDescription)} of a loaded method. */
  static String signature(java.lang.reflect.Method method) {
    StringJoiner j = new StringJoiner(",", "(", ")");
    for (Class<?> t : method.getParameterTypes()) {
      j.add(t.getName());
    }
    return j.toString();
  }

  private static String describe(TypeDescription type, MethodDescription method) {
    return type.getName() + "." + method.getName() + signature(method);
  }
}
