package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Digest;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.sql.OpenDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suites over SQLite databases, in a file and in memory. */
class SqlStoragesTest {
  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();

  String file() {
    return "jdbc:sqlite:" + dir.resolve("cache.db");
  }

  @Nested
  class SqliteCallsTest extends CallStorageContract {
    @Override
    CallStorage create() {
      return databases.open(file()).calls();
    }
  }

  @Nested
  class SqliteInMemoryCallsTest extends CallStorageContract {
    @Override
    CallStorage create() {
      return databases.open("jdbc:sqlite::memory:").calls();
    }
  }

  @Nested
  class SqliteValuesTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return databases.open(file()).values(new SerializingTestCodec());
    }

    @Test
    void sizeOf_isTheLengthOfTheBlobs_partsIncluded() {
      ValueStorage values = create();
      double[] part = new double[1000];
      Digest whole = values.save(List.of(List.of(part), 1));
      long partSize = values.sizeOf(Digest.of(part)).getAsLong();
      long listSize = values.sizeOf(Digest.of(List.of(part))).getAsLong();
      assertTrue(partSize > 8000, "a double[1000]: " + partSize);
      assertTrue(listSize > partSize, "its list refers to it");
      assertTrue(values.sizeOf(whole).getAsLong() > listSize);
      assertTrue(values.sizeOf(Digest.of("never saved")).isEmpty());
    }
  }

  @Nested
  class SqliteValuesDepth0Test extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return databases.open(file()).values(new SerializingTestCodec(), 0);
    }
  }

  @Nested
  class SqliteInMemoryValuesTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return databases.open("jdbc:sqlite::memory:").values(new SerializingTestCodec());
    }
  }
}
