#!/usr/bin/env node
// The launcher, as esbuild and biome ship: npm installs only the platform
// package whose "os" and "cpu" match this machine (an optional dependency),
// and this script runs the binary inside it with the same arguments.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const platformPackage = `@credwiz/${process.platform}-${process.arch}`;
const binaryName = process.platform === "win32" ? "credwiz.exe" : "credwiz";

let binary;
try {
  binary = require.resolve(`${platformPackage}/bin/${binaryName}`);
} catch {
  process.stderr.write(
    `credwiz: no binary for ${process.platform}-${process.arch} (package ${platformPackage} is not installed).\n` +
      "Reinstall without --omit=optional, or use the static Linux binary or cargo install (see the README).\n"
  );
  process.exit(2);
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`credwiz: could not start ${path.basename(binary)}: ${result.error.message}\n`);
  process.exit(2);
}
// A signal that ended the binary ends the launcher the same way.
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
