#!/usr/bin/env bash
# Prints the electron-builder flags for a runner without a signing certificate (empty when CSC_LINK is
# set): Windows stays unsigned; macOS is signed ad hoc, without the hardened runtime, which matters only
# for notarization (it needs a Developer ID) and would otherwise need the library-validation exception
# the entitlements deliberately do not grant.
if [ -z "${CSC_LINK:-}" ]; then
  echo "-c.mac.identity=- -c.mac.hardenedRuntime=false"
fi
