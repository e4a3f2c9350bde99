package io.longshore.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;


import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts and reports itself healthy (it has no behaviour of its own yet). */
@QuarkusTest

class HealthIT {

    @Test
    void reportsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
