#!/usr/bin/env bash
# ./longshore demo: an event-triggered batch job and a schedule, on the running stack.
#   1. registers demo-ingest, a busybox job that reads BUCKET and KEY from its environment,
#      prints a line and exits 0;
#   2. adds the rule demo-on-upload: an "Object Created" event from demo.storage runs the job,
#      the event's bucket and key passed in through an input transformer;
#   3. puts such an event and follows the run: the job's output, its exit code;
#   4. adds the rule demo-every-minute (rate(1 minute)), waits for its first tick's run, then
#      disables it (enable it with: curl -X POST $API/v1/event-buses/default/rules/demo-every-minute/enable).
set -euo pipefail

API=${LONGSHORE_DEMO_API:?}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
call() { # method path [body]
    local method=$1 path=$2 body=${3:-}
    if [[ -n $body ]]; then
        curl -fsS -X "$method" -H 'Content-Type: application/json' --data "$body" "$API$path"
    else
        curl -fsS -X "$method" "$API$path"
    fi
}
runs() { call GET "/v1/event-buses/default/rules/$1/runs"; }

# Waits (up to $2 seconds) until the rule's newest run has a task in lastStatus $3 or later; prints the run.
await_run() {
    local rule=$1 seconds=$2 jq_test=$3 run
    for ((i = 0; i < seconds * 2; i++)); do
        run=$(runs "$rule" | jq -c '.Runs[0] // empty')
        if [[ -n $run ]] && jq -e "$jq_test" <<<"$run" >/dev/null; then
            printf '%s' "$run"
            return 0
        fi
        sleep 0.5
    done
    echo "no run of $rule within ${seconds}s; last answer: $(runs "$rule")" >&2
    return 1
}

# Prints the job container's output while it runs (the agent removes it once it stops).
follow_output() {
    local task_id=$1 container
    for _ in $(seq 1 40); do
        container=$(docker ps -aq --filter "label=longshore.task-id=$task_id" | head -1)
        [[ -z $container ]] || { docker logs -f "$container" 2>&1 | sed 's/^/   | /' || true; return 0; }
        sleep 0.25
    done
}

say "1. Task definition demo-ingest (busybox: reads BUCKET and KEY, prints, exits 0)"
call POST /v1/task-definitions '{"family": "demo-ingest", "containerDefinitions": [
  {"name": "main", "image": "longshore/busybox:latest", "memory": 32, "stopTimeout": 2,
   "command": ["sh", "-c", "sleep 2; echo \"processed s3://$BUCKET/$KEY ($(date -u +%H:%M:%S))\"; sleep 1"]}]}' \
    | jq -r '"   registered " + .taskDefinition.taskDefinitionArn'

say "2. Rule demo-on-upload: Object Created from demo.storage -> run demo-ingest with the bucket and key"
call PUT /v1/event-buses/default/rules/demo-on-upload '{"EventPattern":
  {"source": ["demo.storage"], "detail-type": ["Object Created"], "detail": {"object": {"key": [{"suffix": ".csv"}]}}},
  "Description": "Run the ingest job for every CSV uploaded"}' | jq -r '"   " + .RuleArn'
target() { # id, then the target's input members
    printf '{"Targets": [{"Id": "%s", "Arn": "arn:aws:ecs:local:000000000000:cluster/default",
      "EcsParameters": {"TaskDefinitionArn": "demo-ingest", "TaskCount": 1}, %s}]}' "$1" "$2"
}
call PUT /v1/event-buses/default/rules/demo-on-upload/targets "$(target ingest '"InputTransformer": {
  "InputPathsMap": {"bucket": "$.detail.bucket.name", "key": "$.detail.object.key"},
  "InputTemplate": "{\"containerOverrides\": [{\"name\": \"main\", \"environment\": [{\"name\": \"BUCKET\", \"value\": <bucket>}, {\"name\": \"KEY\", \"value\": <key>}]}]}"}')" >/dev/null
echo "   target: ECS RunTask of demo-ingest, BUCKET and KEY from the event"

say "3. PutEvents: uploads/reports/2026-11.csv was uploaded"
event_id=$(call POST /v1/events '{"Entries": [{"Source": "demo.storage", "DetailType": "Object Created",
  "Detail": "{\"bucket\": {\"name\": \"uploads\"}, \"object\": {\"key\": \"reports/2026-11.csv\", \"size\": 1024}}"}]}' \
    | jq -r '.Entries[0].EventId')
echo "   event $event_id"
run=$(await_run demo-on-upload 60 '.EventId == "'"$event_id"'" and (.Tasks | length) > 0')
task_arn=$(jq -r '.Tasks[0].Task.taskArn' <<<"$run")
echo "   started $task_arn (startedBy $(jq -r '.Tasks[0].Task.startedBy' <<<"$run"))"
follow_output "${task_arn##*/}"
run=$(await_run demo-on-upload 60 '.State == "SUCCEEDED" or .State == "FAILED"')
jq -r '"   run " + .State + ": exit code " + (.Tasks[0].Task.containers[0].exitCode | tostring)
  + ", " + .Tasks[0].Task.startedAt + " -> " + .Tasks[0].Task.stoppedAt' <<<"$run"

say "4. Rule demo-every-minute: rate(1 minute) (an hourly job would say rate(1 hour))"
call PUT /v1/event-buses/default/rules/demo-every-minute '{"ScheduleExpression": "rate(1 minute)",
  "Description": "The ingest job on a schedule"}' | jq -r '"   " + .RuleArn'
call PUT /v1/event-buses/default/rules/demo-every-minute/targets "$(target nightly '"Input":
  "{\"containerOverrides\": [{\"name\": \"main\", \"environment\": [{\"name\": \"BUCKET\", \"value\": \"scheduled\"}, {\"name\": \"KEY\", \"value\": \"every-minute.csv\"}]}]}"')" >/dev/null
echo "   waiting for the first tick (up to 75 s) ..."
# A run from an earlier demo may be listed already: wait for a new one.
earlier=$(runs demo-every-minute | jq -r '.Runs[0].EventId // ""')
run=$(await_run demo-every-minute 75 '.EventId != "'"$earlier"'" and (.Tasks | length) > 0')
follow_output "$(jq -r '.Tasks[0].Task.taskArn | split("/") | last' <<<"$run")"
run=$(await_run demo-every-minute 60 '.EventId != "'"$earlier"'" and (.State == "SUCCEEDED" or .State == "FAILED")')
jq -r '"   tick " + .EventId + ": run " + .State + ", exit code " + (.Tasks[0].Task.containers[0].exitCode | tostring)' <<<"$run"
call POST /v1/event-buses/default/rules/demo-every-minute/disable >/dev/null
echo "   disabled demo-every-minute again (enable: curl -X POST $API/v1/event-buses/default/rules/demo-every-minute/enable)"

say "Done. A rule's runs: curl $API/v1/event-buses/default/rules/demo-on-upload/runs"
