package example.memo;

import io.fleche.Cache;
import io.fleche.Fleche;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.LazyCall;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.ObjectName;

/**
 * Run by {@link ConfiguredAgentIT} with {@code -javaagent:fleche.jar} in a directory holding a
 * {@code fleche.toml}: memoizes three distinct calls in the default cache and prints what that
 * cache kept and what it recorded, and the name of the cache's statistics MBean.
 */
public final class ConfigProgram {
  static int runs;

  private ConfigProgram() {}

  @Fleche
  static long cube(int x) {
    runs++;
    return (long) x * x * x;
  }

  public static void main(String[] args) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    CountDownLatch registered = new CountDownLatch(1);
    ObjectName[] bean = new ObjectName[1];
    server.addNotificationListener(
        MBeanServerDelegate.DELEGATE_NAME,
        (n, handback) -> {
          ObjectName name = ((MBeanServerNotification) n).getMBeanName();
          if (n.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
              && name.getDomain().equals("io.fleche")) {
            bean[0] = name;
            registered.countDown();
          }
        },
        null,
        null);
    long sum = 0;
    for (int x = 1; x <= 3; x++) {
      sum += cube(x);
    }
    Cache cache = Fleches.cache();
    FlecheFunction cube = Fleches.function(ConfigProgram.class, "cube");
    int cached = 0;
    for (int x = 1; x <= 3; x++) {
      cached += cube.contains(x) ? 1 : 0;
    }
    LazyCall record = cache.query().stream().findFirst().orElseThrow();
    Map<String, Object> environment = record.metadata().getOrDefault("environment", Map.of());
    System.out.println("sum=" + sum);
    System.out.println("runs=" + runs);
    System.out.println("cache=" + cache);
    System.out.println("stored=" + cache.query().count());
    System.out.println("cached=" + cached);
    System.out.println("namespaces=" + new TreeSet<>(record.metadata().keySet()));
    System.out.println("environment.cwd=" + environment.get("cwd"));
    System.out.println("environment.java_version=" + environment.get("java_version"));
    System.out.println("misses=" + Fleches.stats(cache).function(ConfigProgram.class, "cube").misses());
    System.out.println("mbean=" + (registered.await(1, TimeUnit.MINUTES) ? bean[0] : "none"));
  }
}
