#!/usr/bin/env bash
# Install, lint, and run every test (PostgreSQL ones too when TIMELINE_TEST_POSTGRES_URL is set).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
