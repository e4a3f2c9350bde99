#!/usr/bin/env bash
# Push and pull throughput of Longshore's registry against the CNCF distribution registry 2.8
# (Debian's docker-registry), with skopeo, on 127.0.0.1. A benchmark, not a test: it prints a
# table and writes it to benchmarks/results/registry-<UTC timestamp>.txt (git-ignored).
#
#   benchmarks/run-registry.sh [--rounds N] [--only-distribution] [--distribution-port P]
#                              [--registry-port P] [--keep]
#
#   --rounds N              rounds per registry (default 3); the median is reported
#   --only-distribution     measure docker-registry alone (no Longshore stack needed)
#   --distribution-port P   where docker-registry listens (default 5001, on 127.0.0.1)
#   --registry-port P       Longshore's registry (default $LONGSHORE_REGISTRY_PORT or 5000): the
#                           running stack's (./longshore up), repository bench/big
#   --keep                  keep the images pushed to Longshore's registry (default: their
#                           manifests are deleted at the end)
#
# Environment: BENCH_LAYERS (8) and BENCH_LAYER_MIB (64) shape the image; TMPDIR holds the
# working directory (≈ 2 × the image size at a time, plus docker-registry's storage).
#
# The image: BENCH_LAYERS layers, each a tar of one file of BENCH_LAYER_MIB MiB from
# /dev/urandom, gzip-compressed once before any timing (as `docker push` sends layers; random
# data does not shrink, so gzip costs the registries nothing), an OCI image config and manifest,
# as an OCI layout on disk. Every round builds a new image: its blobs are new to both registries,
# so no push is shortened by blobs already present. skopeo copies the blobs as they are
# (--preserve-digests: it fails rather than recompress anything).
#
# One round: build the image, then for each registry (their order alternates between rounds):
# push `oci:<layout>:latest` to `docker://127.0.0.1:<port>/bench/big:<run>-<round>` (timed), then
# pull it back into a fresh `dir:` directory (timed) and check that every layer arrived.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

ROUNDS=3
ONLY_DISTRIBUTION=false
DIST_PORT=5001
LS_PORT=${LONGSHORE_REGISTRY_PORT:-5000}
KEEP=false
LAYERS=${BENCH_LAYERS:-8}
LAYER_MIB=${BENCH_LAYER_MIB:-64}
REPOSITORY=bench/big

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

while (($#)); do
    case $1 in
        --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
        --only-distribution) ONLY_DISTRIBUTION=true; shift ;;
        --distribution-port) DIST_PORT=${2:?--distribution-port needs a port}; shift 2 ;;
        --registry-port) LS_PORT=${2:?--registry-port needs a port}; shift 2 ;;
        --keep) KEEP=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
for v in ROUNDS DIST_PORT LS_PORT LAYERS LAYER_MIB; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive number, not '${!v}'"
done

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now() { date +%s.%N; }

# --- prerequisites -----------------------------------------------------------------------------

as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "needs root to run: $*"
    fi
}

# Debian's docker-registry (distribution 2.8). Its package would start the system service on
# :5000 (Longshore's registry port) and enable it at boot; we run our own process instead, so
# the install is done with a policy-rc.d that forbids starting services, and the service is
# disabled afterwards.
distribution_ensure() {
    [[ -x /usr/bin/docker-registry ]] && return 0
    command -v apt-get >/dev/null 2>&1 ||
        die "/usr/bin/docker-registry is missing and this is not Debian/Ubuntu: install distribution 2.8 (registry) by hand"
    local policy=/usr/sbin/policy-rc.d created_policy=false
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\n# written by benchmarks/run-registry.sh while it installs docker-registry\nexit 101\n' |
            as_root tee "$policy" >/dev/null
        as_root chmod 755 "$policy"
        created_policy=true
    fi
    log "installing docker-registry (apt-get; its service is neither started nor enabled)"
    local rc=0
    (
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends docker-registry
    ) </dev/null >&2 || rc=$?
    ! $created_policy || as_root rm -f "$policy"
    ((rc == 0)) || die "apt-get install docker-registry failed"
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        as_root systemctl disable --now docker-registry.service >/dev/null 2>&1 || true
    else
        as_root update-rc.d docker-registry disable >/dev/null 2>&1 || true
        if [[ -x /etc/init.d/docker-registry ]]; then
            as_root /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
        fi
    fi
    [[ -x /usr/bin/docker-registry ]] || die "/usr/bin/docker-registry is still missing after installing docker-registry"
}

"$REPO_ROOT/deploy/install-prereqs.sh" tools skopeo
distribution_ensure

# --- working directory, cleanup ----------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/longshore-registry-bench.XXXXXX")
DIST_PID=
LS_CREDS=
declare -a LS_PUSHED=()

