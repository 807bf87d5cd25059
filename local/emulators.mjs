#!/usr/bin/env node
// Dev-only: starts the local stand-ins of Azure on loopback and prints one JSON line with their endpoints.
//   Azurite (Blob, Queue) as a child process, data in --location DIR or in memory;
//   the Cosmos DB stand-in in memory, behind a compatibility front (see cosmos-front.mjs).
// With --location, the Cosmos stand-in's data is kept in cosmos.json beside that folder.
// Stops everything it started on SIGINT/SIGTERM, and when its standard input closes (--exit-with-stdin),
// so a parent that dies without cleaning up still leaves no process behind.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startCosmos } from "./cosmos-front.mjs";

const require = createRequire(import.meta.url);

const args = parseArgs(process.argv.slice(2));
const host = "127.0.0.1";

function parseArgs(argv) {
  const out = { location: null, blobPort: 0, queuePort: 0, cosmosPort: 0, exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--location") out.location = argv[++i];
    else if (a === "--blob-port") out.blobPort = Number(argv[++i]);
    else if (a === "--queue-port") out.queuePort = Number(argv[++i]);
    else if (a === "--cosmos-port") out.cosmosPort = Number(argv[++i]);
    else if (a === "--exit-with-stdin") out.exitWithStdin = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = new (require("node:net").Socket)();
      socket.once("connect", () => { socket.destroy(); resolve(); });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port}`));
        else setTimeout(attempt, 100);
      });
      socket.connect(port, host);
    };
    attempt();
  });
}

const children = [];
let cosmos = null;
let stopping = false;

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
  const close = cosmos ? cosmos.close() : Promise.resolve();
  close.finally(() => setTimeout(() => process.exit(code), 200));
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
if (args.exitWithStdin) {
  process.stdin.on("end", () => stop(0));
  process.stdin.on("error", () => stop(0));
  process.stdin.resume();
}

try {
  const blobPort = args.blobPort || await freePort();
  const queuePort = args.queuePort || await freePort();
  const tablePort = await freePort();
  const azuriteMain = join(dirname(require.resolve("azurite/package.json")), "dist", "src", "azurite.js");
  const azuriteArgs = [
    azuriteMain,
    "--blobHost", host, "--blobPort", String(blobPort),
    "--queueHost", host, "--queuePort", String(queuePort),
    "--tableHost", host, "--tablePort", String(tablePort),
    "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
    ...(args.location ? ["--location", args.location] : ["--inMemoryPersistence"]),
  ];
  const azurite = spawn(process.execPath, azuriteArgs, { stdio: ["ignore", "ignore", "inherit"] });
  children.push(azurite);
  azurite.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`azurite exited with ${code}\n`);
      stop(1);
    }
  });

  // Azurite listens before the Cosmos DB stand-in binds its own ports: a port just freed (by freePort above, or by
  // the emulators this replaces) is what the system tends to hand out next, and the stand-in would take it.
  await waitForPort(blobPort, 30000);
  await waitForPort(queuePort, 30000);
  cosmos = await startCosmos({ host, port: args.cosmosPort,
    dataFile: args.location ? join(args.location, "..", "cosmos.json") : null });

  process.stdout.write(JSON.stringify({
    blob: `http://${host}:${blobPort}/devstoreaccount1`,
    queue: `http://${host}:${queuePort}/devstoreaccount1`,
    cosmos: `https://${host}:${cosmos.port}/`,
    pid: process.pid,
  }) + "\n");
} catch (err) {
  process.stderr.write(`emulators failed to start: ${err.message}\n`);
  stop(1);
}
