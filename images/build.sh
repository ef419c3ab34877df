#!/usr/bin/env bash
# Builds the operator and CPU worker images from the Maven outputs on a machine that has only
# Debian's docker.io and no registry: the bases are made here from Debian's packages
# (debootstrap, then `docker import`), and passed to the Dockerfiles as build arguments.
#
#   ./mvnw -B -DskipTests package    # or verify: cli/target/, operator/target/quarkus-app/
#   images/build.sh                  # prints each image's size and build time
#
# The rootfs tarballs are cached outside the repository ($ISTHMUS_IMAGE_CACHE) and reused.
# With BASE_FROM=public the Dockerfiles' own defaults (eclipse-temurin) are used instead.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${ISTHMUS_IMAGE_CACHE:-/var/cache/isthmus-images}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
REGISTRY=${REGISTRY:-ghcr.io/isthmus-dev}
VERSION=$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' charts/isthmus/Chart.yaml)
export DOCKER_BUILDKIT=0 # the classic builder: BuildKit would pull the `# syntax=` frontend

for tool in docker debootstrap; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is not installed" >&2; exit 1; }
done
docker info >/dev/null 2>&1 || { echo "build.sh: no Docker engine answers (start dockerd)" >&2; exit 1; }
for out in cli/target/isthmus.jar cli/target/lib operator/target/quarkus-app/quarkus-run.jar; do
  [ -e "$out" ] || { echo "build.sh: $out missing: run ./mvnw -B -DskipTests package first" >&2; exit 1; }
done

# base NAME PACKAGES: a bookworm minbase root with PACKAGES, imported as isthmus-base:NAME.
base() {
  local name=$1 packages=$2 tarball="$CACHE/bookworm-$1.tar" start=$SECONDS
  if [ ! -s "$tarball" ]; then
    local root
    root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    debootstrap --variant=minbase --include="$packages" bookworm "$root" "$MIRROR" >"$root.log" 2>&1 \
      || { tail -20 "$root.log" >&2; exit 1; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$root" "$root.log"
  fi
  if ! docker image inspect "isthmus-base:$name" >/dev/null 2>&1; then
    docker import "$tarball" "isthmus-base:$name" >/dev/null
  fi
  echo "base isthmus-base:$name ready in $((SECONDS - start)) s (rootfs cached in $tarball)"
}

# image NAME DOCKERFILE BUILD-ARGS...: builds, then prints the size and build time.
image() {
  local tag=$1 dockerfile=$2 start=$SECONDS
  shift 2
  docker build -f "$dockerfile" -t "$tag" "$@" . >"$CACHE/build.log" 2>&1 \
    || { tail -30 "$CACHE/build.log" >&2; echo "build.sh: $tag failed" >&2; exit 1; }
  local bytes
  bytes=$(docker image inspect -f '{{.Size}}' "$tag")
  echo "image $tag: $((bytes / 1000000)) MB, built in $((SECONDS - start)) s"
}

mkdir -p "$CACHE"
operator_args=()
worker_args=()
if [ "${BASE_FROM:-local}" = local ]; then
  base jre openjdk-17-jre-headless
  base jdk openjdk-17-jdk-headless # the worker's build stage runs WarmEngine.java from source
  # The workers' runtime also carries Fashion-MNIST at its default path, from Debian's package.
  base workers openjdk-17-jre-headless,dataset-fashion-mnist
  operator_args=(--build-arg BASE=isthmus-base:jre)
  worker_args=(--build-arg BASE=isthmus-base:workers --build-arg BUILD_BASE=isthmus-base:jdk)
fi
image "$REGISTRY/isthmus-operator:$VERSION" images/operator/Dockerfile "${operator_args[@]}"
image "$REGISTRY/isthmus-workers:$VERSION" images/workers/Dockerfile "${worker_args[@]}"
