#!/bin/sh
# Runs one TypeScript benchmark in a fresh Node process: esbuild bundles our code, packages stay external.
set -e
out="bench/out/$(basename "$1" .ts).mjs"
mkdir -p bench/out
npx esbuild "$1" --bundle --platform=node --format=esm --packages=external --log-level=warning --outfile="$out"
exec node "$out"
