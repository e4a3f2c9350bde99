#!/usr/bin/env bash
# Builds the workload image longshore/busybox:latest without any registry: Debian's statically
# linked busybox (package busybox-static) in an otherwise empty root file system, one symlink per
# applet in /bin, imported with `docker import`.
#
#   deploy/images/busybox/build.sh [image]        default image: longshore/busybox:latest
#
# Rebuilds unconditionally; ./longshore calls it only when the image is absent.
set -euo pipefail

image=${1:-longshore/busybox:latest}
busybox=${BUSYBOX:-/bin/busybox}

die() { printf '[busybox-image] error: %s\n' "$*" >&2; exit 1; }

[[ -x $busybox ]] || die "$busybox not found: apt-get install busybox-static"
if command -v ldd >/dev/null 2>&1 && ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox is dynamically linked and would not run in an empty image: apt-get install busybox-static"
fi
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed)"

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,sys,dev,var/tmp}
chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
cp "$busybox" "$rootfs/bin/busybox"
while read -r applet; do
    [[ -n $applet && $applet != busybox && ! -e $rootfs/bin/$applet ]] || continue
    ln -s busybox "$rootfs/bin/$applet"
done < <("$busybox" --list)
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

version=$("$busybox" 2>&1 | head -n 1 | sed -n 's/^BusyBox \(v[^ ]*\).*/\1/p')
tar -C "$rootfs" --numeric-owner -cf - . |
    docker import \
        -c 'ENV PATH=/bin' \
        -c 'CMD ["sh"]' \
        -c "LABEL org.opencontainers.image.title=longshore/busybox org.opencontainers.image.version=${version:-unknown}" \
        -m "busybox ${version:-} from Debian busybox-static" \
        - "$image" >/dev/null
printf '[busybox-image] built %s (busybox %s, %s applets)\n' "$image" "${version:-?}" \
    "$(find "$rootfs/bin" -type l | wc -l)"
