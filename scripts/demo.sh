#!/usr/bin/env bash
# The main job: install, import seeds/ into a fresh demo database, print the timeline.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
export TIMELINE_DATABASE_URL=${TIMELINE_DATABASE_URL:-demo.db}
.venv/bin/timeline import --force seeds/  # --force: always what this version extracts
.venv/bin/timeline events --include-undated "$@"
