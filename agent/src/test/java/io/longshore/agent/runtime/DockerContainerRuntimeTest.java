package io.longshore.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerContainerRuntimeTest {

    @Test
    void keepsOnlyTheEnginesMessageForTaskReasons() {
        assertThat(DockerContainerRuntime.engineMessage(new RuntimeException(
                "Status 409: {\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}\n")))
                .isEqualTo("Conflict. The container name \"/x\" is already in use");
        assertThat(DockerContainerRuntime.engineMessage(new RuntimeException("connection refused")))
                .isEqualTo("connection refused");
        assertThat(DockerContainerRuntime.engineMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
