package io.fleche.storages.sql;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Opens databases for a test and closes them after it ({@code @RegisterExtension}). */
public final class OpenDatabases implements AfterEachCallback {
  private final List<SqlDatabase> open = new ArrayList<>();

  /** {@link SqlDatabase#open(String)}, closed after the test. */
  public SqlDatabase open(String url) {
    return open(url, Settings.DEFAULT);
  }

  SqlDatabase open(String url, Settings settings) {
    SqlDatabase db = SqlDatabase.open(url, settings);
    open.add(db);
    return db;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    open.forEach(SqlDatabase::close);
    open.clear();
  }
}
