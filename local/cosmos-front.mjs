// Dev-only: the Cosmos DB stand-in (@vercel/cosmosdb-server, in memory) behind a small compatibility front
// that makes the Java SDK work against it:
//   - answers the SDK's query-plan request with a pass-through plan over the whole key range, so the
//     server itself runs the query (parameterised queries, ORDER BY, TOP, COUNT, IN, STARTSWITH, paging);
//   - turns the server's 500 for a point read of a missing document into the 404 the SDK expects, and only
//     that one: any other failure stays a failure (see pointReadStatus);
//   - copies the partition-key header into each operation of a batch, which the Java SDK sends only there;
//   - marks a query without a partition key as cross-partition, as the SDK's fan-out over the single
//     pass-through range means (the stand-in otherwise refuses a query that names no partition key);
//   - compiles the stand-in's queries to code that collects a container's documents in linear time (see
//     appendInPlace).
// The front speaks HTTPS with the stand-in's bundled certificate; the SDK accepts it for loopback only when
// COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED=true.
import { createRequire } from "node:module";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import http from "node:http";
import https from "node:https";

const require = createRequire(import.meta.url);
const cosmosServer = require("@vercel/cosmosdb-server");
const packageDir = dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const requireFromServer = createRequire(join(packageDir, "package.json"));
const queryLibDir = dirname(requireFromServer.resolve("@zeit/cosmosdb-query"));
const compileQuery = requireFromServer("@zeit/cosmosdb-query").default;
const transformQuery = requireFromServer(join(queryLibDir, "transformer.js")).default;
const generateCode = createRequire(join(queryLibDir, "index.js"))("@babel/generator").default;

// The stand-in logs every failed handler with console.error, including the point reads of missing documents
// that the front turns into 404s; that noise would bury real messages.
console.error = () => {};

const PASS_THROUGH_RANGE = [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }];

export function queryPlanFor(query) {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: /^\s*select\s+value\s/i.test(query || ""),
      hasNonStreamingOrderBy: false,
    },
    queryRanges: PASS_THROUGH_RANGE,
  };
}

// The stand-in's read-document handler dereferences the document it looked up before checking that it exists,
// so a point read of a missing document throws a TypeError that the server answers as a 500 carrying the
// error's message. Only that exact failure means "not found"; a 500 for anything else must stay a 500, which the
// app reports as its dependency being unavailable (503), never as a missing resource.
const MISSING_DOCUMENT = /^Cannot read propert(y|ies) of undefined\b/;

export function pointReadStatus(method, path, status, body) {
  if (status !== 500 || method !== "GET" || !/\/docs\/[^/]+$/.test(path)) return status;
  let message = "";
  try {
    message = JSON.parse(body.toString("utf8")).message || "";
  } catch {
    return status;
  }
  return MISSING_DOCUMENT.test(message) ? 404 : status;
}

// The stand-in's query compiler (@zeit/cosmosdb-query) gathers the documents of a container with
// `coll.reduce(($, c) => [...$, { c }], [])`, copying the accumulated array once per document: every query, even
// one that names a partition, costs O(n^2) in the container's size (13 s for one page at 50,000 documents,
// minutes at 100,000), where Cosmos DB serves it from its index. Each accumulator starts as a fresh `[]` that
// nothing else holds, so `[...$, x, ...ys]` can become `($.push(x, ...ys), $)` with the same result.
export function appendInPlace(node) {
  if (Array.isArray(node)) {
    node.forEach(appendInPlace);
    return node;
  }
  if (!node || typeof node !== "object") return node;
  for (const key of Object.keys(node)) appendInPlace(node[key]);
  const [first, ...rest] = node.type === "ArrayExpression" ? node.elements : [];
  if (first?.type === "SpreadElement" && first.argument.type === "Identifier" && first.argument.name === "$") {
    const accumulator = () => ({ type: "Identifier", name: "$" });
    const push = { type: "MemberExpression", object: accumulator(), property: { type: "Identifier", name: "push" },
      computed: false };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, { type: "SequenceExpression",
      expressions: [{ type: "CallExpression", callee: push, arguments: rest }, accumulator()] });
  }
  return node;
}

export function compiledQueryCode(sql) {
  return generateCode(appendInPlace(transformQuery(compileQuery(sql).ast))).code;
}

