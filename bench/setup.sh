#!/bin/sh
# Installs the peers' schema compilers the bench builds with (build.rs runs them):
# flatc (FlatBuffers 2.0.8, matching the pinned `flatbuffers` crate) and capnp (Cap'n Proto).
# planus' generator is a Rust library (build-dependency): nothing to install.
set -eu
if command -v flatc >/dev/null 2>&1 && command -v capnp >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq flatbuffers-compiler capnproto >/dev/null
flatc --version
capnp --version
