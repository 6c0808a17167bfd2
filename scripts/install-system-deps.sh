#!/usr/bin/env bash
# System packages beyond Python and node, from Debian's packages, each only when missing:
#   - a Java 17+ JDK and Maven: the local Neo4j runs on Java; Maven fetches its jars
#     from Maven Central once and compiles our launcher (graph/neo4j_launcher);
#   - with --browser: Debian's Chromium, which the browser test drives headless
#     (nothing is downloaded by a test tool).
set -euo pipefail
want=()
java_major() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  "$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}
major="$(java_major 2>/dev/null || true)"
if [ -z "$major" ] || [ "$major" -lt 17 ] || ! command -v javac >/dev/null 2>&1; then
  want+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || want+=(maven)
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  want+=(chromium chromium-driver)
fi
[ "${#want[@]}" = 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install with your package manager: ${want[*]} (Java 17+, Maven; Chromium for the browser test)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "installing system packages: ${want[*]}" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
