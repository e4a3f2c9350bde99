package io.longshore.controlplane.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.events.BusEvent;
import io.longshore.common.events.EventEnvelope;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.domain.EventEntry;
import io.longshore.controlplane.domain.PutEvents;
import io.longshore.controlplane.store.EventBusEntity;
import io.longshore.controlplane.store.EventBusRepository;
import io.longshore.controlplane.store.EventRuleRepository;
import io.longshore.controlplane.validation.EventRules;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Event buses (CreateEventBus, ListEventBuses, DeleteEventBus) and PutEvents. */
@ApplicationScoped
public class EventBusService {
    public static final int MAX_ENTRIES = 10;
    public static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final EventBusRepository buses;
    private final EventRuleRepository rules;
    private final MutinyEmitter<String> events;
    private final Clock clock;

    public EventBusService(EventBusRepository buses, EventRuleRepository rules,
                           @Channel("bus-events") MutinyEmitter<String> events, Clock clock) {
        this.buses = buses;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** PutEvents' answer: an EventId or an ErrorCode and ErrorMessage per entry, in order. */
    public record Result(int failedEntryCount, List<Entry> entries) {
        public record Entry(String eventId, String errorCode, String errorMessage) {
        }
    }

    public Uni<EventBusEntity> create(String name) {
        EventRules.busName(name);
        return Panache.withTransaction(() -> buses.findById(name).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ServiceException(409, "ResourceAlreadyExistsException",
                        "Name: event bus " + name + " already exists"));
            }
            EventBusEntity bus = new EventBusEntity();
            bus.name = name;
            bus.createdAt = clock.instant();
            return buses.persist(bus);
        }));
    }

    public Uni<List<EventBusEntity>> list(String namePrefix) {
        return Panache.withSession(() -> buses.listByPrefix(blankToNull(namePrefix)));
    }

    public Uni<EventBusEntity> describe(String name) {
        return Panache.withSession(() -> buses.findById(name))
                .onItem().ifNull().failWith(() -> busNotFound(name));
    }

    /** The default bus cannot be deleted; a bus with rules neither (EventBridge asks to delete them first). */
    public Uni<Void> delete(String name) {
        if ("default".equals(name)) {
            throw InvalidRequestException.of(EventRules.VALIDATION, "Name", "the default event bus cannot be deleted");
        }
        return Panache.withTransaction(() -> buses.findById(name)
                .onItem().ifNull().failWith(() -> busNotFound(name))
                .flatMap(bus -> rules.countOnBus(name).flatMap(count -> count > 0
                        ? Uni.createFrom().failure(new ServiceException(409, "ResourceConflictException",
                        "Name: event bus " + name + " still has " + count + " rule(s); delete them first"))
                        : buses.delete(bus))));
    }

    /**
     * Accepts each valid entry whose bus exists and publishes it (acknowledged by Kafka before the
     * answer); an entry that breaks a rule gets its error and the others go on, as in EventBridge.
     */
    public Uni<Result> putEvents(PutEvents request) {
        List<EventEntry> entries = request == null || request.entries() == null ? List.of() : request.entries();
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw InvalidRequestException.of(EventRules.VALIDATION, "Entries",
                    "must have 1 to " + MAX_ENTRIES + " entries");
        }
        Set<String> named = new HashSet<>();
        entries.forEach(e -> named.add(busOf(e)));
        Instant now = clock.instant();
        return Panache.withSession(() -> buses.existing(named)).flatMap(existing -> {
            List<Result.Entry> answers = new ArrayList<>();
            List<BusEvent> accepted = new ArrayList<>();
            for (EventEntry entry : entries) {
                Result.Entry problem = check(entry, Set.copyOf(existing));
                if (problem != null) {
                    answers.add(problem);
                    continue;
                }
                BusEvent event = toEvent(entry, now);
                accepted.add(event);
                answers.add(new Result.Entry(event.event().id(), null, null));
            }
            int failed = (int) answers.stream().filter(a -> a.errorCode() != null).count();
            Result result = new Result(failed, answers);
            if (accepted.isEmpty()) {
                return Uni.createFrom().item(result);
            }
            return Multi.createFrom().iterable(accepted)
                    .onItem().transformToUniAndMerge(this::publish)
                    .collect().last()
                    .replaceWith(result);
        });
    }

    private Uni<Void> publish(BusEvent event) {
        return events.sendMessage(Message.of(Json.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
    }

    private static Result.Entry check(EventEntry entry, Set<String> existingBuses) {
        if (entry == null) {
            return error("InvalidArgument", "entry: is required");
        }
        if (isBlank(entry.source())) {
            return error("InvalidArgument", "Source: is required");
        }
        if (entry.source().regionMatches(true, 0, "aws.", 0, 4)) {
            return error("NotAuthorizedForSourceException", "Source: a source beginning with aws. is reserved");
        }
        if (isBlank(entry.detailType())) {
            return error("InvalidArgument", "DetailType: is required");
        }
        if (isBlank(entry.detail())) {
            return error("InvalidArgument", "Detail: is required");
        }
        JsonNode detail = parseDetail(entry.detail());
        if (detail == null || !detail.isObject()) {
            return error("MalformedDetail", "Detail: must be a JSON object");
        }
        if (entry.resources() != null && entry.resources().stream().anyMatch(EventBusService::isBlank)) {
            return error("InvalidArgument", "Resources: must not contain empty values");
        }
        int size = entry.source().length() + entry.detailType().length()
                + entry.detail().getBytes(StandardCharsets.UTF_8).length
                + (entry.resources() == null ? 0 : entry.resources().stream().mapToInt(String::length).sum());
        if (size > MAX_ENTRY_BYTES) {
            return error("InvalidArgument", "entry: must be at most 256 KB");
        }
        String bus = busOf(entry);
        if (!existingBuses.contains(bus)) {
            return error("ResourceNotFoundException", "EventBusName: event bus " + bus + " does not exist");
        }
        return null;
    }

    private static BusEvent toEvent(EventEntry entry, Instant now) {
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), entry.detailType(), entry.source(),
                entry.time() == null ? now : entry.time(), entry.resources(), parseDetail(entry.detail()));
        return new BusEvent(busOf(entry), envelope, now, null);
    }

    /** The bus an entry names, by name or ARN; the default bus when it names none. */
    private static String busOf(EventEntry entry) {
        String bus = entry == null || isBlank(entry.eventBusName()) ? "default" : entry.eventBusName();
        int slash = bus.lastIndexOf("event-bus/");
        return slash < 0 ? bus : bus.substring(slash + "event-bus/".length());
    }

    private static JsonNode parseDetail(String detail) {
        try {
            return Json.MAPPER.readTree(detail);
        } catch (Exception e) {
            return null;
        }
    }

    private static Result.Entry error(String code, String message) {
        return new Result.Entry(null, code, message);
    }

    static ServiceException busNotFound(String name) {
        return new ServiceException(404, "ResourceNotFoundException", "EventBusName: event bus " + name
                + " does not exist");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
