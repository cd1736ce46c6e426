package io.fleche.storages.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which file system a directory is on, from a Linux mount table ({@code /proc/mounts}), to tell
 * network file systems, where SQLite's write-ahead log does not work, from local ones.
 */
final class MountTable {
  /** File system types whose locking and shared memory cannot be trusted (as in Python fleche). */
  private static final Set<String> NETWORK_TYPES =
      Set.of("nfs", "nfs4", "cifs", "glusterfs", "9p", "lustre", "gpfs", "panfs", "afs", "afpfs",
          "sshfs");

  /** A mounted file system: where, and of which type. */
  record Mount(String point, String type) {
    /** True for network file systems ({@code fuse.}-mounted ones included). */
    boolean isNetwork() {
      String t = type.toLowerCase(Locale.ROOT);
      if (t.startsWith("fuse.")) {
        t = t.substring("fuse.".length());
      }
      return NETWORK_TYPES.contains(t) || t.startsWith("smb") || t.startsWith("ceph");
    }
  }

  private MountTable() {}

  /**
   * The network file system holding {@code dir}, or empty if it is local or the mount table
   * cannot be read (not Linux).
   */
  static Optional<Mount> networkMount(Path dir, Path mounts) {
    try {
      return mountOf(dir.toRealPath(), Files.readAllLines(mounts)).filter(Mount::isNetwork);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The mount holding the absolute, symlink-free {@code path}: the longest mount point that
   * contains it, the last one listed when several are mounted at the same point (it hides the
   * others).
   *
   * @param lines the lines of a mount table: device, mount point, type, options, ...
   */
  static Optional<Mount> mountOf(Path path, List<String> lines) {
    Mount best = null;
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 3) {
        continue;
      }
      Mount m = new Mount(unescape(fields[1]), fields[2]);
      if (path.startsWith(Path.of(m.point()))
          && (best == null || m.point().length() >= best.point().length())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A mount point with the kernel's octal escapes ({@code \040} for a space) decoded. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
