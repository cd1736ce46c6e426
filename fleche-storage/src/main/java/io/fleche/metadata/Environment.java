package io.fleche.metadata;

import io.fleche.Call;
import io.fleche.Fleches;
import io.fleche.MetaData;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code environment} namespace: where and by what a call was computed — {@code hostname},
 * {@code username} ({@code user.name}), {@code cwd} ({@code user.dir}), {@code fleche_version}
 * (the {@code Implementation-Version} of the jar holding Fleche, {@code "unknown"} when run from
 * classes), {@code java_version} and {@code java_vendor}. Collected before the body runs.
 *
 * <p>The host name is looked up once per JVM ({@link InetAddress#getLocalHost()}, which may ask
 * the name service); if that fails it is the {@code HOSTNAME} environment variable, else {@code
 * null}.
 *
 * <p>In {@code fleche.toml}: {@code metadata = ["Runtime", "Environment"]}.
 */
public final class Environment implements MetaData {
  /** Creates the plugin; it holds no state. */
  public Environment() {}

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public Map<String, Object> pre(Call call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hostname", Host.NAME);
    m.put("username", System.getProperty("user.name"));
    m.put("cwd", System.getProperty("user.dir"));
    m.put("fleche_version", Host.FLECHE_VERSION);
    m.put("java_version", System.getProperty("java.version"));
    m.put("java_vendor", System.getProperty("java.vendor"));
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "Environment";
  }

  /** Facts that do not change while the JVM runs, found on first use. */
  private static final class Host {
    static final String NAME = hostname();
    static final String FLECHE_VERSION = flecheVersion();

    private static String hostname() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        return System.getenv("HOSTNAME");
      }
    }

    private static String flecheVersion() {
      String v = Fleches.class.getPackage().getImplementationVersion();
      return v != null ? v : "unknown";
    }
  }
}
