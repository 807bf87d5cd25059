// Dev-only: node's test runner checks the Cosmos DB front's translation of the stand-in's answers.
// Run by CosmosFrontTest in the Maven build (`node --test local/cosmos-front.test.mjs`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { pointReadStatus } from "./cosmos-front.mjs";

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