cleanup() {
    local rc=$?
    if [[ -n $DIST_PID ]] && kill -0 "$DIST_PID" 2>/dev/null; then
        kill -TERM "$DIST_PID" 2>/dev/null || true
        local i
        for i in $(seq 50); do
            kill -0 "$DIST_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$DIST_PID" 2>/dev/null || true
        wait "$DIST_PID" 2>/dev/null || true
    fi
    if ! $KEEP && ((${#LS_PUSHED[@]})) && [[ -n $LS_CREDS ]]; then
        local digest deleted=0
        for digest in "${LS_PUSHED[@]}"; do
            [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -u "$LS_CREDS" -X DELETE \
                "http://127.0.0.1:$LS_PORT/v2/$REPOSITORY/manifests/$digest") == 202 ]] && deleted=$((deleted + 1))
        done
        log "deleted $deleted of ${#LS_PUSHED[@]} pushed manifests from Longshore's $REPOSITORY (--keep keeps them)"
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the image ---------------------------------------------------------------------------------

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Writes <blob file> into <layout>'s blob store under its digest; prints "<hex> <size>".
store_blob() {
    local layout=$1 file=$2 hex size
    hex=$(sha256_of "$file")
    size=$(stat -c %s "$file")
    mv -f "$file" "$layout/blobs/sha256/$hex"
    printf '%s %s\n' "$hex" "$size"
}

# One layer: a tar holding bench/layer-<i>.bin (random), gzip-compressed. Writes
# "<blob hex> <blob size> <diff id hex>" to <layout>/tmp/<i>.meta.
make_layer() {
    local layout=$1 i=$2 tmp=$1/tmp/$2
    mkdir -p "$tmp/bench"
    head -c "$((LAYER_MIB * 1024 * 1024))" /dev/urandom >"$tmp/bench/layer-$i.bin"
    tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$tmp" -cf "$tmp.tar" bench
    rm -rf "$tmp"
    local diff_id
    diff_id=$(sha256_of "$tmp.tar")
    gzip -1 -n -c "$tmp.tar" >"$tmp.tar.gz"
    rm -f "$tmp.tar"
    printf '%s %s\n' "$(store_blob "$layout" "$tmp.tar.gz")" "$diff_id" >"$tmp.meta"
}

# Builds a new random image as an OCI layout in <dir>, tagged latest. Sets IMAGE_BYTES (layers +
# config + manifest), MANIFEST_DIGEST and LAYER_HEXES.
make_image() {
    local layout=$1
    mkdir -p "$layout/blobs/sha256" "$layout/tmp"
    printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
    local -a pids=()
    local i pid parallel
    parallel=$(nproc 2>/dev/null || echo 2)
    for ((i = 1; i <= LAYERS; i++)); do
        while (($(jobs -rp | wc -l) >= parallel)); do wait -n || true; done
        make_layer "$layout" "$i" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || die "building a layer failed"; done

    local layers="" diff_ids="" hex size diff_id
    IMAGE_BYTES=0
    LAYER_HEXES=()
    for ((i = 1; i <= LAYERS; i++)); do
        read -r hex size diff_id <"$layout/tmp/$i.meta"
        layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$hex\",\"size\":$size}"
        diff_ids+="${diff_ids:+,}\"sha256:$diff_id\""
        IMAGE_BYTES=$((IMAGE_BYTES + size))
        LAYER_HEXES+=("$hex")
    done
    printf '{"architecture":"amd64","os":"linux","created":"%s","config":{"Env":["PATH=/bin"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$diff_ids" >"$layout/tmp/config.json"
    local config_hex config_size
    read -r config_hex config_size < <(store_blob "$layout" "$layout/tmp/config.json")
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
        "$config_hex" "$config_size" "$layers" >"$layout/tmp/manifest.json"
    local manifest_hex manifest_size
    read -r manifest_hex manifest_size < <(store_blob "$layout" "$layout/tmp/manifest.json")
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
        "$manifest_hex" "$manifest_size" >"$layout/index.json"
    rm -rf "$layout/tmp"
    IMAGE_BYTES=$((IMAGE_BYTES + config_size + manifest_size))
    MANIFEST_DIGEST=sha256:$manifest_hex
}

# --- the registries ----------------------------------------------------------------------------

distribution_start() {
    port_open "$DIST_PORT" && die "port $DIST_PORT is in use: choose another with --distribution-port"
    mkdir -p "$WORK/distribution/storage"
    cat >"$WORK/distribution/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/distribution/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$DIST_PORT
  secret: $(head -c 24 /dev/urandom | base64)
health:
  storagedriver:
    enabled: false
EOF
    /usr/bin/docker-registry serve "$WORK/distribution/config.yml" </dev/null >"$WORK/distribution/registry.log" 2>&1 &
    DIST_PID=$!
    local deadline=$((SECONDS + 30))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$DIST_PORT/v2/" || true) == 200 ]]; do
        if ! kill -0 "$DIST_PID" 2>/dev/null || ((SECONDS >= deadline)); then
            tail -n 20 "$WORK/distribution/registry.log" >&2 || true
            die "docker-registry did not start on 127.0.0.1:$DIST_PORT"
        fi
        sleep 0.2
    done
    DIST_VERSION=$(/usr/bin/docker-registry --version 2>/dev/null | head -n 1)
    log "docker-registry: ${DIST_VERSION:-?} on 127.0.0.1:$DIST_PORT (pid $DIST_PID, storage $WORK/distribution/storage)"
}

# Longshore's registry of a running stack: a token (ECR's GetAuthorizationToken) and the
# repository (ECR creates repositories explicitly; 409 = it exists).
longshore_prepare() {
    local base=http://127.0.0.1:$LS_PORT code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$base/q/health/ready" || true)
    [[ $code != 000 ]] || code=
    [[ $code == 200 ]] ||
        die "Longshore's registry does not answer on 127.0.0.1:$LS_PORT (GET /q/health/ready: ${code:-no answer}): start the stack with ./longshore up (./longshore status shows it), or run with --only-distribution"
    longshore_login
    code=$(curl -s -o "$WORK/create-repository.json" -w '%{http_code}' --max-time 10 -X POST "$base/v1/repositories" \
        -H 'Content-Type: application/json' -d "{\"repositoryName\":\"$REPOSITORY\"}" || true)
    case $code in
        200 | 201) log "longshore: created repository $REPOSITORY" ;;
        409) log "longshore: repository $REPOSITORY exists" ;;
        *) die "longshore: POST /v1/repositories answered ${code:-nothing}: $(cat "$WORK/create-repository.json" 2>/dev/null)" ;;
    esac
}

