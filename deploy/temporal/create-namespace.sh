#!/bin/sh
# Creates the namespace and this project's custom search attributes (all Keyword) once the
# frontend answers. Safe to run again: existing ones are left as they are.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES (space-separated Keyword attribute names) is required}"
NAMESPACE=${NAMESPACE:-default}
RETENTION=${NAMESPACE_RETENTION:-30d}

echo "waiting for the Temporal frontend at $TEMPORAL_ADDRESS"
attempt=1
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  if [ "$attempt" -ge 60 ]; then
    echo "Temporal at $TEMPORAL_ADDRESS did not become healthy after $attempt attempts" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 2
done

if temporal operator namespace describe --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE already exists"
else
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" --address "$TEMPORAL_ADDRESS"
  echo "namespace $NAMESPACE created (retention $RETENTION)"
fi

existing=$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS")
for name in $SEARCH_ATTRIBUTES; do
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name already exists"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type Keyword \
      --address "$TEMPORAL_ADDRESS"
    echo "search attribute $name created (Keyword)"
  fi
done

# A worker that upserts an attribute the server does not know fails its workflow task: check all landed.
existing=$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS")
for name in $SEARCH_ATTRIBUTES; do
  printf '%s\n' "$existing" | grep -qw "$name" || {
    echo "search attribute $name is still missing" >&2
    exit 1
  }
done
echo "namespace $NAMESPACE is ready"
