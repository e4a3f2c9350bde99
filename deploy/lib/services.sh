# shellcheck shell=bash
# The Longshore services: Quarkus fast-jars (<module>/target/quarkus-app/quarkus-run.jar), one JVM
# each, configured through environment variables, logging to $LONGSHORE_HOME/logs/<name>.log.

# shellcheck disable=SC2034 # used by ./longshore
SERVICES=(control-plane scheduler autoscaler registry agent-a agent-b)
# Started only when asked for (./longshore start scheduler-b): a second scheduler in the same
# consumer group, to watch clusters move between schedulers.
# shellcheck disable=SC2034 # used by ./longshore
ON_DEMAND_SERVICES=(scheduler-b)

service_module() {
    case $1 in
        agent-*) printf 'agent' ;;
        scheduler-b) printf 'scheduler' ;;
        *) printf '%s' "$1" ;;
    esac
}

service_port_var() {
    case $1 in
        control-plane) printf 'LONGSHORE_API_PORT' ;;
        scheduler) printf 'LONGSHORE_SCHEDULER_PORT' ;;
        scheduler-b) printf 'LONGSHORE_SCHEDULER_B_PORT' ;;
        autoscaler) printf 'LONGSHORE_AUTOSCALER_PORT' ;;
        registry) printf 'LONGSHORE_REGISTRY_PORT' ;;
        agent-a) printf 'LONGSHORE_AGENT_A_PORT' ;;
        agent-b) printf 'LONGSHORE_AGENT_B_PORT' ;;
        *) die "unknown service '$1'" ;;
    esac
}

service_port() {
    local var
    var=$(service_port_var "$1")
    printf '%s' "${!var}"
}

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$(service_module "$1")"; }

service_health_url() { printf 'http://127.0.0.1:%s/q/health/ready' "$(service_port "$1")"; }

service_healthy() { [[ $(http_code "$(service_health_url "$1")") == 200 ]]; }

# The environment a service runs with (name=value lines).
service_env() {
    local name=$1
    printf 'KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:%s\n' "$LONGSHORE_KAFKA_PORT"
    printf 'QUARKUS_HTTP_HOST=127.0.0.1\n'
    printf 'QUARKUS_HTTP_PORT=%s\n' "$(service_port "$name")"
    case $name in
        control-plane | registry)
            # The registry uses the same database, in its own schema (its Flyway migrations).
            printf 'QUARKUS_DATASOURCE_USERNAME=%s\n' "$PG_USER"
            printf 'QUARKUS_DATASOURCE_PASSWORD=%s\n' "$PG_PASSWORD"
            printf 'QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:%s/%s\n' "$LONGSHORE_PG_PORT" "$PG_DATABASE"
            printf 'QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:%s/%s\n' "$LONGSHORE_PG_PORT" "$PG_DATABASE"
            # Both sign and check the registry's tokens with this secret (see registry_secret_ensure).
            printf 'LONGSHORE_REGISTRY_TOKEN_SECRET=%s\n' "$(registry_secret)"
            if [[ $name == registry ]]; then
                printf 'LONGSHORE_REGISTRY_STORAGE_ROOT=%s\n' "$(registry_storage_root)"
                return 0
            fi
            # The hosts whose images the control plane issues pull credentials for.
            printf 'LONGSHORE_REGISTRY_HOSTS=127.0.0.1:%s,localhost:%s\n' "$LONGSHORE_REGISTRY_PORT" "$LONGSHORE_REGISTRY_PORT"
            # The e2e stack notices lost agents sooner, so that its tests wait less.
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_INSTANCES_HEARTBEAT_TIMEOUT=12s\nLONGSHORE_INSTANCES_HEARTBEAT_CHECK_INTERVAL=2s\n'
            # ... and retries failed event deliveries after a second rather than ten.
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_EVENTS_RETRY_BACKOFF=1s\n'
            ;;
        scheduler | scheduler-b)
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_SCHEDULER_LOST_AGENT_GRACE=5s\nLONGSHORE_SCHEDULER_RELAUNCH_BASE_DELAY=2s\n'
            ;;
        autoscaler)
            # The e2e stack scales on 2-second datapoints rather than AWS's minute, to watch it in a test.
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_AUTOSCALER_PERIOD=3s\nLONGSHORE_AUTOSCALER_LATENESS=2s\nLONGSHORE_AUTOSCALER_EVALUATION_INTERVAL=1s\n'
            # Cluster scaling's hosts: agents on this stack's Kafka, on loopback addresses of its own.
            printf 'LONGSHORE_AUTOSCALER_HOSTS_IMAGE=%s\n' "$AGENT_IMAGE"
            printf 'LONGSHORE_AUTOSCALER_HOSTS_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:%s\n' "$LONGSHORE_KAFKA_PORT"
            printf 'LONGSHORE_AUTOSCALER_HOSTS_HOME=%s/hosts\n' "$LONGSHORE_HOME"
            printf 'LONGSHORE_AUTOSCALER_HOSTS_BIND_IPS=%s\n' "$LONGSHORE_HOSTS_BIND_IPS"
            printf 'LONGSHORE_AUTOSCALER_HOSTS_PROCESS_COMMAND=%s,-Xmx192m,-XX:TieredStopAtLevel=1,-XX:+UseSerialGC,-jar,%s/agent/target/quarkus-app/quarkus-run.jar\n' \
                "$(command -v "$JAVA")" "$REPO_ROOT"
            # ... and the e2e stack sizes groups every 2 s and takes an empty host away after 10 s below target.
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_AUTOSCALER_CAPACITY_INTERVAL=2s\nLONGSHORE_AUTOSCALER_SCALE_IN_AFTER=10s\nLONGSHORE_AUTOSCALER_HOSTS_STOP_TIMEOUT=5s\n'
            ;;
        agent-a | agent-b)
            local letter=${name#agent-} ip zone
            if [[ $letter == a ]]; then ip=$LONGSHORE_AGENT_A_IP; else ip=$LONGSHORE_AGENT_B_IP; fi
            zone=local-$letter
            printf 'LONGSHORE_AGENT_CLUSTER=default\n'
            printf 'LONGSHORE_AGENT_NAME=%s\n' "$name"
            printf 'LONGSHORE_AGENT_STATE_DIR=%s/%s\n' "$LONGSHORE_HOME" "$name"
            printf 'LONGSHORE_AGENT_BIND_IP=%s\n' "$ip"
            printf 'LONGSHORE_AGENT_ATTRIBUTES=ecs.availability-zone=%s\n' "$zone"
            printf 'LONGSHORE_AGENT_CPU=%s\n' "${LONGSHORE_AGENT_CPU:-4096}"
            printf 'LONGSHORE_AGENT_MEMORY=%s\n' "${LONGSHORE_AGENT_MEMORY:-4096}"
            [[ $LONGSHORE_STACK != e2e ]] || printf 'LONGSHORE_AGENT_METRICS_INTERVAL=1s\n'
            ;;
        *) ;;
    esac
}

