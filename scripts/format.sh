#!/usr/bin/env bash
# Formats (or with --check, lints) every Swift file with swift-format, using .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--check" ]; then
  swift format lint --strict --recursive Package.swift Sources Tests
else
  swift format format --in-place --recursive Package.swift Sources Tests
fi
