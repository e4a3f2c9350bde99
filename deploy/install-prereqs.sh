#!/usr/bin/env bash
# Installs what the local stack and the tests need on Debian/Ubuntu, and only what is missing:
#
#   deploy/install-prereqs.sh [what...]      what: java tools postgres docker busybox skopeo
#                                            (default: all of them)
#
#   java      a JDK 17 or newer (java and javac)            -> openjdk-17-jdk-headless
#   tools     curl, jq, CA certificates (Maven downloads)   -> curl jq ca-certificates
#   postgres  Debian's PostgreSQL server                    -> postgresql
#   docker    a Docker engine and CLI                       -> docker.io
#   busybox   a statically linked /bin/busybox              -> busybox-static
#   skopeo    skopeo                                        -> skopeo
#
# Idempotent: when everything is present it changes nothing and touches no network. Otherwise it
# runs `apt-get update` once and installs all missing packages in one `apt-get install`.
set -euo pipefail

log() { printf '[prereqs] %s\n' "$*" >&2; }
die() { printf '[prereqs] error: %s\n' "$*" >&2; exit 1; }

java_ok() {
    command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || return 1
    local version major
    version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    major=${version%%.*}
    [[ $major =~ ^[0-9]+$ ]] && ((major >= 17))
}

postgres_ok() {
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && getent passwd postgres >/dev/null
}

docker_ok() {
    # An engine that already answers is enough (the CLI may talk to an engine elsewhere on this
    # host); otherwise we need dockerd to start one.
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        return 0
    fi
    command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1
}

busybox_ok() {
    [[ -x /bin/busybox ]] || return 1
    # The dynamically linked `busybox` package would not run in an empty image.
    if command -v ldd >/dev/null 2>&1 && ldd /bin/busybox >/dev/null 2>&1; then
        return 1
    fi
    return 0
}

main() {
    local -a wanted=("$@")
    ((${#wanted[@]})) || wanted=(java tools postgres docker busybox skopeo)
    local -a packages=()
    local what
    for what in "${wanted[@]}"; do
        case $what in
            java) java_ok || packages+=(openjdk-17-jdk-headless) ;;
            tools)
                command -v curl >/dev/null 2>&1 || packages+=(curl)
                command -v jq >/dev/null 2>&1 || packages+=(jq)
                [[ -s /etc/ssl/certs/ca-certificates.crt ]] || packages+=(ca-certificates)
                ;;
            postgres) postgres_ok || packages+=(postgresql) ;;
            docker) docker_ok || packages+=(docker.io) ;;
            busybox) busybox_ok || packages+=(busybox-static) ;;
            skopeo) command -v skopeo >/dev/null 2>&1 || packages+=(skopeo) ;;
            *) die "unknown prerequisite '$what' (known: java tools postgres docker busybox skopeo)" ;;
        esac
    done
    ((${#packages[@]})) || return 0

    command -v apt-get >/dev/null 2>&1 ||
        die "missing: ${packages[*]}; this is not a Debian/Ubuntu machine: install the equivalents by hand"
    local -a sudo=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            die "missing: ${packages[*]}; run as root, or: sudo apt-get install -y ${packages[*]}"
        fi
    fi

    if [[ " ${packages[*]} " == *" postgresql "* ]]; then
        # The stack runs its own server in its own data directory: skip Debian's default
        # cluster (and the server it would start on port 5432).
        "${sudo[@]}" mkdir -p /etc/postgresql-common/createcluster.d
        [[ -e /etc/postgresql-common/createcluster.d/longshore.conf ]] ||
            echo 'create_main_cluster = false' |
            "${sudo[@]}" tee /etc/postgresql-common/createcluster.d/longshore.conf >/dev/null
    fi

    log "installing: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q ||
        die "apt-get update failed"
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}" ||
        die "apt-get install ${packages[*]} failed"

    for what in "${wanted[@]}"; do
        case $what in
            java) java_ok || die "a JDK 17+ is still missing after installing openjdk-17-jdk-headless (check PATH / JAVA_HOME)" ;;
            postgres) postgres_ok || die "PostgreSQL is still missing after installing postgresql" ;;
            busybox) busybox_ok || die "/bin/busybox is still not statically linked after installing busybox-static" ;;
            *) ;;
        esac
    done
    log "installed: ${packages[*]}"
}

main "$@"
