package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.storages.sql.MountTable.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling network file systems apart from a Linux mount table. */
class MountTableTest {
  static final List<String> MOUNTS =
      List.of(
          "/dev/sda1 / ext4 rw,relatime 0 0",
          "server:/export /mnt/data nfs4 rw,relatime,vers=4.2 0 0",
          "tmpfs /mnt/data/scratch tmpfs rw 0 0",
          "//nas/share /mnt/my\\040share cifs rw 0 0",
          "/dev/sdb1 /mnt/database ext4 rw 0 0",
          "server:/other /srv nfs rw 0 0",
          "/dev/sdc1 /srv xfs rw 0 0",
          "garbage");

  static String typeOf(String path) {
    return MountTable.mountOf(Path.of(path), MOUNTS).map(Mount::type).orElse("none");
  }

  @Test
  void mountOf_theLongestMountPointHoldingThePathWins() {
    assertEquals("nfs4", typeOf("/mnt/data/cache/calls.db"));
    assertEquals("tmpfs", typeOf("/mnt/data/scratch/calls.db"));
    assertEquals("ext4", typeOf("/home/me/calls.db"));
    assertEquals("nfs4", typeOf("/mnt/data"));
  }

  @Test
  void mountOf_mountPointsAreWholePathComponents() {
    assertEquals("ext4", typeOf("/mnt/database/calls.db"));
    assertEquals(
        "/mnt/database",
        MountTable.mountOf(Path.of("/mnt/database/x"), MOUNTS).orElseThrow().point());
  }

  @Test
  void mountOf_aLaterMountAtTheSamePointHidesTheEarlierOne() {
    assertEquals("xfs", typeOf("/srv/calls.db"));
  }

  @Test
  void mountOf_decodesTheKernelsOctalEscapes() {
    assertEquals("cifs", typeOf("/mnt/my share/calls.db"));
    assertEquals("a\tb\\c", MountTable.unescape("a\\011b\\134c"));
    assertEquals("trailing\\04", MountTable.unescape("trailing\\04"));
  }

  @Test
  void isNetwork_knowsNetworkAndFuseNetworkTypes() {
    for (String t :
        List.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "fuse.ceph-fuse",
            "fuse.glusterfs", "9p", "lustre", "gpfs", "fuse.sshfs", "NFS")) {
      assertTrue(new Mount("/m", t).isNetwork(), t);
    }
    for (String t : List.of("ext4", "xfs", "btrfs", "tmpfs", "overlay", "fuse.gocryptfs", "zfs")) {
      assertFalse(new Mount("/m", t).isNetwork(), t);
    }
  }

  @Test
  void networkMount_readsTheTable_andFollowsSymlinks(@TempDir Path tmp) throws IOException {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), shared);
    Path mounts =
        Files.write(
            tmp.resolve("mounts"),
            List.of("/dev/sda1 / ext4 rw 0 0", "srv:/x " + shared.toRealPath() + " nfs rw 0 0"));

    Optional<Mount> m = MountTable.networkMount(link, mounts);

    assertEquals(Optional.of(new Mount(shared.toRealPath().toString(), "nfs")), m);
    assertEquals(Optional.empty(), MountTable.networkMount(tmp, mounts));
    assertEquals(Optional.empty(), MountTable.networkMount(link, tmp.resolve("no such table")));
  }
}