# Sets LS_CREDS to "AWS:<token>" (valid 12 hours; fetched again every round).
longshore_login() {
    local body token code
    code=$(curl -s -o "$WORK/token.json" -w '%{http_code}' --max-time 10 -X POST \
        "http://127.0.0.1:$LS_PORT/v1/authorization-token" || true)
    body=$(cat "$WORK/token.json" 2>/dev/null || true)
    rm -f "$WORK/token.json"
    [[ $code == 200 ]] || die "longshore: POST /v1/authorization-token answered ${code:-nothing}: $body"
    token=$(jq -r '.authorizationData[0].authorizationToken // empty' <<<"$body") || token=
    [[ -n $token ]] || die "longshore: no authorizationData[0].authorizationToken in: $body"
    LS_CREDS=$(base64 -d <<<"$token") || die "longshore: the token is not base64"
    [[ $LS_CREDS == AWS:* ]] || die "longshore: the decoded token does not start with AWS:"
}

# --- one measurement ---------------------------------------------------------------------------

# push|pull <registry> <round> <layout>: runs skopeo, prints the seconds it took.
measure() {
    local what=$1 registry=$2 round=$3 layout=$4 port
    local -a creds=()
    if [[ $registry == longshore ]]; then
        port=$LS_PORT
    else
        port=$DIST_PORT
    fi
    local ref=docker://127.0.0.1:$port/$REPOSITORY:$RUN_ID-$round
    local -a cmd
    if [[ $what == push ]]; then
        [[ $registry != longshore ]] || creds=(--dest-creds "$LS_CREDS")
        cmd=(skopeo copy --quiet --preserve-digests --dest-tls-verify=false "${creds[@]}" "oci:$layout:latest" "$ref")
    else
        [[ $registry != longshore ]] || creds=(--src-creds "$LS_CREDS")
        cmd=(skopeo copy --quiet --preserve-digests --src-tls-verify=false "${creds[@]}" "$ref" "dir:$WORK/pulled")
    fi
    rm -rf "$WORK/pulled"
    sync # nothing of the previous step left to write back meanwhile
    local start end
    start=$(now)
    "${cmd[@]}" </dev/null >"$WORK/skopeo.log" 2>&1 || {
        cat "$WORK/skopeo.log" >&2
        die "$what of round $round to $registry failed: ${cmd[*]//$LS_CREDS/AWS:***}"
    }
    end=$(now)
    if [[ $what == pull ]]; then
        local hex
        for hex in "${LAYER_HEXES[@]}"; do
            [[ -s $WORK/pulled/$hex ]] || die "pull of round $round from $registry: layer sha256:$hex missing"
        done
        rm -rf "$WORK/pulled"
    fi
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mibps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }

