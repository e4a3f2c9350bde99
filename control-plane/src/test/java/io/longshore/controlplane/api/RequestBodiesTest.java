package io.longshore.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.controlplane.domain.RegisterTaskDefinition;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.validation.InvalidRequestException;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void readsECSShapedBodiesAndIgnoresUnknownMembers() {
        RegisterTaskDefinition r = RequestBodies.read("""
                {"family":"web","cpu":256,"memory":"512","requiresCompatibilities":["EC2"],
                 "containerDefinitions":[{"name":"a","image":"x","memory":"64","portMappings":[{"containerPort":80}]}]}
                """, RegisterTaskDefinition.class);
        assertThat(r.cpu()).isEqualTo("256");
        assertThat(r.memory()).isEqualTo("512");
        assertThat(r.containerDefinitions().get(0).memory()).isEqualTo(64);
        assertThat(r.containerDefinitions().get(0).portMappings().get(0).containerPort()).isEqualTo(80);
    }

    @Test
    void typeErrorsNameTheField() {
        assertThatThrownBy(() -> RequestBodies.read("{\"taskDefinition\":\"web\",\"count\":\"two\"}", RunTask.class))
                .isInstanceOf(InvalidRequestException.class).hasMessage("count: must be an integer");
        assertThatThrownBy(() -> RequestBodies.read("{\"taskDefinition\":\"web\",\"count\":1.5}", RunTask.class))
                .hasMessage("count: must be an integer");
        assertThatThrownBy(() -> RequestBodies.read(
                "{\"family\":\"w\",\"containerDefinitions\":[{\"name\":\"a\",\"command\":\"sleep 1\"}]}",
                RegisterTaskDefinition.class))
                .hasMessage("containerDefinitions[0].command: must be an array");
        assertThatThrownBy(() -> RequestBodies.read("{\"family\":\"w\",\"containerDefinitions\":{}}",
                RegisterTaskDefinition.class))
                .hasMessage("containerDefinitions: must be an array");
    }

    @Test
    void malformedBodies() {
        assertThatThrownBy(() -> RequestBodies.read("", RunTask.class))
                .hasMessage("malformed JSON: the request body is empty");
        assertThatThrownBy(() -> RequestBodies.read("{\"count\":", RunTask.class))
                .hasMessageStartingWith("malformed JSON: ");
        assertThatThrownBy(() -> RequestBodies.read("null", RunTask.class))
                .hasMessage("malformed JSON: the request body must be a JSON object");
        assertThatThrownBy(() -> RequestBodies.read("[]", RunTask.class))
                .hasMessage("malformed JSON: the request body must be a JSON object");
        assertThatThrownBy(() -> RequestBodies.read("{} {}", RunTask.class))
                .hasMessageStartingWith("malformed JSON: ");
    }
}
