#!/usr/bin/env bash
# Event-to-task latency of the default stack: PutEvents -> task placed (PENDING) and -> RUNNING,
# p50/p90/p99/max, with the local busybox image. A benchmark, not a test: it prints a table and
# writes benchmarks/results/events-<UTC timestamp>.json (the figures), .csv (per event), .txt (the
# console log) and -docker.txt (the engine's container events), all git-ignored.
#
#   benchmarks/run-events.sh [--events N] [--rate R] [--warmup N] [--timeout S] [--keep-up]
#                            [extra EventLatency options, e.g. --settle 10]
#
#   --events N    measured events (default 1000), one per PutEvents call
#   --rate R      events per second (default 1). Each event is a container to create, start, stop
#                 and remove (it sleeps 2 s); this 2-vCPU VM's Docker engine keeps up with about 1.5
#                 such containers a second, so from 2/s on the starts queue and event -> RUNNING
#                 grows with the length of the run (see docs/benchmarks.md)
#   --warmup N    events sent first and not counted (default 20)
#   --timeout S   how long to wait after the last event for the tasks to run (default 120)
#   --keep-up     leave the stack running if this script had to start it (by default it stops
#                 it again; a stack that was already up is always left up)
#
# Builds the benchmark jar offline (common and benchmarks), starts the default stack with
# ./longshore up if its control plane does not answer, registers a task definition (`sleep 2`), a
# rule and its ECS target under a name unique to the run, sends the events, then deletes the rule
# (force) so that nothing keeps firing and deregisters the task definition. The driver runs
# unpinned: what is measured is the whole stack on this machine (control plane, Kafka, PostgreSQL,
# scheduler, agents, Docker), not one core.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$REPO_ROOT"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

EVENTS=1000
RATE=1
WARMUP=20
TIMEOUT=120
KEEP_UP=false
declare -a EXTRA=()
while (($#)); do
    case $1 in
        --events) EVENTS=${2:?--events needs a number}; shift 2 ;;
        --rate) RATE=${2:?--rate needs a number}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs a number}; shift 2 ;;
        --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
        --keep-up) KEEP_UP=true; shift ;;
        -h | --help) usage; exit 0 ;;
        --*) EXTRA+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
[[ $EVENTS =~ ^[1-9][0-9]*$ ]] || die "--events must be a positive number, not '$EVENTS'"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "--warmup must be a number, not '$WARMUP'"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a positive number, not '$TIMEOUT'"
[[ $RATE =~ ^[0-9]*\.?[0-9]+$ ]] && awk -v r="$RATE" 'BEGIN { exit !(r > 0) }' ||
    die "--rate must be a positive number, not '$RATE'"

# the benchmark uber-jar, with the modules it uses (common's message classes) built from this tree
log "build: ./mvnw -q -pl benchmarks -am package -DskipTests"
./mvnw -q -pl benchmarks -am package -DskipTests

# the default stack's ports (LONGSHORE_* overrides apply, as for ./longshore itself)
eval "$(./longshore env | grep -E '^LONGSHORE_(API|KAFKA)_PORT=[0-9]+$')"
API=http://127.0.0.1:${LONGSHORE_API_PORT:-8080}
BOOTSTRAP=127.0.0.1:${LONGSHORE_KAFKA_PORT:-19092}

ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$API/q/health/ready" || true) == 200 ]]; }

STARTED_STACK=false
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RULE=bench-events-${STAMP,,}
RULE_CREATED=false
DOCKER_EVENTS_PID=

cleanup() {
    local rc=$?
    if [[ -n $DOCKER_EVENTS_PID ]]; then
        kill "$DOCKER_EVENTS_PID" 2>/dev/null || true
        wait "$DOCKER_EVENTS_PID" 2>/dev/null || true
    fi
    if $RULE_CREATED; then
        local code
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X DELETE \
            "$API/v1/event-buses/default/rules/$RULE?force=true" || true)
        case $code in
            2*) log "deleted the rule $RULE (and its target)" ;;
            404) ;;
            *) log "warning: DELETE rule $RULE answered ${code:-nothing}: delete it by hand (curl -X DELETE '$API/v1/event-buses/default/rules/$RULE?force=true')" ;;
        esac
        # the run's task definition (family = the rule's name, one revision): INACTIVE, as ECS deregisters
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X DELETE "$API/v1/task-definitions/$RULE:1" || true)
        [[ $code == 2* || $code == 404 || $code == 400 ]] ||
            log "warning: deregistering the task definition $RULE:1 answered ${code:-nothing}"
    fi
    if $STARTED_STACK && ! $KEEP_UP; then
        log "stopping the stack this script started (--keep-up keeps it)"
        ./longshore down >&2 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ready; then
    log "the stack answers on $API: using it as it is"
else
    log "the stack does not answer on $API: ./longshore up"
    STARTED_STACK=true
    ./longshore up >&2
    ready || die "the control plane still does not answer on $API/q/health/ready after ./longshore up"
fi
# the agents' busybox image must be local (nothing is pulled during the run)
docker image inspect longshore/busybox:latest >/dev/null 2>&1 ||
    die "the image longshore/busybox:latest is not in the local Docker engine"

mkdir -p benchmarks/results
json=benchmarks/results/events-${STAMP}.json
txt=benchmarks/results/events-${STAMP}.txt

# the containers' create and start times, from the engine (for the breakdown of event -> RUNNING)
docker_events=benchmarks/results/events-${STAMP}-docker.txt
docker events --filter type=container --filter label=longshore.task-id \
    --format '{{.TimeNano}} {{.Action}} {{index .Actor.Attributes "longshore.task-id"}}' >"$docker_events" 2>/dev/null &
DOCKER_EVENTS_PID=$!

RULE_CREATED=true # from here on the rule may exist: the cleanup deletes it
# a small fixed heap and the serial collector: the driver stays light next to the stack it measures
rc=0
java -Xms256m -Xmx256m -XX:+UseSerialGC -Dslf4j.internal.verbosity=ERROR -cp benchmarks/target/benchmarks.jar \
    io.longshore.benchmarks.events.EventLatency \
    --api "$API" --bootstrap "$BOOTSTRAP" --events "$EVENTS" --rate "$RATE" --warmup "$WARMUP" \
    --timeout "$TIMEOUT" --rule "$RULE" --family "$RULE" --out "$json" \
    --docker-events "$docker_events" "${EXTRA[@]}" 2>&1 | tee "$txt" || rc=$?

echo "results: $json (figures), ${json%.json}.csv (per event), $txt (console log)"
exit "$rc"