# --- registry ----------------------------------------------------------------------------------

registry_storage_root() { printf '%s/registry-data' "$LONGSHORE_HOME"; }
registry_secret_file() { printf '%s/registry-token-secret' "$LONGSHORE_HOME"; }

# The secret the control plane signs registry tokens with and the registry checks them with.
registry_secret() { tr -d '[:space:]' <"$(registry_secret_file)"; }

# Creates the home's registry token secret once (48 random URL-safe characters, mode 600) and
# keeps it afterwards: tokens issued before a restart stay valid. Delete the file (then restart
# control-plane and registry) to get a new one.
registry_secret_ensure() {
    local file tmp
    file=$(registry_secret_file)
    if [[ -s $file ]]; then
        chmod 600 "$file"
        (($(registry_secret | wc -c) >= 32)) ||
            die "registry: $file holds fewer than 32 characters: delete it (a new secret is generated) or write a longer one"
        return 0
    fi
    ensure_home
    tmp=$(mktemp "$LONGSHORE_HOME/.registry-token-secret.XXXXXX")
    chmod 600 "$tmp"
    head -c 36 /dev/urandom | base64 | tr '+/' '-_' >"$tmp"
    mv -f "$tmp" "$file"
    log "registry: generated the token secret $file"
}

# --- build -------------------------------------------------------------------------------------

