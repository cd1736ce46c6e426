/**
 * Storages in a SQL database: call records (the seed's {@code Sql}) and, optionally, values as
 * blobs in the same database. {@link io.fleche.storages.sql.SqlDatabase} is the entry point;
 * everything else is package-private.
 *
 * <p>Layers: {@code SqlDatabase} opens a database through its {@code Dialect} (SQLite now; all
 * engine-specific SQL lives there), brings its {@code Schema} up to date, and lends {@code
 * Connections} to the storages ({@code SqlCallStorage}, {@code SqlValueBackend}, both over the
 * key management of {@code TableKeys}); {@code CallQuery} turns a query template into SQL.
 * Plain JDBC, no ORM, no pool library: the pool needed here is a semaphore and a queue.
 */
package io.fleche.storages.sql;
