# shellcheck shell=bash
# Kafka: one KRaft node (broker + controller) from Apache Kafka's own Maven artifacts
# (deploy/kafka/pom.xml), copied once into $LONGSHORE_CACHE/kafka-<version>-<pom hash>/libs and
# shared by all homes. Per home: $LONGSHORE_HOME/kafka/{server.properties,log4j2.xml,cluster-id,data}.
# Storage is formatted once; the data directory survives `down`.

kafka_libs_dir() {
    local pom=$REPO_ROOT/deploy/kafka/pom.xml version hash
    version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom" | head -n 1)
    hash=$(cksum <"$pom" | cut -d' ' -f1)
    printf '%s/kafka-%s-%s/libs' "$LONGSHORE_CACHE" "${version:-unknown}" "$hash"
}

kafka_ensure_libs() {
    local libs
    libs=$(kafka_libs_dir)
    [[ -f $libs/.complete ]] && return 0
    mkdir -p "$LONGSHORE_CACHE"
    local tmp
    tmp=$(mktemp -d "$LONGSHORE_CACHE/.kafka-libs.XXXXXX")
    log "kafka: fetching the broker's jars (deploy/kafka/pom.xml) into $libs"
    if ! (cd "$REPO_ROOT" && ./mvnw -B -q -f deploy/kafka/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null 9>&-); then
        rm -rf "$tmp"
        die "kafka: could not fetch Kafka's jars from Maven (see the output above)"
    fi
    touch "$tmp/.complete"
    mkdir -p "$(dirname "$libs")"
    # Another home may have fetched them meanwhile: first one wins.
    mv -T "$tmp" "$libs" 2>/dev/null || rm -rf "$tmp"
    [[ -f $libs/.complete ]] || die "kafka: $libs is incomplete; remove it and retry"
}

kafka_dir() { printf '%s/kafka' "$LONGSHORE_HOME"; }

kafka_write_config() {
    local dir
    dir=$(kafka_dir)
    mkdir -p "$dir/data"
    cat >"$dir/server.properties" <<EOF
# Written by ./longshore on every start: edit deploy/lib/kafka.sh instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$LONGSHORE_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$LONGSHORE_KAFKA_PORT,CONTROLLER://127.0.0.1:$LONGSHORE_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$LONGSHORE_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.cleaner.dedupe.buffer.size=16777216
EOF
    cat >"$dir/log4j2.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by ./longshore: the broker logs to stdout, which ./longshore sends to logs/kafka.log -->
<Configuration status="WARN">
  <Appenders>
    <Console name="stdout" target="SYSTEM_OUT">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="stdout"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
    <Logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Logger name="org.apache.kafka.storage.internals.log.LogCleaner" level="WARN"/>
  </Loggers>
</Configuration>
EOF
}

kafka_java() {
    local libs
    libs=$(kafka_libs_dir)
    "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$(kafka_dir)/log4j2.xml" -cp "$libs/*" "$@"
}

kafka_format() {
    local dir
    dir=$(kafka_dir)
    [[ -f $dir/data/meta.properties ]] && return 0
    if [[ ! -s $dir/cluster-id ]]; then
        kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$dir/cluster-id.tmp"
        [[ $(<"$dir/cluster-id.tmp") =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka: could not generate a cluster id"
        mv "$dir/cluster-id.tmp" "$dir/cluster-id"
    fi
    log "kafka: formatting storage in $dir/data (cluster id $(<"$dir/cluster-id"))"
    kafka_java kafka.tools.StorageTool format -t "$(<"$dir/cluster-id")" -c "$dir/server.properties" \
        >>"$(log_file kafka)" 2>&1 </dev/null ||
        { tail_log "$(log_file kafka)"; die "kafka: formatting the storage failed"; }
}

kafka_start() {
    ensure_home
    local pid
    if pid=$(component_pid kafka); then
        if port_open "$LONGSHORE_KAFKA_PORT"; then
            log "kafka: already running (pid $pid, 127.0.0.1:$LONGSHORE_KAFKA_PORT)"
            return 0
        fi
        kafka_wait "$pid"
        return
    fi
    require_free_port kafka "$LONGSHORE_KAFKA_PORT" LONGSHORE_KAFKA_PORT
    require_free_port kafka "$LONGSHORE_KAFKA_CONTROLLER_PORT" LONGSHORE_KAFKA_CONTROLLER_PORT
    kafka_ensure_libs
    kafka_write_config
    kafka_format
    log "kafka: starting on 127.0.0.1:$LONGSHORE_KAFKA_PORT (controller $LONGSHORE_KAFKA_CONTROLLER_PORT)"
    local libs offset=0
    libs=$(kafka_libs_dir)
    [[ ! -f $(log_file kafka) ]] || offset=$(stat -c %s "$(log_file kafka)")
    spawn kafka "$(kafka_dir)" "$JAVA" "-Xmx$LONGSHORE_KAFKA_HEAP" -Xms128m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$(kafka_dir)/log4j2.xml" \
        -Dkafka.logs.dir="$(kafka_dir)" \
        -Dlauncher.longshore.component=kafka -Dlauncher.longshore.home="$LONGSHORE_HOME" \
        -cp "$libs/*" kafka.Kafka "$(kafka_dir)/server.properties"
    kafka_wait "$(<"$(pid_file kafka)")" "$offset"
}

# Ready: the broker logged "Kafka Server started" (since byte <offset> of its log) and its port
# answers. The port alone is not enough: a broker that fails right after binding it dies. (Not
# `tail | grep -q`: grep stops at the match, tail dies of SIGPIPE when more follows, and pipefail
# then fails the test although the broker started.)
kafka_wait() {
    local pid=$1 offset=${2:-} started=$SECONDS deadline=$((SECONDS + 120))
    until port_open "$LONGSHORE_KAFKA_PORT" &&
        { [[ -z $offset ]] || grep -q 'Kafka Server started' < <(tail -c "+$((offset + 1))" "$(log_file kafka)"); }; do
        if ! pid_alive "$pid"; then
            tail_log "$(log_file kafka)" 40
            die "kafka: the broker exited during start-up (log: $(log_file kafka))"
        fi
        ((SECONDS < deadline)) || { tail_log "$(log_file kafka)"; die "kafka: port $LONGSHORE_KAFKA_PORT did not open within 120s"; }
        sleep 0.3
    done
    log "kafka: ready in $((SECONDS - started))s (pid $pid)"
}

kafka_stop() {
    local pid
    if ! pid=$(component_pid kafka); then
        log "kafka: not running"
        rm -f "$(pid_file kafka)"
        return 0
    fi
    log "kafka: stopping (pid $pid)"
    terminate kafka "$pid" 60
    rm -f "$(pid_file kafka)"
}
