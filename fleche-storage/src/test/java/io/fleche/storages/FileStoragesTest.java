package io.fleche.storages;

import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suites over the file storages, with each serializer and encoding option. */
class FileStoragesTest {
  /** The contract's own sample types are application classes: allowed like a user's package. */
  static final FileOptions OPTIONS =
      FileOptions.defaults().signingKeys(List.of()).allow(ValueStorageContract.class.getName());

  static final FileOptions SIGNED_COMPRESSED =
      OPTIONS.compress(true).signingKeysHex(List.of("00112233445566778899aabbccddeeff"));

  @Nested
  class ValueFilesTest extends ValueStorageContract {
    @TempDir Path root;

    @Override
    ValueStorage create() {
      return Storages.valueFiles(root, OPTIONS);
    }
  }

  @Nested
  class ValueFilesDepth0Test extends ValueStorageContract {
    @TempDir Path root;

    @Override
    ValueStorage create() {
      return Storages.valueFiles(root, OPTIONS, 0);
    }
  }

  @Nested
  class SignedCompressedValueFilesTest extends ValueStorageContract {
    @TempDir Path root;

    @Override
    ValueStorage create() {
      return Storages.valueFiles(root, SIGNED_COMPRESSED.sync(true));
    }
  }

  @Nested
  class JavaValueFilesTest extends ValueStorageContract {
    @TempDir Path root;

    @Override
    ValueStorage create() {
      return Storages.valueFiles(root, OPTIONS.serializer(Serializers.JAVA));
    }

    @Override
    boolean stores(Object sample) {
      return !(sample instanceof Optional); // not Serializable
    }
  }

  @Nested
  class CallFilesTest extends CallStorageContract {
    @TempDir Path root;

    @Override
    CallStorage create() {
      return Storages.callFiles(root, OPTIONS);
    }
  }

  @Nested
  class SignedCompressedCallFilesTest extends CallStorageContract {
    @TempDir Path root;

    @Override
    CallStorage create() {
      return Storages.callFiles(root, SIGNED_COMPRESSED);
    }
  }

  @Nested
  class JavaCallFilesTest extends CallStorageContract {
    @TempDir Path root;

    @Override
    CallStorage create() {
      return Storages.callFiles(root, OPTIONS.serializer(Serializers.JAVA));
    }
  }
}
