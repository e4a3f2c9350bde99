# shellcheck shell=bash
# The Docker engine is machine-wide and shared by every home: when none answers, ./longshore
# starts one (systemd's docker.service where systemd runs, otherwise dockerd in the background
# with its log in the home that started it). `down` never stops it.

BUSYBOX_IMAGE=longshore/busybox:latest

docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

docker_ensure() {
    docker_ok && return 0
    if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
        "$REPO_ROOT/deploy/install-prereqs.sh" docker
    fi
    docker_ok && return 0
    ((EUID == 0)) || die "docker: no Docker engine answers and starting one needs root: run 'sudo dockerd' (or 'sudo systemctl start docker'), or join the docker group if one runs"

    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        log "docker: starting docker.service"
        systemctl start docker 9>&- || warn "docker: systemctl start docker failed"
        docker_wait 60 && return 0
    fi
    local pid
    if pid=$(dockerd_pid); then
        log "docker: dockerd runs (pid $pid) but does not answer yet; waiting"
        docker_wait 60 && return 0
        die "docker: dockerd runs (pid $pid) but 'docker info' fails: check DOCKER_HOST (${DOCKER_HOST:-unset}), the socket /var/run/docker.sock and its log; or stop that dockerd and retry"
    fi
    dockerd_start && return 0
    if grep -qi 'iptables' "$(log_file dockerd)" 2>/dev/null; then
        warn "docker: dockerd failed over iptables; starting it with --iptables=false (published ports then go through docker-proxy)"
        dockerd_start --iptables=false && return 0
    fi
    tail_log "$(log_file dockerd)" 30
    die "docker: could not start a Docker engine (log: $(log_file dockerd)). Start one yourself (dockerd, or systemctl start docker; inside a container, the container needs --privileged), then retry"
}

# Starts dockerd in the background (machine-wide; its log in this home) and waits for it.
dockerd_start() {
    ensure_home
    [[ ! -S /var/run/docker.sock ]] || rm -f /var/run/docker.sock
    log "docker: starting dockerd $* (shared by all homes; ./longshore down leaves it running; log $(log_file dockerd))"
    spawn dockerd / dockerd "$@"
    local pid deadline=$((SECONDS + 60))
    pid=$(<"$(pid_file dockerd)")
    until docker_ok; do
        pid_alive "$pid" || return 1
        if ((SECONDS >= deadline)); then
            kill -TERM "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.5
    done
    log "docker: engine ready ($(docker info --format '{{.ServerVersion}}' 2>/dev/null))"
}

docker_wait() {
    local deadline=$((SECONDS + $1))
    until docker_ok; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

dockerd_pid() {
    local p
    for p in /proc/[0-9]*; do
        if [[ $(cat "$p/comm" 2>/dev/null) == dockerd ]]; then
            printf '%s' "${p#/proc/}"
            return 0
        fi
    done
    return 1
}

busybox_image_ensure() {
    if docker image inspect "$BUSYBOX_IMAGE" >/dev/null 2>&1; then
        return 0
    fi
    "$REPO_ROOT/deploy/install-prereqs.sh" busybox
    log "docker: building $BUSYBOX_IMAGE"
    "$REPO_ROOT/deploy/images/busybox/build.sh" "$BUSYBOX_IMAGE" 9>&-
}

AGENT_IMAGE=longshore/agent:latest

# Builds the agent's image (the autoscaler's docker provisioner starts hosts from it) when it is
# absent or older than the built agent (its checksum label differs from the agent's jars).
agent_image_ensure() {
    local built current
    built=$("$REPO_ROOT/deploy/images/agent/build.sh" --checksum) || return 1
    current=$(docker image inspect -f '{{index .Config.Labels "longshore.agent.checksum"}}' "$AGENT_IMAGE" 2>/dev/null || true)
    [[ $built != "$current" ]] || return 0
    log "docker: building $AGENT_IMAGE (agent $built)"
    "$REPO_ROOT/deploy/images/agent/build.sh" "$AGENT_IMAGE" 9>&-
}

# Removes the hosts the autoscaler's provisioners started for this home, with their task
# containers: docker hosts by their hosts-home label, process hosts by their pid files.
remove_provisioned_hosts() {
    local home=$LONGSHORE_HOME/hosts host id dir pid
    if docker_ok; then
        for host in $(docker ps -aq --filter "label=longshore.hosts-home=$home" 2>/dev/null); do
            # docker cp reads the instance id of a stopped host too (docker exec would not)
            id=$(docker cp "$host:/tmp/longshore-agent/instance-id" - 2>/dev/null | tar -xOf - 2>/dev/null | tr -d '[:space:]' || true)
            docker rm -f "$host" >/dev/null 2>&1 || warn "docker: could not remove provisioned host $host"
            log "docker: removed provisioned host $host${id:+ (instance $id)}"
            remove_instance_containers "$id"
        done
    fi
    for dir in "$home"/*/; do
        dir=${dir%/}
        [[ -s $dir/pid ]] || continue
        pid=$(tr -d '[:space:]' <"$dir/pid")
        # only the agent the pid file names, not a later process that got its pid
        if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'quarkus-run.jar'; then
            kill "$pid" 2>/dev/null || true
            log "hosts: stopped provisioned host process $pid ($dir)"
        fi
        rm -f "$dir/pid"
        [[ ! -s $dir/state/instance-id ]] || ! docker_ok || remove_instance_containers "$(tr -d '[:space:]' <"$dir/state/instance-id")"
    done
}

# Removes the task containers of one container instance (by its container-instance label).
remove_instance_containers() {
    local ids
    [[ -n ${1:-} ]] || return 0
    ids=$(docker ps -aq --filter "label=longshore.container-instance-id=$1" 2>/dev/null || true)
    [[ -n $ids ]] || return 0
    log "docker: removing $(wc -w <<<"$ids") task container(s) of instance $1"
    # shellcheck disable=SC2086 # one id per word
    docker rm -f $ids >/dev/null || warn "docker: could not remove some containers of instance $1"
}

# Removes the task containers this home's agents ran (by their container-instance label).
docker_remove_task_containers() {
    local file
    for file in "$LONGSHORE_HOME"/agent-*/instance-id; do
        [[ -s $file ]] || continue
        if ! docker_ok; then
            warn "docker: engine not answering; cannot remove the task containers of $file"
            return 0
        fi
        remove_instance_containers "$(tr -d '[:space:]' <"$file")"
    done
}
