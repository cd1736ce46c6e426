package example.memo;

import io.fleche.Call;
import io.fleche.Fleche;
import io.fleche.MetaData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Memoized methods whose records' metadata {@link AgentMetadataTest} reads. */
class MetadataSubjects {
  static final AtomicInteger runs = new AtomicInteger();

  @Fleche
  static int plain(int x) {
    runs.incrementAndGet();
    return x + 1;
  }

  @Fleche(meta = Stamp.class)
  static int stamped(int x) {
    runs.incrementAndGet();
    return x + 2;
  }

  @Fleche(meta = AnnotatedTags.class)
  static int tagged(int x) {
    runs.incrementAndGet();
    return x + 3;
  }

  /** The namespace {@code stamp}: who added it, and the result it saw after the body. */
  public static final class Stamp implements MetaData {
    @Override
    public String name() {
      return "stamp";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      return Map.of("by", "annotation", "argument", call.arguments().get("x"));
    }

    @Override
    public Map<String, Object> post(Map<String, Object> pre, Call call) {
      return Map.of("result", call.result());
    }
  }

  /** Adds to the {@code tags} namespace, merging with the tags active where it is called. */
  public static final class AnnotatedTags implements MetaData {
    @Override
    public String name() {
      return "tags";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      return Map.of("source", "annotation");
    }
  }

  /** Namespace {@code shared}: {@code phase} is "pre" before the body and "post" after. */
  static final class PrePost implements MetaData {
    @Override
    public String name() {
      return "shared";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("phase", "pre");
      m.put("a", 1);
      return m;
    }

    @Override
    public Map<String, Object> post(Map<String, Object> pre, Call call) {
      return Map.of("phase", "post");
    }
  }

  /** Also namespace {@code shared}, before the body only. */
  static final class PreOnly implements MetaData {
    @Override
    public String name() {
      return "shared";
    }

    @Override
    public Map<String, Object> pre(Call call) {
      return Map.of("b", 2);
    }
  }
}
