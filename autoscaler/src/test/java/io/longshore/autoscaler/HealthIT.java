package io.longshore.autoscaler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts and reports itself healthy (it has no behaviour of its own yet). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HealthIT {

    @Test
    void reportsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