# Modules (among $@) whose jar is missing or older than its sources or those of common and outbox.
stale_modules() {
    local module jar newer
    for module in "$@"; do
        jar=$REPO_ROOT/$module/target/quarkus-app/quarkus-run.jar
        if [[ ! -f $jar ]]; then
            printf '%s\n' "$module"
            continue
        fi
        newer=$(find "$REPO_ROOT/$module/src/main" "$REPO_ROOT/$module/pom.xml" "$REPO_ROOT/common/src/main" \
            "$REPO_ROOT/common/pom.xml" "$REPO_ROOT/outbox/src/main" "$REPO_ROOT/outbox/pom.xml" \
            "$REPO_ROOT/events/src/main" "$REPO_ROOT/scaling/src/main" "$REPO_ROOT/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null || true)
        [[ -z $newer ]] || printf '%s\n' "$module"
    done
}

# Builds the given services' modules when needed (build_modules).
build_services() {
    local -a modules=()
    local name module
    for name in "$@"; do
        module=$(service_module "$name")
        [[ " ${modules[*]} " == *" $module "* ]] || modules+=("$module")
    done
    build_modules "${modules[@]}"
}

# Builds the given Maven modules (Quarkus apps) when their jar is missing or stale.
# LONGSHORE_SKIP_BUILD=true uses the jars as they are (the test run sets it: Maven has just built
# them) and only insists that they exist.
build_modules() {
    local -a stale=()
    local module
    (($#)) || return 0
    mapfile -t stale < <(stale_modules "$@")
    ((${#stale[@]})) || return 0
    if [[ ${LONGSHORE_SKIP_BUILD:-false} == true ]]; then
        for module in "${stale[@]}"; do
            [[ -f $REPO_ROOT/$module/target/quarkus-app/quarkus-run.jar ]] ||
                die "$module/target/quarkus-app/quarkus-run.jar is missing and LONGSHORE_SKIP_BUILD=true: build first (./mvnw -B package -DskipTests)"
        done
        warn "jars older than their sources (${stale[*]}); using them anyway (LONGSHORE_SKIP_BUILD=true)"
        return 0
    fi
    local list
    list=$(
        IFS=,
        printf '%s' "${stale[*]}"
    )
    local other
    for other in "${SERVICES[@]}" "${ON_DEMAND_SERVICES[@]}"; do
        if [[ " ${stale[*]} " == *" $(service_module "$other") "* ]] && component_pid "$other" >/dev/null; then
            warn "$other runs from the jar being rebuilt: restart it afterwards (./longshore restart $other)"
        fi
    done
    log "build: packaging $list (./mvnw -B -q package -DskipTests -pl $list -am)"
    local started=$SECONDS
    (cd "$REPO_ROOT" && ./mvnw -B -q package -DskipTests -pl "$list" -am </dev/null 9>&-) ||
        die "build failed: fix the errors above, or run with LONGSHORE_SKIP_BUILD=true to use the existing jars"
    log "build: done in $((SECONDS - started))s"
}

# --- start / stop ------------------------------------------------------------------------------

# Starts a service unless it runs already; does not wait for it (see services_wait).
service_launch() {
    local name=$1 pid
    if pid=$(component_pid "$name"); then
        log "$name: already running (pid $pid)"
        return 0
    fi
    local port jar var
    port=$(service_port "$name")
    var=$(service_port_var "$name")
    jar=$(service_jar "$name")
    [[ -f $jar ]] || die "$name: $jar is missing (build with ./mvnw -B package -DskipTests)"
    require_free_port "$name" "$port" "$var"
    [[ $name != agent-* ]] || mkdir -p "$LONGSHORE_HOME/$name"
    if [[ $name == control-plane || $name == registry ]]; then
        registry_secret_ensure
        [[ $name != registry ]] || mkdir -p "$(registry_storage_root)"
    fi
    local -a env_args=() var
    # The launcher's own variables stay out of the services' environment (Quarkus would read
    # LONGSHORE_AGENT_A_PORT as longshore.agent.a-port); other LONGSHORE_* settings pass through.
    for var in $(compgen -e); do
        if [[ " ${LONGSHORE_SETTINGS[*]} " == *" $var "* || $var =~ ^LONGSHORE_(E2E|TEST)_ ||
            $var =~ ^LONGSHORE_(SKIP_BUILD|JAVA_OPTS|FULL_JIT_JAVA_OPTS|KAFKA_HEAP|START_TIMEOUT|STOP_TIMEOUT|LOG_LINES|CLI|AGENT_CPU|AGENT_MEMORY)$ ]]; then
            env_args+=(-u "$var")
        fi
    done
    mapfile -t -O "${#env_args[@]}" env_args < <(service_env "$name")
    log "$name: starting on 127.0.0.1:$port"
    local java_opts=$LONGSHORE_JAVA_OPTS
    case $name in
        control-plane | scheduler | scheduler-b | registry) java_opts=$LONGSHORE_FULL_JIT_JAVA_OPTS ;;
        *) ;;
    esac
    # shellcheck disable=SC2086 # the options are a list of JVM options
    spawn "$name" "$LONGSHORE_HOME" env "${env_args[@]}" "$JAVA" $java_opts \
        -Dlauncher.longshore.component="$name" -Dlauncher.longshore.home="$LONGSHORE_HOME" -jar "$jar"
}

# Waits until every named service answers its readiness check; fails fast when one dies.
services_wait() {
    local -a pending=("$@")
    local started=$SECONDS deadline=$((SECONDS + LONGSHORE_START_TIMEOUT))
    while ((${#pending[@]})); do
        local -a still=()
        local name pid
        for name in "${pending[@]}"; do
            if ! pid=$(component_pid "$name"); then
                tail_log "$(log_file "$name")" 40
                die "$name exited during start-up (log: $(log_file "$name")); what did start keeps running: ./longshore status, ./longshore down"
            fi
            if service_healthy "$name"; then
                log "$name: healthy after $((SECONDS - started))s (pid $pid)"
            else
                still+=("$name")
            fi
        done
        pending=("${still[@]}")
        ((${#pending[@]})) || break
        if ((SECONDS >= deadline)); then
            for name in "${pending[@]}"; do tail_log "$(log_file "$name")" 20; done
            die "not healthy after ${LONGSHORE_START_TIMEOUT}s: ${pending[*]} (GET /q/health/ready; logs in $LOG_DIR; LONGSHORE_START_TIMEOUT raises the limit)"
        fi
        sleep 1
    done
}

service_stop_many() {
    local -a pids=() names=()
    local name pid
    for name in "$@"; do
        if pid=$(component_pid "$name"); then
            log "$name: stopping (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
            names+=("$name")
        fi
        rm -f "$(pid_file "$name")"
    done
    local i
    for i in "${!pids[@]}"; do
        terminate "${names[$i]}" "${pids[$i]}"
    done
}

# Waits for both agents to appear as connected container instances (skipped, with a warning,
# while the control plane does not serve the endpoint yet).
agents_wait() {
    local url="http://127.0.0.1:$LONGSHORE_API_PORT/v1/clusters/default/container-instances"
    local deadline=$((SECONDS + 120)) code body connected
    while true; do
        code=$(http_code "$url")
        if [[ $code == 404 || $code == 405 ]]; then
            warn "GET $url answers $code (not built yet?): not waiting for the agents to register"
            return 0
        fi
        if [[ $code == 200 ]]; then
            body=$(curl -s --max-time 5 "$url" || true)
            if agents_connected "$body"; then
                log "agents: agent-a and agent-b are connected container instances of cluster default"
                return 0
            fi
        fi
        if ((SECONDS >= deadline)); then
            tail_log "$(log_file agent-a)" 15
            tail_log "$(log_file agent-b)" 15
            die "the agents did not register as 2 connected container instances within 120s (last answer: HTTP $code ${body:-})"
        fi
        sleep 1
    done
}

# True when both agents' instances (ids from their state directories) are connected; while an
# agent has not written its instance id yet, when at least two instances are connected.
agents_connected() {
    local body=$1 ids connected=0 agent file
    ids=$(jq -r '.. | objects | select(has("agentConnected") and .agentConnected == true)
        | (.containerInstanceArn // "" | split("/") | last), (.ec2InstanceId // ""), (.containerInstanceId // "")' \
        <<<"$body" 2>/dev/null) || return 1
    for agent in agent-a agent-b; do
        file=$LONGSHORE_HOME/$agent/instance-id
        if [[ ! -s $file ]]; then
            [[ $(jq '[.. | objects | select(has("agentConnected") and .agentConnected == true)] | length' \
                <<<"$body" 2>/dev/null) -ge 2 ]]
            return
        fi
        grep -qxF "$(tr -d '[:space:]' <"$file")" <<<"$ids" && connected=$((connected + 1))
    done
    ((connected == 2))
}

container_instances_report() {
    local url="http://127.0.0.1:$LONGSHORE_API_PORT/v1/clusters/default/container-instances" code body
    code=$(http_code "$url")
    if [[ $code != 200 ]]; then
        printf 'container instances: unavailable (GET %s: %s)\n' "$url" "${code:-no answer}"
        return 0
    fi
    body=$(curl -s --max-time 5 "$url")
    printf 'container instances (cluster default):\n'
    jq -r '
      [.. | objects | select(has("agentConnected"))]
      | if length == 0 then "  (none)" else .[] |
        "  \(.containerInstanceArn // .containerInstanceId // .id // "?")  status=\(.status // "?")  agentConnected=\(.agentConnected)  zone=\(
            (.attributes // []) as $a
            | if ($a | type) == "array" then ([$a[] | select(.name == "ecs.availability-zone") | .value][0] // "-")
              else ($a["ecs.availability-zone"] // "-") end)  running=\(.runningTasksCount // 0)  pending=\(.pendingTasksCount // 0)"
        end' <<<"$body" 2>/dev/null || printf '  %s\n' "$body"
}
