package io.fleche.storages;

import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import org.junit.jupiter.api.Nested;

/** The conformance suites over the in-memory and void storages and their locking variants. */
class MemoryStoragesTest {
  @Nested
  class ValueMemoryTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return Storages.valueMemory();
    }
  }

  @Nested
  class ValueMemoryDepth0Test extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return Storages.valueMemory(0);
    }
  }

  @Nested
  class ValueMemoryUnboundedDepthTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return Storages.valueMemory(Storages.UNBOUNDED_DEPTH);
    }
  }

  @Nested
  class SerializingValueMemoryTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return Storages.serializing(Storages.values(new MemoryBackend<>(Copier::copy), 2));
    }
  }

  @Nested
  class ValueVoidTest extends ValueStorageContract {
    @Override
    ValueStorage create() {
      return Storages.valueVoid();
    }

    @Override
    boolean keepsValues() {
      return false;
    }
  }

  @Nested
  class CallMemoryTest extends CallStorageContract {
    @Override
    CallStorage create() {
      return Storages.callMemory();
    }
  }

  @Nested
  class SerializingCallMemoryTest extends CallStorageContract {
    @Override
    CallStorage create() {
      return Storages.serializing(Storages.calls(new MemoryBackend<>(c -> c)));
    }
  }

  @Nested
  class CallVoidTest extends CallStorageContract {
    @Override
    CallStorage create() {
      return Storages.callVoid();
    }

    @Override
    boolean keepsCalls() {
      return false;
    }
  }
}
