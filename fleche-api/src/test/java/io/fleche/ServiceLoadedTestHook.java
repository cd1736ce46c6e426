package io.fleche;

import java.util.List;

/**
 * A digest hook found through {@link java.util.ServiceLoader}: listed in the test resources'
 * {@code META-INF/services/io.fleche.DigestHook}. It digests only {@link Target}, a test-only type,
 * by its {@code id} alone.
 */
public final class ServiceLoadedTestHook implements DigestHook<ServiceLoadedTestHook.Target> {
  /** A test-only type digested by this hook; {@code ignored} does not take part. */
  public record Target(String id, Object ignored) {}

  public ServiceLoadedTestHook() {}

  @Override
  public Class<Target> type() {
    return Target.class;
  }

  @Override
  public Digest digest(Target value) {
    return Digest.of(List.of("service-loaded", value.id()));
  }

  /** A discovered hook listed after a broken entry of the services file. */
  public static final class AfterBroken implements DigestHook<AfterBroken.Target> {
    /** Test-only type. */
    public record Target(String id) {}

    public AfterBroken() {}

    @Override
    public Class<Target> type() {
      return Target.class;
    }

    @Override
    public Digest digest(Target value) {
      return Digest.of(List.of("after broken", value.id()));
    }
  }

  /** A discovered hook for a type that a test also registers a hook for. */
  public static final class Overridden implements DigestHook<Overridden.Target> {
    /** Test-only type. */
    public record Target(String id) {}

    public Overridden() {}

    @Override
    public Class<Target> type() {
      return Target.class;
    }

    @Override
    public Digest digest(Target value) {
      return Digest.of(List.of("discovered", value.id()));
    }
  }
}
