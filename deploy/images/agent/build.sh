#!/usr/bin/env bash
# Builds the agent's image longshore/agent:latest: the JRE base image (built first when absent)
# and the agent's packaged application (agent/target/quarkus-app, from ./mvnw package). The label
# longshore.agent.checksum is the checksum of the application's jars, so a caller can tell whether
# the image is older than the build. The autoscaler's docker provisioner starts hosts from it.
#
#   deploy/images/agent/build.sh [image]        default image: longshore/agent:latest
#   deploy/images/agent/build.sh --checksum     prints the built application's checksum only
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=$(cd "$here/../../.." && pwd)/agent/target/quarkus-app

die() { printf '[agent-image] error: %s\n' "$*" >&2; exit 1; }

checksum() {
    (cd "$app" && find . -type f -name '*.jar' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

[[ -f $app/quarkus-run.jar ]] || die "$app/quarkus-run.jar not found: build the agent first (./mvnw -pl agent -am package -DskipTests)"
if [[ ${1:-} == --checksum ]]; then
    checksum
    exit 0
fi
image=${1:-longshore/agent:latest}
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed)"
docker image inspect longshore/jre:17 >/dev/null 2>&1 || "$here/../jre/build.sh"

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp -r "$app" "$context/quarkus-app"
cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM longshore/jre:17
COPY quarkus-app/ /opt/longshore/agent/
WORKDIR /var/lib/longshore
ENV LONGSHORE_AGENT_STATE_DIR=/var/lib/longshore/agent
ENTRYPOINT ["java", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/opt/longshore/agent/quarkus-run.jar"]
DOCKERFILE
sum=$(checksum)
previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
DOCKER_BUILDKIT=0 docker build -q -t "$image" --label org.opencontainers.image.title=longshore/agent \
    --label "longshore.agent.checksum=$sum" "$context" >/dev/null 2>"$context/build.log" ||
    { cat "$context/build.log" >&2; die "docker build failed"; }
# the image this one replaces, unless a container still uses it (rmi then refuses)
[[ -z $previous || $previous == "$(docker image inspect -f '{{.Id}}' "$image")" ]] || docker rmi "$previous" >/dev/null 2>&1 || true
printf '[agent-image] built %s (agent %s, %s)\n' "$image" "$sum" \
    "$(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
