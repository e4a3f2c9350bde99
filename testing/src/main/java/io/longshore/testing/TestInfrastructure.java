package io.longshore.testing;

/**
 * Where the integration tests find their real Kafka broker and PostgreSQL server. {@code
 * ./longshore test} starts both (see deploy/infra.sh) and exports these variables; the defaults
 * match what it starts.
 */
public final class TestInfrastructure {
    private TestInfrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return env("LONGSHORE_TEST_KAFKA", "127.0.0.1:29092");
    }

    public static String postgresHostPort() {
        return env("LONGSHORE_TEST_POSTGRES", "127.0.0.1:25432");
    }

    public static String postgresUser() {
        return "longshore";
    }

    public static String postgresPassword() {
        return "longshore";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
