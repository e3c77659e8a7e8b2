#!/usr/bin/env bash
# The peer benchmark's entry point: `Benchmarks/peers/run.sh bench --index … --queries …`.
# tantivy_peer.py creates its pinned virtual environment (.venv beside it) on first use.
set -euo pipefail
exec "${PYTHON:-python3}" "$(dirname "$0")/tantivy_peer.py" "$@"
