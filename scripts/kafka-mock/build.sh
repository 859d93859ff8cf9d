#!/usr/bin/env bash
# Builds the tests' Kafka-protocol broker (librdkafka's mock cluster) into
# node_modules/.cache/kafka-mock/mock-broker, installing Debian's librdkafka-dev when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../node_modules/.cache/kafka-mock"
binary="$out/mock-broker"
if [ -x "$binary" ] && [ "$binary" -nt "$here/mock-broker.c" ]; then
  exit 0
fi
if [ ! -f /usr/include/librdkafka/rdkafka_mock.h ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo "installing librdkafka-dev (the Kafka mock cluster)..." >&2
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends librdkafka-dev gcc libc6-dev >/dev/null
fi
mkdir -p "$out"
gcc -O2 -Wall -Wextra -o "$binary.tmp" "$here/mock-broker.c" -lrdkafka
mv "$binary.tmp" "$binary"