# --- main --------------------------------------------------------------------------------------

declare -a REGISTRIES=(distribution)
$ONLY_DISTRIBUTION || REGISTRIES=(longshore distribution)
RUN_ID=$(date -u +%Y%m%dt%H%M%S)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DIST_VERSION=

$ONLY_DISTRIBUTION || longshore_prepare
distribution_start

declare -A SECONDS_OF=()
for ((round = 1; round <= ROUNDS; round++)); do
    layout=$WORK/layout-$round
    t0=$(now)
    make_image "$layout"
    log "round $round/$ROUNDS: new image of $(mibps "$IMAGE_BYTES" 1) MiB in $LAYERS layers built in $(awk -v s="$t0" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }')s ($MANIFEST_DIGEST)"
    order=("${REGISTRIES[@]}")
    if ((${#order[@]} == 2 && round % 2 == 0)); then order=("${order[1]}" "${order[0]}"); fi
    for registry in "${order[@]}"; do
        [[ $registry != longshore ]] || longshore_login
        push=$(measure push "$registry" "$round" "$layout")
        [[ $registry != longshore ]] || LS_PUSHED+=("$MANIFEST_DIGEST")
        pull=$(measure pull "$registry" "$round" "$layout")
        SECONDS_OF[$registry,push]+="$push "
        SECONDS_OF[$registry,pull]+="$pull "
        log "round $round/$ROUNDS: $registry push ${push}s ($(mibps "$IMAGE_BYTES" "$push") MiB/s), pull ${pull}s ($(mibps "$IMAGE_BYTES" "$pull") MiB/s)"
    done
    rm -rf "$layout"
done

# --- report ------------------------------------------------------------------------------------

declare -A MEDIAN=()
for registry in "${REGISTRIES[@]}"; do
    for what in push pull; do
        MEDIAN[$registry,$what]=$(tr ' ' '\n' <<<"${SECONDS_OF[$registry,$what]}" | sed '/^$/d' | median)
    done
done

mkdir -p "$REPO_ROOT/benchmarks/results"
RESULT=$REPO_ROOT/benchmarks/results/registry-$STAMP.txt
{
    printf '# Registry push/pull, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'image: %s layers x %s MiB random (gzip -1), %s bytes (%s MiB) incl. config and manifest; new image every round\n' \
        "$LAYERS" "$LAYER_MIB" "$IMAGE_BYTES" "$(mibps "$IMAGE_BYTES" 1)"
    printf 'rounds: %s per registry (order alternating); figures are medians\n' "$ROUNDS"
    printf 'client: %s, 127.0.0.1, plain HTTP\n' "$(skopeo --version)"
    printf 'distribution: %s, filesystem storage in %s, 127.0.0.1:%s\n' "${DIST_VERSION:-?}" "${TMPDIR:-/tmp}" "$DIST_PORT"
    $ONLY_DISTRIBUTION || printf 'longshore: registry of the running stack, 127.0.0.1:%s, repository %s\n' "$LS_PORT" "$REPOSITORY"
    printf 'machine: %s, %s CPUs, load average %s\n\n' "$(uname -sr)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'per round (seconds):\n'
    for registry in "${REGISTRIES[@]}"; do
        printf '  %-12s push: %s\n  %-12s pull: %s\n' "$registry" "${SECONDS_OF[$registry,push]}" "$registry" "${SECONDS_OF[$registry,pull]}"
    done
    printf '\n| registry | push s (median) | push MiB/s | pull s (median) | pull MiB/s |\n|---|---:|---:|---:|---:|\n'
    for registry in "${REGISTRIES[@]}"; do
        printf '| %s | %s | %s | %s | %s |\n' "$registry" "${MEDIAN[$registry,push]}" \
            "$(mibps "$IMAGE_BYTES" "${MEDIAN[$registry,push]}")" "${MEDIAN[$registry,pull]}" \
            "$(mibps "$IMAGE_BYTES" "${MEDIAN[$registry,pull]}")"
    done
    if ! $ONLY_DISTRIBUTION; then
        printf '\nratio longshore/distribution (throughput, > 1 = Longshore faster): push %s, pull %s\n' \
            "$(awk -v a="${MEDIAN[distribution,push]}" -v b="${MEDIAN[longshore,push]}" 'BEGIN { printf "%.2f", a / b }')" \
            "$(awk -v a="${MEDIAN[distribution,pull]}" -v b="${MEDIAN[longshore,pull]}" 'BEGIN { printf "%.2f", a / b }')"
    fi
} >"$RESULT"
cat "$RESULT"
log "results: $RESULT"
