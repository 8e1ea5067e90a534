package dev.releasetrain.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work on a connection the store lends for its duration. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