const queryPrototype = Object.getPrototypeOf(compileQuery("SELECT * FROM c"));
Object.defineProperty(queryPrototype, "code", {
  configurable: true,
  get() {
    if (!this._code) this._code = generateCode(appendInPlace(transformQuery(this.ast))).code;
    return this._code;
  },
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function isTrue(value) {
  return String(value || "").toLowerCase() === "true";
}

async function handle(backendPort, req, res) {
  let body = await readBody(req);
  if (req.method === "POST" && isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
    const query = body.length ? JSON.parse(body.toString("utf8")).query : "";
    res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0" });
    res.end(JSON.stringify(queryPlanFor(query)));
    return;
  }
  const headers = { ...req.headers };
  if (isTrue(req.headers["x-ms-documentdb-isquery"]) && !req.headers["x-ms-documentdb-partitionkey"]) {
    headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
  if (req.method === "POST" && isTrue(req.headers["x-ms-cosmos-is-batch-request"])) {
    const partitionKey = req.headers["x-ms-documentdb-partitionkey"];
    if (partitionKey) {
      const operations = JSON.parse(body.toString("utf8"));
      for (const op of operations) {
        if (op.partitionKey === undefined) op.partitionKey = partitionKey;
      }
      body = Buffer.from(JSON.stringify(operations), "utf8");
    }
  }
  headers["content-length"] = String(body.length);
  const upstream = http.request(
    { host: "127.0.0.1", port: backendPort, method: req.method, path: req.url, headers },
    async (up) => {
      const responseBody = await readBody(up);
      const status = pointReadStatus(req.method, req.url.split("?")[0], up.statusCode, responseBody);
      const outHeaders = { ...up.headers };
      outHeaders["x-ms-alt-content-path"] = outHeaders["x-ms-alt-content-path"] || altContentPath(req.url);
      res.writeHead(status, outHeaders);
      res.end(responseBody);
    },
  );
  upstream.on("error", (err) => {
    res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: err.message }));
  });
  upstream.end(body);
}

function altContentPath(url) {
  const match = /^\/*(dbs\/[^/]+\/colls\/[^/]+)/.exec(url.split("?")[0]);
  return match ? match[1] : "";
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
}

// The stand-in keeps everything in memory. With a data file, the front restores the databases, containers and
// documents from it at start, and writes them back every few seconds and at stop, so that local data survives
// a restart the way Azurite's does.
const SNAPSHOT_INTERVAL_MS = 5000;
const SYSTEM_PROPERTIES = ["_rid", "_self", "_etag", "_ts", "_attachments", "_docs", "_sprocs", "_triggers",
  "_udfs", "_conflicts"];

function backendCall(port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body), "utf8");
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: {
      "content-type": "application/json", ...(payload ? { "content-length": payload.length } : {}), ...headers } },
    async (res) => {
      const text = (await readBody(res)).toString("utf8");
      resolve({ status: res.statusCode, headers: res.headers, json: text ? JSON.parse(text) : null });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

async function readAll(port, path, itemsName) {
  const items = [];
  let continuation;
  do {
    const headers = { "x-ms-max-item-count": "1000", ...(continuation ? { "x-ms-continuation": continuation } : {}) };
    const r = await backendCall(port, "GET", path, undefined, headers);
    items.push(...(r.json?.[itemsName] || []));
    continuation = r.headers["x-ms-continuation"];
  } while (continuation);
  return items;
}

function strip(resource) {
  const copy = { ...resource };
  for (const p of SYSTEM_PROPERTIES) delete copy[p];
  return copy;
}

async function snapshot(port) {
  const databases = [];
  for (const db of await readAll(port, "/dbs", "Databases")) {
    const containers = [];
    for (const coll of await readAll(port, `/dbs/${db.id}/colls`, "DocumentCollections")) {
      const documents = await readAll(port, `/dbs/${db.id}/colls/${coll.id}/docs`, "Documents");
      containers.push({ ...strip(coll), documents: documents.map(strip) });
    }
    databases.push({ id: db.id, containers });
  }
  return { databases };
}

async function restore(port, data) {
  for (const db of data.databases || []) {
    await backendCall(port, "POST", "/dbs", { id: db.id });
    for (const { documents, ...coll } of db.containers || []) {
      await backendCall(port, "POST", `/dbs/${db.id}/colls`, coll);
      for (const doc of documents || []) {
        await backendCall(port, "POST", `/dbs/${db.id}/colls/${coll.id}/docs`, doc);
      }
    }
  }
}

function persist(file, data) {
  const text = JSON.stringify(data);
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export async function startCosmos({ host = "127.0.0.1", port = 0, dataFile = null } = {}) {
  const backend = cosmosServer.createHttpServer();
  const backendPort = await listen(backend, 0, host);
  let timer = null;
  let last = null;
  const save = async () => {
    const data = await snapshot(backendPort);
    const text = JSON.stringify(data);
    if (text !== last) {
      persist(dataFile, data);
      last = text;
    }
  };
  if (dataFile) {
    if (existsSync(dataFile)) await restore(backendPort, JSON.parse(readFileSync(dataFile, "utf8")));
    last = JSON.stringify(await snapshot(backendPort));
    timer = setInterval(() => save().catch(() => {}), SNAPSHOT_INTERVAL_MS);
  }
  const front = https.createServer(
    {
      cert: readFileSync(join(packageDir, "cert.pem")),
      key: readFileSync(join(packageDir, "key.pem")),
    },
    (req, res) => {
      handle(backendPort, req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: err.message }));
      });
    },
  );
  const frontPort = await listen(front, port, host);
  return {
    port: frontPort,
    // The front closes before the last snapshot, so no write is acknowledged after it: Cosmos DB never loses a write
    // it acknowledged, and a stand-in that did made the soak test see uploads vanish across a restart.
    close: async () => {
      await closeServer(front);
      if (timer) {
        clearInterval(timer);
        await save().catch((err) => process.stderr.write(`cannot save the Cosmos stand-in's data: ${err.message}\n`));
      }
      await closeServer(backend);
    },
  };
}
