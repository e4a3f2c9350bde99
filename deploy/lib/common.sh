# shellcheck shell=bash
# Configuration, logging and process helpers shared by ./longshore's parts. Sourced, not run.
#
# A "stack" names a set of defaults (home directory and ports); any LONGSHORE_* variable set in
# the environment overrides its stack's default. Stacks:
#   default  ./longshore up for a user: home .longshore, API 8080, Kafka 19092, PostgreSQL 15432
#   e2e      the end-to-end tests' own full stack: home .longshore/e2e, API 18080, ...
#            (each default overridable by LONGSHORE_E2E_<NAME>, e.g. LONGSHORE_E2E_API_PORT)
#   test     the integration tests' Kafka and PostgreSQL: home .longshore/test-infra,
#            Kafka 29092, PostgreSQL 25432 (LONGSHORE_TEST_HOME, LONGSHORE_TEST_KAFKA_PORT,
#            LONGSHORE_TEST_PG_PORT)

log() { printf '[longshore] %s\n' "$*" >&2; }
warn() { printf '[longshore] warning: %s\n' "$*" >&2; }
die() { printf '[longshore] error: %s\n' "$*" >&2; exit 1; }

# The variables every stack resolves, in the order `env` prints them.
# shellcheck disable=SC2034 # used by ./longshore
LONGSHORE_SETTINGS=(LONGSHORE_STACK LONGSHORE_HOME LONGSHORE_CACHE LONGSHORE_PG_PORT LONGSHORE_KAFKA_PORT
    LONGSHORE_KAFKA_CONTROLLER_PORT LONGSHORE_API_PORT LONGSHORE_SCHEDULER_PORT LONGSHORE_SCHEDULER_B_PORT
    LONGSHORE_AUTOSCALER_PORT LONGSHORE_REGISTRY_PORT LONGSHORE_AGENT_A_PORT LONGSHORE_AGENT_B_PORT LONGSHORE_AGENT_A_IP
    LONGSHORE_AGENT_B_IP LONGSHORE_HOSTS_BIND_IPS)

