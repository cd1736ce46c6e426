package example.memo;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationFilter;
import javax.management.ObjectName;

/**
 * Makes known numbers of hits and misses on the cache that {@link CliPrograms} filled, prints
 * {@code ready} once its cache's statistics MBean is registered, and waits for the end of its
 * standard input: a running JVM for {@code fleche stats --pid} ({@link CliIT}).
 */
public final class WaitingProgram {
  private WaitingProgram() {}

  public static void main(String[] args) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName caches = new ObjectName("io.fleche:type=Cache,*");
    CountDownLatch registered = new CountDownLatch(1);
    NotificationFilter registrations =
        n -> n.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION);
    server.addNotificationListener(
        MBeanServerDelegate.DELEGATE_NAME,
        (n, handback) -> {
          if (caches.apply(((MBeanServerNotification) n).getMBeanName())) {
            registered.countDown();
          }
        },
        registrations,
        null);
    for (int n = 0; n < 10; n++) {
      CliPrograms.square(n); // stored: 10 hits
    }
    for (int n = 1000; n < 1003; n++) {
      CliPrograms.square(n); // new: 3 misses
    }
    CliPrograms.twice(7L); // a hit
    CliPrograms.greet("stats"); // a miss
    registered.await();
    System.out.println("ready");
    System.in.readAllBytes();
  }
}
