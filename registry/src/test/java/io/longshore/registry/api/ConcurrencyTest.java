package io.longshore.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.registry.support.Registry;
import io.longshore.registry.support.TempStorageResource;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concurrent pushes of the same blob and of the same tag leave one consistent state. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TempStorageResource.class)
class ConcurrencyTest {
    private static final int THREADS = 8;

    @Inject
    RegistryTokens tokens;

    @Test
    void sameBlobFromManyClients() throws Exception {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("race/blob"));
        byte[] content = Registry.randomBytes(200_000);
        String digest = Registry.sha256(content);
        List<Integer> statuses = race(() -> registry.v2().body(content)
                .post("/v2/" + repo + "/blobs/uploads/?digest=" + digest).statusCode());
        assertThat(statuses).containsOnly(201);
        assertThat(registry.v2().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(content);
    }

    @Test
    void sameTagFromManyClients() throws Exception {
        Registry registry = new Registry(tokens);
        String repo = registry.createRepository(Registry.uniqueName("race/tag"));
        List<String> manifests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            manifests.add(registry.pushImageBlobs(repo, null));
        }
        List<Integer> statuses = race(new java.util.function.IntFunction<Integer>() {
            @Override
            public Integer apply(int i) {
                return registry.putManifest(repo, "latest", Registry.OCI_MANIFEST, manifests.get(i)).statusCode();
            }
        });
        assertThat(statuses).containsOnly(201);
        // the tag points at one of them, and every manifest is stored
        String current = registry.v2().get("/v2/" + repo + "/manifests/latest").then().statusCode(200).extract()
                .asString();
        assertThat(manifests).contains(current);
        for (String m : manifests) {
            registry.v2().head("/v2/" + repo + "/manifests/" + Registry.sha256(m.getBytes())).then().statusCode(200);
        }
        registry.v2().get("/v2/" + repo + "/tags/list").then().body("tags", org.hamcrest.Matchers.equalTo(
                List.of("latest")));

        // the same manifest under the same tag in an IMMUTABLE repository from many clients: all succeed
        String locked = registry.createRepository(Registry.uniqueName("race/locked"), "IMMUTABLE");
        String one = registry.pushImageBlobs(locked, null);
        List<Integer> same = race(() -> registry.putManifest(locked, "v1", Registry.OCI_MANIFEST, one).statusCode());
        assertThat(same).containsOnly(201);
    }

    private static List<Integer> race(Callable<Integer> call) throws Exception {
        return race(i -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Integer> race(java.util.function.IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.apply(index);
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