# Resolves the configuration of LONGSHORE_STACK into the LONGSHORE_* variables.
load_config() {
    LONGSHORE_STACK=${LONGSHORE_STACK:-default}
    local home api sched autoscaler registry agent_a agent_b kafka pg hosts=127.0.1.1-127.0.1.254
    case $LONGSHORE_STACK in
        default)
            home=$REPO_ROOT/.longshore api=8080 sched=8081 autoscaler=8082 registry=5000
            agent_a=8091 agent_b=8092 kafka=19092 pg=15432
            ;;
        e2e)
            home=${LONGSHORE_E2E_HOME:-$REPO_ROOT/.longshore/e2e}
            api=${LONGSHORE_E2E_API_PORT:-18080}
            sched=${LONGSHORE_E2E_SCHEDULER_PORT:-18081}
            autoscaler=${LONGSHORE_E2E_AUTOSCALER_PORT:-18082}
            registry=${LONGSHORE_E2E_REGISTRY_PORT:-15000}
            agent_a=${LONGSHORE_E2E_AGENT_A_PORT:-18091}
            agent_b=${LONGSHORE_E2E_AGENT_B_PORT:-18092}
            kafka=${LONGSHORE_E2E_KAFKA_PORT:-39092}
            pg=${LONGSHORE_E2E_PG_PORT:-35432}
            # Other loopback addresses than the default stack's, so both can run the same
            # static host ports at once.
            LONGSHORE_AGENT_A_IP=${LONGSHORE_AGENT_A_IP:-${LONGSHORE_E2E_AGENT_A_IP:-127.0.0.12}}
            LONGSHORE_AGENT_B_IP=${LONGSHORE_AGENT_B_IP:-${LONGSHORE_E2E_AGENT_B_IP:-127.0.0.13}}
            hosts=${LONGSHORE_E2E_HOSTS_BIND_IPS:-127.0.2.1-127.0.2.254}
            ;;
        test)
            home=${LONGSHORE_TEST_HOME:-$REPO_ROOT/.longshore/test-infra}
            api=28080 sched=28081 autoscaler=28082 registry=25000 agent_a=28091 agent_b=28092
            kafka=${LONGSHORE_TEST_KAFKA_PORT:-29092}
            pg=${LONGSHORE_TEST_PG_PORT:-25432}
            ;;
        *) die "unknown stack '$LONGSHORE_STACK' (known: default, e2e, test)" ;;
    esac
    LONGSHORE_HOME=${LONGSHORE_HOME:-$home}
    LONGSHORE_CACHE=${LONGSHORE_CACHE:-$REPO_ROOT/.longshore/cache}
    LONGSHORE_API_PORT=${LONGSHORE_API_PORT:-$api}
    LONGSHORE_SCHEDULER_PORT=${LONGSHORE_SCHEDULER_PORT:-$sched}
    LONGSHORE_SCHEDULER_B_PORT=${LONGSHORE_SCHEDULER_B_PORT:-$((LONGSHORE_SCHEDULER_PORT + 2))}
    LONGSHORE_AUTOSCALER_PORT=${LONGSHORE_AUTOSCALER_PORT:-$autoscaler}
    LONGSHORE_REGISTRY_PORT=${LONGSHORE_REGISTRY_PORT:-$registry}
    LONGSHORE_AGENT_A_PORT=${LONGSHORE_AGENT_A_PORT:-$agent_a}
    LONGSHORE_AGENT_B_PORT=${LONGSHORE_AGENT_B_PORT:-$agent_b}
    LONGSHORE_AGENT_A_IP=${LONGSHORE_AGENT_A_IP:-127.0.0.2}
    LONGSHORE_AGENT_B_IP=${LONGSHORE_AGENT_B_IP:-127.0.0.3}
    # the loopback addresses the autoscaler hands the hosts it starts
    LONGSHORE_HOSTS_BIND_IPS=${LONGSHORE_HOSTS_BIND_IPS:-$hosts}
    LONGSHORE_KAFKA_PORT=${LONGSHORE_KAFKA_PORT:-$kafka}
    LONGSHORE_KAFKA_CONTROLLER_PORT=${LONGSHORE_KAFKA_CONTROLLER_PORT:-$((LONGSHORE_KAFKA_PORT + 1))}
    LONGSHORE_PG_PORT=${LONGSHORE_PG_PORT:-$pg}
    # Agents and the autoscaler: C1 only, which starts faster and uses less memory.
    LONGSHORE_JAVA_OPTS=${LONGSHORE_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
    # The services on the hot paths keep the full JIT: the registry hashes every byte pushed and
    # only C2 uses the CPU's SHA instructions (C1 digests about ten times slower); the control
    # plane and the scheduler are on every task's way from request (or event) to placement.
    LONGSHORE_FULL_JIT_JAVA_OPTS=${LONGSHORE_FULL_JIT_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
    LONGSHORE_KAFKA_HEAP=${LONGSHORE_KAFKA_HEAP:-512m}
    LONGSHORE_START_TIMEOUT=${LONGSHORE_START_TIMEOUT:-300}
    LONGSHORE_STOP_TIMEOUT=${LONGSHORE_STOP_TIMEOUT:-30}

    local var
    for var in LONGSHORE_PG_PORT LONGSHORE_KAFKA_PORT LONGSHORE_KAFKA_CONTROLLER_PORT LONGSHORE_API_PORT \
        LONGSHORE_SCHEDULER_PORT LONGSHORE_SCHEDULER_B_PORT LONGSHORE_AUTOSCALER_PORT LONGSHORE_REGISTRY_PORT LONGSHORE_AGENT_A_PORT \
        LONGSHORE_AGENT_B_PORT LONGSHORE_START_TIMEOUT LONGSHORE_STOP_TIMEOUT; do
        [[ ${!var} =~ ^[0-9]+$ ]] || die "$var must be a number, not '${!var}'"
    done
    for var in LONGSHORE_AGENT_A_IP LONGSHORE_AGENT_B_IP; do
        [[ ${!var} =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
            die "$var must be a loopback address (127.x.y.z), not '${!var}'"
    done
    [[ $LONGSHORE_HOME == /* ]] || LONGSHORE_HOME=$PWD/$LONGSHORE_HOME
    [[ $LONGSHORE_CACHE == /* ]] || LONGSHORE_CACHE=$PWD/$LONGSHORE_CACHE

    LOG_DIR=$LONGSHORE_HOME/logs
    RUN_DIR=$LONGSHORE_HOME/run
    # shellcheck disable=SC2034 # used by the other parts
    JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
}

ensure_home() {
    mkdir -p "$LONGSHORE_HOME" "$LOG_DIR" "$RUN_DIR" "$LONGSHORE_CACHE"
}

# Serialises commands that start or stop things in one home. Children must not inherit fd 9
# (every spawn closes it), or the lock would outlive this command.
lock_home() {
    ensure_home
    exec 9>"$LONGSHORE_HOME/.lock"
    if ! flock -n 9; then
        log "waiting for another ./longshore command on $LONGSHORE_HOME to finish"
        flock -w 900 9 || die "another ./longshore command holds $LONGSHORE_HOME/.lock"
    fi
}

# --- processes ---------------------------------------------------------------------------------

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# The process that serves <component> of this home, if it is alive. Processes we start carry
# -Dlauncher.longshore.component=<c> -Dlauncher.longshore.home=<home> on their command line, so
# a recycled pid is never mistaken for ours. (Not under the longshore.* prefix: the services'
# @ConfigMapping(prefix = "longshore...") would reject unknown properties there.)
component_pid() {
    local component=$1 file pid
    file=$(pid_file "$component")
    [[ -s $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"-Dlauncher.longshore.component=$component "* && $cmdline == *"-Dlauncher.longshore.home=$LONGSHORE_HOME "* ]] ||
        return 1
    printf '%s' "$pid"
}

pid_alive() { [[ -n ${1:-} && -d /proc/$1 ]] && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

# Starts a command in the background, in its own session, detached from our stdin/stdout (so a
# caller reading our output, e.g. a test's ProcessBuilder, sees it end), and records its pid.
spawn() {
    local component=$1 workdir=$2
    shift 2
    local pidf logf
    pidf=$(pid_file "$component")
    logf=$(log_file "$component")
    rm -f "$pidf"
    printf '\n===== %s: starting %s =====\n' "$(date '+%F %T')" "$component" >>"$logf"
    (
        cd "$workdir" || exit 1
        # shellcheck disable=SC2016 # expanded by the inner bash
        exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" </dev/null >>"$logf" 2>&1 9>&-
    ) &
    local waited=0
    while [[ ! -s $pidf ]] && ((waited < 50)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    [[ -s $pidf ]] || die "$component did not start; see $logf"
}

# SIGTERM, then SIGKILL after a timeout. Returns once the process is gone.
terminate() {
    local name=$1 pid=$2 timeout=${3:-$LONGSHORE_STOP_TIMEOUT}
    pid_alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + timeout))
    while pid_alive "$pid"; do
        if ((SECONDS >= deadline)); then
            warn "$name (pid $pid) did not stop within ${timeout}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
}

# --- network -----------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# Who listens on a port, for error messages (best effort: needs ss from iproute2).
port_owner() {
    local port=$1 owner=""
    if command -v ss >/dev/null 2>&1; then
        owner=$(ss -Hltnp "sport = :$port" 2>/dev/null |
            sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -n 1)
    fi
    printf '%s' "${owner:-another process}"
}

# Fails when <port> is taken by something that is not this home's <component>.
require_free_port() {
    local component=$1 port=$2 variable=$3
    if port_open "$port"; then
        die "port $port (for $component, $variable) is already in use by $(port_owner "$port"), which is not this stack's $component (home $LONGSHORE_HOME); stop it or choose another port: $variable=<port> ./longshore ..."
    fi
}

http_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true
}

tail_log() {
    local file=$1 lines=${2:-30}
    [[ -f $file ]] || return 0
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '-----\n' >&2
}
