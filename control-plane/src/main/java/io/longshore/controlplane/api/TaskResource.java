package io.longshore.controlplane.api;

import io.longshore.controlplane.api.TaskDtos.RunTaskResponse;
import io.longshore.controlplane.api.TaskDtos.StopTaskRequest;
import io.longshore.controlplane.api.TaskDtos.Task;
import io.longshore.controlplane.api.TaskDtos.TaskResponse;
import io.longshore.controlplane.api.TaskDtos.TasksResponse;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.service.TaskService;
import io.smallrye.mutiny.Uni;
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

/** RunTask, ListTasks, DescribeTasks, StopTask. */
@Path("/v1/clusters/{cluster}/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {
    private final TaskService tasks;

    public TaskResource(TaskService tasks) {
        this.tasks = tasks;
    }

    @POST
    public Uni<RunTaskResponse> run(@PathParam("cluster") String cluster,
                                    @RequestBody(content = @Content(schema = @Schema(implementation = RunTask.class)))
                                    String body) {
        RunTask request = RequestBodies.read(body, RunTask.class);
        return tasks.run(cluster, request).map(RunTaskResponse::of);
    }

    @GET
    public Uni<TasksResponse> list(@PathParam("cluster") String cluster, @QueryParam("family") String family,
                                   @QueryParam("startedBy") String startedBy,
                                   @QueryParam("serviceName") String serviceName,
                                   @QueryParam("desiredStatus") String desiredStatus,
                                   @QueryParam("containerInstance") String containerInstance) {
        return tasks.list(cluster, family, startedBy, serviceName, desiredStatus, containerInstance)
                .map(rows -> new TasksResponse(rows.stream().map(Task::of).toList()));
    }

    @GET
    @Path("/{task}")
    public Uni<TaskResponse> describe(@PathParam("cluster") String cluster, @PathParam("task") String task) {
        return tasks.describe(cluster, task).map(t -> new TaskResponse(Task.of(t)));
    }

    /** The body ({@code {"reason": ...}}) is optional. */
    @POST
    @Path("/{task}/stop")
    public Uni<TaskResponse> stop(@PathParam("cluster") String cluster, @PathParam("task") String task,
                                  @RequestBody(content = @Content(schema = @Schema(implementation = StopTaskRequest.class)))
                                  String body) {
        StopTaskRequest request = body == null || body.isBlank()
                ? new StopTaskRequest(null) : RequestBodies.read(body, StopTaskRequest.class);
        return tasks.stop(cluster, task, request.reason()).map(t -> new TaskResponse(Task.of(t)));
    }
}
