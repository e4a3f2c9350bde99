package io.longshore.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} a new, empty database on the real test PostgreSQL server, and drops
 * it afterwards.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public Map<String, String> start() {
        database = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + database);
        String hostPort = TestInfrastructure.postgresHostPort();
        return Map.of(
                "quarkus.datasource.username", TestInfrastructure.postgresUser(),
                "quarkus.datasource.password", TestInfrastructure.postgresPassword(),
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + TestInfrastructure.postgresHostPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL at " + TestInfrastructure.postgresHostPort()
                    + " is not usable; start it with ./longshore test (or deploy/infra.sh up test)", e);
        }
    }
}
