package io.longshore.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.api.EventDtos.CreateEventBusRequest;
import io.longshore.controlplane.api.EventDtos.EventBus;
import io.longshore.controlplane.api.EventDtos.EventBusesResponse;
import io.longshore.controlplane.api.EventDtos.PutEventsResponse;
import io.longshore.controlplane.api.EventDtos.TestEventPatternRequest;
import io.longshore.controlplane.api.EventDtos.TestEventPatternResponse;
import io.longshore.controlplane.domain.PutEvents;
import io.longshore.controlplane.service.EventBusService;
import io.longshore.controlplane.validation.EventRules;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.events.pattern.EventPatterns;
import io.longshore.events.pattern.InvalidPatternException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** PutEvents, TestEventPattern and event buses (CreateEventBus, ListEventBuses, DescribeEventBus, DeleteEventBus). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
    private final EventBusService buses;

    public EventResource(EventBusService buses) {
        this.buses = buses;
    }

    @POST
    @Path("/events")
    public Uni<PutEventsResponse> putEvents(@RequestBody(content = @Content(schema = @Schema(implementation = PutEvents.class)))
                                            String body) {
        return buses.putEvents(RequestBodies.read(body, PutEvents.class)).map(PutEventsResponse::of);
    }

    /** Whether the event matches the pattern, by the same matcher the rules use. */
    @POST
    @Path("/test-event-pattern")
    public TestEventPatternResponse testEventPattern(
            @RequestBody(content = @Content(schema = @Schema(implementation = TestEventPatternRequest.class))) String body) {
        TestEventPatternRequest request = RequestBodies.read(body, TestEventPatternRequest.class);
        String pattern = EventRules.patternText(request.eventPattern());
        if (pattern == null) {
            throw InvalidRequestException.of(EventRules.VALIDATION, "EventPattern", "is required");
        }
        JsonNode event = request.event();
        if (event == null || event.isNull()) {
            throw InvalidRequestException.of(EventRules.VALIDATION, "Event", "is required");
        }
        String eventJson = event.isTextual() ? event.asText() : Json.write(event);
        try {
            return new TestEventPatternResponse(EventPatterns.matches(pattern, eventJson));
        } catch (InvalidPatternException e) {
            throw InvalidRequestException.of(EventRules.INVALID_PATTERN, "EventPattern", e.getMessage());
        }
    }

    @POST
    @Path("/event-buses")
    public Uni<EventBus> createBus(@RequestBody(content = @Content(schema = @Schema(implementation = CreateEventBusRequest.class)))
                                   String body) {
        return buses.create(RequestBodies.read(body, CreateEventBusRequest.class).name()).map(EventBus::of);
    }

    @GET
    @Path("/event-buses")
    public Uni<EventBusesResponse> listBuses(@QueryParam("namePrefix") String namePrefix) {
        return buses.list(namePrefix).map(all -> new EventBusesResponse(all.stream().map(EventBus::of).toList()));
    }

    @GET
    @Path("/event-buses/{bus}")
    public Uni<EventBus> describeBus(@PathParam("bus") String bus) {
        return buses.describe(bus).map(EventBus::of);
    }

    @DELETE
    @Path("/event-buses/{bus}")
    public Uni<Void> deleteBus(@PathParam("bus") String bus) {
        return buses.delete(bus);
    }
}
