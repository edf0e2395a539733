#!/usr/bin/env bash
# The images of docker-compose.yml, built on this machine without any image registry: a Java 17 base image from
# Debian packages, the stage and pipeline-cli images on it (Jib, each module's own configuration) and a Kafka
# broker image from the Kafka jars on Maven Central (deploy/kafka-image), used with KAFKA_IMAGE.
#
#   deploy/local-images.sh [images]   docker daemon (started when none answers), base image, every image
#   deploy/local-images.sh daemon     only the docker daemon
#   deploy/local-images.sh host       print the DOCKER_HOST of the daemon in use (starts nothing)
#   deploy/local-images.sh stop       stop the docker daemon this script started
#
# Then: export DOCKER_HOST=$(deploy/local-images.sh host) and KAFKA_IMAGE=lsst-uk/kafka:<Kafka version>.
#
# A daemon that already answers (DOCKER_HOST, /var/run/docker.sock) is used as it is. Otherwise one is started with
# everything under $LSST_DOCKER_DIR (default deployment/target/docker: data, exec root, socket, pid file, log; the
# last three in /tmp/lsst-docker-<hash> when that path is long); it runs until `stop`. It leaves the host's firewall and IP forwarding alone (--iptables=false --ip-forward=false, no
# default bridge): containers reach each other on the networks compose creates, and the host reaches them on
# their addresses and on the ports compose publishes. One such daemon runs at a time on a machine (a lock in
# $LSST_CACHE_DIR); another waits for it.
#
# Missing tools (docker.io, docker-compose, mmdebstrap) are installed with apt-get. The base image's file system
# (mmdebstrap, about a minute) is kept in $LSST_CACHE_DIR (default ~/.cache/lsst-uk-pipeline) and reused; delete
# it, or pass --refresh-base, to build it again (e.g. for Debian's security updates). DEBIAN_SOURCES names the apt
# sources file to build it from (default: the Debian sources apt uses here).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
docker_dir=${LSST_DOCKER_DIR:-$repo/deployment/target/docker}
cache_dir=${LSST_CACHE_DIR:-$HOME/.cache/lsst-uk-pipeline}
base_image=lsst-uk/java17-debian:bookworm
suite=bookworm
packages=openjdk-17-jre-headless,ca-certificates
# the exec root (containerd's sockets), the socket and the pid file: a unix socket's path must stay under 108
# bytes, so they move to a short directory of their own when the data directory's path is long
run_dir=$docker_dir
if (( ${#docker_dir} > 50 )); then
  run_dir=/tmp/lsst-docker-$(printf '%s' "$docker_dir" | sha256sum | cut -c1-12)
fi
socket=$run_dir/docker.sock
pidfile=$run_dir/dockerd.pid

log() { printf '[local-images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- tools --------------------------------------------------------------------------------------------------------

install_missing() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
  [[ ${#missing[@]} -eq 0 ]] && return
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]} (apt-get)"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---- the docker daemon --------------------------------------------------------------------------------------------

answers() { DOCKER_HOST=$1 timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# The DOCKER_HOST of a daemon that answers, or nothing.
daemon_in_use() {
  if [[ -n "${DOCKER_HOST-}" ]] && answers "$DOCKER_HOST"; then
    echo "$DOCKER_HOST"
  elif [[ -S $socket ]] && answers "unix://$socket"; then
    echo "unix://$socket"
  elif [[ -S /var/run/docker.sock ]] && answers unix:///var/run/docker.sock; then
    echo unix:///var/run/docker.sock
  fi
}

start_daemon() {
  [[ $(id -u) -eq 0 ]] || die "starting dockerd needs root (or start a docker daemon yourself and set DOCKER_HOST)"
  mkdir -p "$cache_dir"
  local lock=$cache_dir/dockerd.lock waited=0
  until flock -n "$lock" true; do
    (( waited == 0 )) && log "another docker daemon of this script runs on this machine (lock $lock); waiting for it to stop"
    (( waited >= 900 )) && die "the docker daemon holding $lock did not stop within 900 s"
    sleep 5; waited=$((waited + 5))
  done
  mkdir -p "$docker_dir" "$run_dir"
  log "starting dockerd (data and log in $docker_dir, socket in $run_dir)"
  rm -f "$socket" "$pidfile"
  # flock holds the lock for as long as dockerd runs
  setsid flock -n "$lock" dockerd \
    --data-root "$docker_dir/data" --exec-root "$run_dir/run" -H "unix://$socket" --pidfile "$pidfile" \
    --iptables=false --ip-forward=false --bridge=none --log-opt max-size=20m \
    >"$docker_dir/dockerd.log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 60); do
    answers "unix://$socket" && { log "dockerd answers at unix://$socket"; return; }
    sleep 1
  done
  tail -20 "$docker_dir/dockerd.log" >&2 || true
  die "dockerd did not answer at unix://$socket within 60 s (log: $docker_dir/dockerd.log)"
}

stop_daemon() {
  [[ -s $pidfile ]] || { log "no docker daemon of this script to stop ($pidfile is missing)"; return; }
  local pid
  pid=$(cat "$pidfile")
  # only the dockerd started with this pid file: a stale file may name a process that reused the pid
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "dockerd .*--pidfile $pidfile"; then
    log "process $pid of $pidfile is not the dockerd this script started: nothing to stop"; rm -f "$pidfile"; return
  fi
  log "stopping dockerd $pid"
  kill -TERM "$pid"
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { log "dockerd stopped"; return; }
    sleep 1
  done
  log "dockerd $pid did not stop within 60 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

ensure_daemon() {
  local host
  host=$(daemon_in_use)
  if [[ -z $host ]]; then
    start_daemon
    host=unix://$socket
  fi
  export DOCKER_HOST=$host
  log "docker daemon: $DOCKER_HOST (Engine $(docker version --format '{{.Server.Version}}'))"
}

# ---- the base image -----------------------------------------------------------------------------------------------

debian_sources() {
  if [[ -n "${DEBIAN_SOURCES-}" ]]; then
    [[ -r $DEBIAN_SOURCES ]] || die "DEBIAN_SOURCES=$DEBIAN_SOURCES is not a readable file"
    echo "$DEBIAN_SOURCES"
  elif [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    echo /etc/apt/sources.list.d/debian.sources
  elif [[ -s /etc/apt/sources.list ]]; then
    echo /etc/apt/sources.list
  else
    die "no Debian apt sources found (/etc/apt/sources.list.d/debian.sources, /etc/apt/sources.list): set DEBIAN_SOURCES"
  fi
}

ensure_base_image() {
  local refresh=$1 sources
  sources=$(debian_sources)
  local -a mmdebstrap_args=(--variant=minbase "--include=$packages"
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
    # openjdk's post-installation script links its manual page into this directory
    --setup-hook='mkdir -p "$1/usr/share/man/man1"')
  # the cache key: what goes into the file system
  local key
  key=$(printf '%s\n' "$suite" "${mmdebstrap_args[@]}" | cat - "$sources" | sha256sum | cut -c1-12)
  local tar=$cache_dir/java17-debian-$suite-$key.tar
  if [[ $refresh == yes ]]; then
    rm -f "$tar"
  elif [[ $(docker image inspect --format '{{index .Config.Labels "uk.ac.lsst.pipeline.base"}}' "$base_image" 2>/dev/null) == "$key" ]]; then
    log "base image $base_image is in the daemon ($key)"
    return
  fi
  mkdir -p "$cache_dir"
  if [[ ! -s $tar ]]; then
    log "building the base file system with mmdebstrap ($suite, $packages; sources $sources): about a minute"
    local start=$SECONDS
    mmdebstrap --quiet --format=tar "${mmdebstrap_args[@]}" "$suite" "$tar.partial" "$sources" \
      || die "mmdebstrap failed (sources $sources)"
    mv "$tar.partial" "$tar"
    find "$cache_dir" -maxdepth 1 -name "java17-debian-$suite-*.tar" ! -path "$tar" -delete
    log "base file system: $tar ($(du -h "$tar" | cut -f1), $((SECONDS - start)) s)"
  else
    log "base file system from the cache: $tar"
  fi
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change "LABEL uk.ac.lsst.pipeline.base=$key" \
    --change 'CMD ["bash"]' \
    "$tar" "$base_image" >/dev/null
  log "base image $base_image imported"
}

# ---- the images ---------------------------------------------------------------------------------------------------

build_images() {
  local start=$SECONDS modules
  # every module whose pom builds an image (jib.skip=false), with its own Jib configuration
  modules=$(cd "$repo" && grep -l '<jib.skip>false</jib.skip>' -- */pom.xml | xargs -n1 dirname | paste -sd, -)
  [[ -n $modules ]] || die "no module of $repo sets jib.skip=false"
  log "building the images of $modules on $base_image (Maven, Jib)"
  (cd "$repo" && mvn -B -ntp -DskipTests package jib:dockerBuild -pl "$modules" -am \
    "-Dimage.base=docker://$base_image")
  log "building the Kafka image (deploy/kafka-image)"
  (cd "$repo" && mvn -B -ntp -f deploy/kafka-image/pom.xml package jib:dockerBuild "-Dimage.base=docker://$base_image")
  log "images built in $((SECONDS - start)) s:"
  docker images --format 'table {{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E 'lsst-uk|REPOSITORY' >&2
}

# ---- main ---------------------------------------------------------------------------------------------------------

command=images refresh=no
for arg in "$@"; do
  case $arg in
    images|daemon|host|stop) command=$arg ;;
    --refresh-base) refresh=yes ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg': expected images, daemon, host, stop or --refresh-base" ;;
  esac
done

case $command in
  host)
    host=$(daemon_in_use)
    [[ -n $host ]] || die "no docker daemon answers (DOCKER_HOST, unix://$socket, /var/run/docker.sock)"
    echo "$host" ;;
  stop)
    stop_daemon ;;
  daemon)
    install_missing
    ensure_daemon ;;
  images)
    start=$SECONDS
    install_missing
    ensure_daemon
    ensure_base_image "$refresh"
    build_images
    kafka_image=$(docker images --format '{{.Repository}}:{{.Tag}}' lsst-uk/kafka | head -1)
    log "done in $((SECONDS - start)) s; use: export DOCKER_HOST=$DOCKER_HOST KAFKA_IMAGE=$kafka_image" ;;
esac
