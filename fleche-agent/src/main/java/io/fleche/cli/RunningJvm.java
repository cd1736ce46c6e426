package io.fleche.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.fleche.FlecheStats;
import io.fleche.FunctionStats;
import io.fleche.agent.CacheStatsMXBean;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Fleche statistics of another running JVM, read the way {@code jconsole} reads them: attach
 * to it (the JDK's Attach API), start its local JMX agent, and read every {@code
 * io.fleche:type=Cache,name=...} MBean ({@link CacheStatsMXBean}).
 *
 * <p>Only a JVM of this user that publishes its performance data (not {@code -XX:-UsePerfData})
 * is attached to: attaching to a process that is not a JVM would send it a signal that ends it.
 */
final class RunningJvm {
  private static final String CACHES = "io.fleche:type=Cache,*";
  private static final String UNCACHED = "uncached.";

  private RunningJvm() {}

  /**
   * The statistics of each cache of the JVM {@code pid}, by the name of its MBean.
   *
   * @throws NoSuchElementException if there is no such process, or it is not a JVM that can be
   *     attached to
   * @throws IllegalStateException if attaching or reading fails, or the JVM has no Fleche
   *     statistics (it runs without the agent, or has not called a memoized method yet)
   */
  static Map<String, FlecheStats> caches(long pid) {
    String id = String.valueOf(pid);
    if (ProcessHandle.of(pid).isEmpty()) {
      throw new NoSuchElementException("No process " + pid);
    }
    if (VirtualMachine.list().stream().noneMatch(vm -> vm.id().equals(id))) {
      throw new NoSuchElementException(
          "Process " + pid + " is not a JVM of this user (or it runs with -XX:-UsePerfData)");
    }
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(id);
    } catch (AttachNotSupportedException | IOException e) {
      throw new IllegalStateException(
          "Cannot attach to JVM " + pid + ": " + FlecheCli.oneLine(e), e);
    }
    try {
      String address = vm.startLocalManagementAgent();
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
        Map<String, FlecheStats> caches = read(connector.getMBeanServerConnection());
        if (caches.isEmpty()) {
          throw new IllegalStateException(
              "JVM " + pid + " has no Fleche statistics: it runs without the Fleche agent"
                  + " (-javaagent:fleche.jar), or has not called a memoized method yet");
        }
        return caches;
      }
    } catch (IOException | JMException e) {
      throw new IllegalStateException(
          "Cannot read the statistics of JVM " + pid + ": " + FlecheCli.oneLine(e), e);
    } finally {
      try {
        vm.detach();
      } catch (IOException e) {
        // the JVM went away: nothing left to release
      }
    }
  }

  private static Map<String, FlecheStats> read(MBeanServerConnection server)
      throws IOException, JMException {
    Map<String, FlecheStats> caches = new TreeMap<>();
    for (ObjectName name : server.queryNames(new ObjectName(CACHES), null)) {
      CacheStatsMXBean cache = JMX.newMXBeanProxy(server, name, CacheStatsMXBean.class);
      Map<String, FunctionStats> functions = new TreeMap<>();
      cache.getFunctions().forEach((function, row) -> functions.put(function, stats(row)));
      String label = name.getKeyProperty("name");
      caches.put(label.startsWith("\"") ? ObjectName.unquote(label) : label, new FlecheStats(functions));
    }
    return caches;
  }

  /** A function's row of {@link CacheStatsMXBean#getFunctions()} as statistics. */
  private static FunctionStats stats(Map<String, Long> row) {
    Map<String, Long> reasons = new TreeMap<>();
    row.forEach(
        (key, n) -> {
          if (key.startsWith(UNCACHED)) {
            reasons.put(key.substring(UNCACHED.length()), n);
          }
        });
    return new FunctionStats(
        row.getOrDefault("hits", 0L),
        row.getOrDefault("frontHits", 0L),
        row.getOrDefault("misses", 0L),
        reasons,
        Duration.ofMillis(row.getOrDefault("computingMillis", 0L)),
        Duration.ofMillis(row.getOrDefault("savedMillis", 0L)));
  }
}
