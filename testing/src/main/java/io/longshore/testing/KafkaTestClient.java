package io.longshore.testing;

import io.longshore.common.messaging.ClusterPartitioner;
import io.longshore.common.messaging.Json;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's own producer and consumer on the real test broker, for playing the part of another
 * service: sending it what that service would send and watching what the service under test
 * publishes.
 */
public final class KafkaTestClient implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Sends a message as JSON and waits for the broker's acknowledgement. */
    public void send(String topic, String key, Object payload) {
        sendRaw(topic, key, Json.write(payload));
    }

    public void sendRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Starts collecting every record of a topic, from its beginning, in the background. */
    public static Collector collect(String topic) {
        return new Collector(topic);
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The records of one topic, as they arrive. */
    public static final class Collector implements AutoCloseable {
        private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Collector(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-collector-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                    consumer.subscribe(List.of(topic));
                    while (running) {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                    }
                }
            }, "collector-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        public List<ConsumerRecord<String, String>> records() {
            return List.copyOf(records);
        }

        /** The payloads read as the given type; records of another shape fail the read. */
        public <T> List<T> values(Class<T> type) {
            return records.stream().map(r -> Json.read(r.value(), type)).toList();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
