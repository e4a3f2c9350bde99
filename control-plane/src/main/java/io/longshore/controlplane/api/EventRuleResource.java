package io.longshore.controlplane.api;

import io.longshore.controlplane.api.EventDtos.PutRuleResponse;
import io.longshore.controlplane.api.EventDtos.PutTargetsRequest;
import io.longshore.controlplane.api.EventDtos.PutTargetsResponse;
import io.longshore.controlplane.api.EventDtos.Rule;
import io.longshore.controlplane.api.EventDtos.RulesResponse;
import io.longshore.controlplane.api.EventDtos.Run;
import io.longshore.controlplane.api.EventDtos.RunsResponse;
import io.longshore.controlplane.api.EventDtos.TargetsResponse;
import io.longshore.common.model.Arns;
import io.longshore.controlplane.domain.PutRule;
import io.longshore.controlplane.service.EventRuleService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** A bus's rules and their targets (PutRule ... RemoveTargets), and the runs a rule started. */
@Path("/v1/event-buses/{bus}/rules")
@Produces(MediaType.APPLICATION_JSON)
public class EventRuleResource {
    private final EventRuleService rules;

    public EventRuleResource(EventRuleService rules) {
        this.rules = rules;
    }

    /** PutRule: creates the rule or replaces its definition. */
    @PUT
    @Path("/{rule}")
    public Uni<PutRuleResponse> put(@PathParam("bus") String bus, @PathParam("rule") String rule,
                                    @RequestBody(content = @Content(schema = @Schema(implementation = PutRule.class)))
                                    String body) {
        return rules.put(bus, rule, RequestBodies.read(body, PutRule.class))
                .map(r -> new PutRuleResponse(Arns.eventRule(r.bus, r.name)));
    }

    @GET
    public Uni<RulesResponse> list(@PathParam("bus") String bus, @QueryParam("namePrefix") String namePrefix) {
        return rules.list(bus, namePrefix).map(all -> new RulesResponse(all.stream().map(Rule::of).toList()));
    }

    @GET
    @Path("/{rule}")
    public Uni<Rule> describe(@PathParam("bus") String bus, @PathParam("rule") String rule) {
        return rules.describe(bus, rule).map(Rule::of);
    }

    @DELETE
    @Path("/{rule}")
    public Uni<Void> delete(@PathParam("bus") String bus, @PathParam("rule") String rule,
                            @QueryParam("force") boolean force) {
        return rules.delete(bus, rule, force);
    }

    @POST
    @Path("/{rule}/enable")
    public Uni<Rule> enable(@PathParam("bus") String bus, @PathParam("rule") String rule) {
        return rules.setState(bus, rule, true).map(Rule::of);
    }

    @POST
    @Path("/{rule}/disable")
    public Uni<Rule> disable(@PathParam("bus") String bus, @PathParam("rule") String rule) {
        return rules.setState(bus, rule, false).map(Rule::of);
    }

    /** PutTargets: adds targets or replaces those with the same Id. */
    @PUT
    @Path("/{rule}/targets")
    public Uni<PutTargetsResponse> putTargets(@PathParam("bus") String bus, @PathParam("rule") String rule,
                                              @RequestBody(content = @Content(schema = @Schema(implementation = PutTargetsRequest.class)))
                                              String body) {
        return rules.putTargets(bus, rule, RequestBodies.read(body, PutTargetsRequest.class).targets())
                .map(saved -> new PutTargetsResponse(0, List.of()));
    }

    @GET
    @Path("/{rule}/targets")
    public Uni<TargetsResponse> listTargets(@PathParam("bus") String bus, @PathParam("rule") String rule) {
        return rules.listTargets(bus, rule).map(TargetsResponse::of);
    }

    @DELETE
    @Path("/{rule}/targets/{id}")
    public Uni<Void> removeTarget(@PathParam("bus") String bus, @PathParam("rule") String rule,
                                  @PathParam("id") String id) {
        return rules.removeTarget(bus, rule, id).replaceWithVoid();
    }

    /** The rule's runs: each delivery of an event to a target, newest first, with its tasks and their exit codes. */
    @GET
    @Path("/{rule}/runs")
    public Uni<RunsResponse> runs(@PathParam("bus") String bus, @PathParam("rule") String rule) {
        return rules.runs(bus, rule).map(all -> new RunsResponse(all.stream().map(Run::of).toList()));
    }
}
