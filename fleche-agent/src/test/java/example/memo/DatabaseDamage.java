package example.memo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Ways a SQLite database file gets damaged, applied in place (same file, as a failing disk or a
 * careless tool does it) to a file whose data is all in the main file (checkpointed). The page
 * size is read from the file's header.
 */
enum DatabaseDamage {
  /** Cut off in the middle of its third page. */
  TRUNCATED_MID_PAGE {
    @Override
    byte[] damage(byte[] file, int page) {
      return Arrays.copyOf(file, 2 * page + page / 2);
    }
  },
  /** Its second and third pages zeroed (the first b-tree pages after the schema). */
  ZERO_FILLED_PAGES {
    @Override
    byte[] damage(byte[] file, int page) {
      Arrays.fill(file, page, 3 * page, (byte) 0);
      return file;
    }
  },
  /** Sixteen bytes inverted at random places of every page after the first. */
  FLIPPED_BTREE_BYTES {
    @Override
    byte[] damage(byte[] file, int page) {
      Random random = new Random(20261126);
      for (int start = page; start + page <= file.length; start += page) {
        for (int i = 0; i < 16; i++) {
          file[start + random.nextInt(page)] ^= (byte) 0xFF;
        }
      }
      return file;
    }
  },
  /** Random bytes of the same length. */
  GARBAGE {
    @Override
    byte[] damage(byte[] file, int page) {
      new Random(7).nextBytes(file);
      return file;
    }
  },
  /** Replaced by a file of another kind (text). */
  NOT_A_DATABASE {
    @Override
    byte[] damage(byte[] file, int page) {
      return "calls: see the spreadsheet\n".getBytes(StandardCharsets.US_ASCII);
    }
  };

  /** The damaged content of {@code file} (which it may change), of pages of {@code page} bytes. */
  abstract byte[] damage(byte[] file, int page);

  /** Damages the database file {@code db} in place. */
  void apply(Path db) throws IOException {
    byte[] file = Files.readAllBytes(db);
    String magic = new String(file, 0, Math.min(15, file.length), StandardCharsets.US_ASCII);
    if (file.length < 100 || !magic.equals("SQLite format 3")) {
      throw new IllegalStateException(db + " is not a SQLite database");
    }
    int size = ((file[16] & 0xFF) << 8) | (file[17] & 0xFF); // big-endian; 1 stands for 65536
    int page = size == 1 ? 65536 : size;
    if (file.length < 4 * page) {
      throw new IllegalStateException(db + " has fewer than four pages: record more calls");
    }
    Files.write(db, damage(file, page));
  }
}
