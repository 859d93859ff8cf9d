#!/usr/bin/env bash
# Makes a RabbitMQ broker answer on 127.0.0.1:5672 (guest/guest) for the messaging-topology test
# (components/ryax/broker/rabbitmq.test.ts): the machine's, when one listens there (RABBITMQ_URL names
# another); else Debian's rabbitmq-server, installed when missing and started detached.
set -euo pipefail
listening() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if [ -n "${RABBITMQ_URL:-}" ] || listening; then
  exit 0
fi
if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
  bash "$(dirname "$0")/install-debian-package.sh" rabbitmq-server "the RabbitMQ broker rabbitmq-server"
fi
PATH="$PATH:/usr/sbin" rabbitmq-server -detached
for _ in $(seq 1 60); do
  if listening; then exit 0; fi
  sleep 1
done
echo "rabbitmq-server did not listen on 127.0.0.1:5672 within 60 s" >&2
exit 1
