#!/usr/bin/env bash
# Formats the Swift sources in place with the committed .swift-format configurations (STYLE.md §12).
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(Sources Tests)
[ -d Benchmarks ] && dirs+=(Benchmarks)
[ -d Fuzz ] && dirs+=(Fuzz)
swift format format --in-place --recursive "${dirs[@]}" Package.swift
