package io.fleche;

import java.util.Map;

/** The {@code tags} metadata namespace: fixed key/value pairs, see {@link Fleches#tags(Map)}. */
final class Tags implements MetaData {
  private final Map<String, Object> tags;

  Tags(Map<String, ?> tags) {
    this.tags = JsonValues.object(tags, "tags");
  }

  @Override
  public String name() {
    return "tags";
  }

  @Override
  public Map<String, Object> pre(Call call) {
    return tags;
  }

  @Override
  public String toString() {
    return "Tags" + tags;
  }
}
