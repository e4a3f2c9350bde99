#!/usr/bin/env bash
# Builds the JRE base image longshore/jre:17 without any registry: a jlink'ed runtime of the host's
# JDK 17 (the modules the Quarkus services, Kafka's client and docker-java use) plus the shared
# libraries ldd names for it, on top of longshore/busybox:latest, with `docker build`.
#
#   deploy/images/jre/build.sh [image]        default image: longshore/jre:17
#
# Rebuilds unconditionally; ./longshore calls it only when the image is absent.
set -euo pipefail

image=${1:-longshore/jre:17}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
modules=java.base,java.compiler,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

die() { printf '[jre-image] error: %s\n' "$*" >&2; exit 1; }

jdk=${JRE_IMAGE_JDK:-}
if [[ -z $jdk ]]; then
    for candidate in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17*; do
        [[ -d $candidate/jmods ]] && { jdk=$candidate; break; }
    done
fi
[[ -n $jdk && -x $jdk/bin/jlink && -d $jdk/jmods ]] || die "no JDK 17 with jmods under /usr/lib/jvm (apt-get install openjdk-17-jdk-headless)"
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed)"
docker image inspect longshore/busybox:latest >/dev/null 2>&1 || "$here/../busybox/build.sh"

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --compress=2 --output "$context/jre" >/dev/null
# The libraries the runtime links to (glibc, libz ...), at the paths the loader looks in.
mkdir -p "$context/libs"
find "$context/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
    xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' | sort -u |
    while read -r lib; do
        cp --parents -L "$lib" "$context/libs/"
    done
cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM longshore/busybox:latest
COPY libs/ /
COPY jre/ /opt/java/
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/bin LANG=C.UTF-8
CMD ["java", "-version"]
DOCKERFILE
previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
DOCKER_BUILDKIT=0 docker build -q -t "$image" --label org.opencontainers.image.title=longshore/jre \
    --label "org.opencontainers.image.version=$("$jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p')" \
    "$context" >/dev/null 2>"$context/build.log" || { cat "$context/build.log" >&2; die "docker build failed"; }
# the image this one replaces, unless a container still uses it (rmi then refuses)
[[ -z $previous || $previous == "$(docker image inspect -f '{{.Id}}' "$image")" ]] || docker rmi "$previous" >/dev/null 2>&1 || true
docker run --rm "$image" java -version >/dev/null 2>&1 || die "the image was built but java does not run in it"
printf '[jre-image] built %s from %s (%s)\n' "$image" "$jdk" \
    "$(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
