#!/usr/bin/env bash
# usage: run.sh [checkout] [id...]: the shared runner (../run.sh) on this set.
exec bash "$(dirname "$0")/../run.sh" red16 "$@"
