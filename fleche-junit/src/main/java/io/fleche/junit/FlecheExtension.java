package io.fleche.junit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link FlecheTest}; {@code @ExtendWith(FlecheExtension.class)} is the same
 * as {@code @FlecheTest} with its defaults. Each test gets an empty cache of its own, active in
 * its thread until it ends, and a {@link CacheProbe} parameter on it.
 */
public final class FlecheExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlecheExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    context.getStore(NAMESPACE).put(CacheProbe.class, CacheProbe.open(persistent(context)));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    CacheProbe probe = context.getStore(NAMESPACE).remove(CacheProbe.class, CacheProbe.class);
    if (probe != null) {
      probe.close();
    }
  }

  /**
   * {@link FlecheTest#persistent()} of the test method, else of its class or the nearest class
   * enclosing it ({@code @Nested} tests), else the default.
   */
  private static boolean persistent(ExtensionContext context) {
    Optional<FlecheTest> found = find(context.getRequiredTestMethod());
    for (Class<?> c = context.getRequiredTestClass();
        found.isEmpty() && c != null;
        c = c.getEnclosingClass()) {
      found = find(c);
    }
    return found.map(FlecheTest::persistent).orElse(false);
  }

  private static Optional<FlecheTest> find(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, FlecheTest.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CacheProbe.class;
  }

  @Override
  public CacheProbe resolveParameter(ParameterContext parameter, ExtensionContext context) {
    CacheProbe probe = context.getStore(NAMESPACE).get(CacheProbe.class, CacheProbe.class);
    if (probe == null) {
      throw new ParameterResolutionException(
          "a CacheProbe is for test methods and their @BeforeEach and @AfterEach methods");
    }
    return probe;
  }
}
