package io.fleche.cli;

import io.fleche.storages.CorruptEntryException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application classes a command misses: stored values of those classes cannot be read here,
 * which says nothing about the values, until {@code --classpath} gives the classes.
 */
final class MissingClasses {
  private MissingClasses() {}

  /** The classes that {@code messages} (of problems, of errors) say are not found here. */
  static Set<String> in(Collection<String> messages) {
    Set<String> names = new TreeSet<>();
    for (String m : messages) {
      int at = m == null ? -1 : m.indexOf(CorruptEntryException.CLASS_NOT_FOUND);
      if (at >= 0) {
        String rest = m.substring(at + CorruptEntryException.CLASS_NOT_FOUND.length());
        names.add(rest.split("[\\s;:,)]", 2)[0]);
      }
    }
    return names;
  }

  /** What to do about {@code classes}, not empty. */
  static String hint(Set<String> classes) {
    return "values name classes not found here (" + String.join(", ", classes) + "): give the"
        + " application's classes with --classpath";
  }
}
