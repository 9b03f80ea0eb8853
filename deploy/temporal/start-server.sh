#!/bin/sh
# Starts one Temporal server node with config/postgresql.yaml beside this script: the `temporal`
# service of docker-compose.yml, and each node of `npm run cluster` (which sets TEMPORAL_SERVER to
# the binary it built and the ports of each node). Bound to every address, a node announces its own
# address to its peers, as the temporalio/server image's entrypoint does.
set -eu

if [ "${BIND_ON_IP:-}" = "0.0.0.0" ] && [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
  TEMPORAL_BROADCAST_ADDRESS=$(getent hosts "$(hostname)" | awk '{ print $1; exit }')
  export TEMPORAL_BROADCAST_ADDRESS
fi

exec "${TEMPORAL_SERVER:-temporal-server}" --root "$(dirname "$0")" --config config --env postgresql start
