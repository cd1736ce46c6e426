package io.fleche.storages;

import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.sql.OpenDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
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
