// Dev-only: node's test runner checks the Cosmos DB front's translation of the stand-in's answers.
// Run by CosmosFrontTest in the Maven build (`node --test local/cosmos-front.test.mjs`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compiledQueryCode, pointReadStatus } from "./cosmos-front.mjs";

const missing = Buffer.from(JSON.stringify({ message: "Cannot read properties of undefined (reading 'tenantId')" }));
const otherFailure = Buffer.from(JSON.stringify({ message: "Maximum call stack size exceeded" }));
const DOC = "/dbs/strongroom/colls/assets/docs/a1";

test("the stand-in's missing-document failure on a point read is the 404 Cosmos DB answers", () => {
  assert.equal(pointReadStatus("GET", DOC, 500, missing), 404);
});

test("any other 500 of a point read stays a 500", () => {
  assert.equal(pointReadStatus("GET", DOC, 500, otherFailure), 500);
  assert.equal(pointReadStatus("GET", DOC, 500, Buffer.from("")), 500);
  assert.equal(pointReadStatus("GET", DOC, 500, Buffer.from("<html>oops</html>")), 500);
});

test("a 500 of anything but a point read stays a 500, whatever its message", () => {
  assert.equal(pointReadStatus("POST", "/dbs/strongroom/colls/assets/docs", 500, missing), 500);
  assert.equal(pointReadStatus("GET", "/dbs/strongroom/colls/assets", 500, missing), 500);
  assert.equal(pointReadStatus("DELETE", DOC, 500, missing), 500);
});

test("other statuses pass through", () => {
  for (const status of [200, 404, 409, 412, 429, 503]) {
    assert.equal(pointReadStatus("GET", DOC, status, missing), status);
  }
});

// @zeit/cosmosdb-query's transformer emits `coll.reduce(($, c) => [...$, { c }], [])` for every FROM and JOIN
// (lib/transformer.js); the front compiles the same AST with the accumulator appended in place instead.
const requireFromServer = createRequire(createRequire(import.meta.url).resolve("@vercel/cosmosdb-server/package.json"));
const queryLib = dirname(requireFromServer.resolve("@zeit/cosmosdb-query"));
const execute = requireFromServer(join(queryLib, "executor.js")).default;
const transform = requireFromServer(join(queryLib, "transformer.js")).default;
const generate = createRequire(join(queryLib, "index.js"))("@babel/generator").default;
const parse = (sql) => requireFromServer("@zeit/cosmosdb-query").default(sql).ast;

const documents = Array.from({ length: 240 }, (_, i) => ({
  id: `d${i}`, _rid: `r${String(i).padStart(5, "0")}`, tenantId: `t${i % 7}`, atMs: (i * 37) % 101,
  ...(i % 5 ? { actor: `a${i % 3}` } : {}), tags: Array.from({ length: i % 4 }, (__, j) => ({ name: `n${j}` })),
}));

const QUERIES = [
  ["SELECT * FROM c", []],
  ["SELECT * FROM c WHERE c.tenantId = @t AND c.atMs >= @from", [{ name: "@t", value: "t3" }, { name: "@from", value: 20 }]],
  ["SELECT c.id FROM c WHERE c.actor = 'a1' ORDER BY c.atMs DESC", []],
  ["SELECT TOP 9 c.id, c.atMs FROM c ORDER BY c.atMs", []],
  ["SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.actor)", []],
  ["SELECT c.id, t.name FROM c JOIN t IN c.tags WHERE t.name != 'n0'", []],
  ["SELECT * FROM c WHERE c.id IN ('d3', 'd30', 'd300') OR STARTSWITH(c.id, 'd1')", []],
];

function allPages(code, parameters) {
  const pages = [];
  let continuation = null;
  do {
    const page = execute(documents, { code, parameters, maxItemCount: 25, continuation });
    pages.push(page.result);
    continuation = page.continuation;
  } while (continuation && pages.length < 100);
  return pages;
}

test("queries compiled with in-place accumulation answer exactly as the stand-in's own compilation, page by page", () => {
  for (const [sql, parameters] of QUERIES) {
    const original = generate(transform(parse(sql))).code;
    const linear = compiledQueryCode(sql);
    assert.notEqual(linear, original, sql);
    assert.doesNotMatch(linear, /\[\.\.\.\$,/, sql);
    assert.deepEqual(allPages(linear, parameters), allPages(original, parameters), sql);
  }
});

test("the stand-in's own queries run the linear code", () => {
  const sql = "SELECT * FROM c WHERE c.tenantId = 't1'";
  assert.equal(requireFromServer("@zeit/cosmosdb-query").default(sql).code, compiledQueryCode(sql));
});
