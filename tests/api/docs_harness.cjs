// Runs the API documentation page's logic under Node with a tiny fake DOM and
// sessionStorage, and prints what it saw as JSON for tests/api/test_docs_page.py.
// Usage:
//   node docs_harness.cjs sample <docs.js> <openapi.json> <rendered.html>  (fake fetch)
//   node docs_harness.cjs render <docs.js> <openapi.json>        (every operation renders)
//   node docs_harness.cjs live <docs.js> <base URL> <user> <password>   (a real server)
"use strict";

const fs = require("fs");
const mode = process.argv[2];
const docs = require(require("path").resolve(process.argv[3]));
const spec = mode === "live" ? null : JSON.parse(fs.readFileSync(process.argv[4], "utf8"));

class FakeText {
  constructor(text) { this.text = String(text); this.parentNode = null; }
  get textContent() { return this.text; }
  html() { return this.text.replace(/&/g, "&amp;").replace(/</g, "&lt;"); }
}

class FakeElement {
  constructor(tag) {
    this.tagName = tag;
    this.childNodes = [];
    this.attributes = {};
    this.listeners = {};
    this.className = "";
    this.hidden = false;
    this.disabled = false;
    this.value = "";
    this.parentNode = null;
  }
  get firstChild() { return this.childNodes[0] || null; }
  appendChild(child) {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  append(...children) {
    for (const child of children) this.appendChild(typeof child === "string" ? new FakeText(child) : child);
  }
  removeChild(child) {
    this.childNodes = this.childNodes.filter((node) => node !== child);
    child.parentNode = null;
    return child;
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null; }
  get textContent() { return this.childNodes.map((node) => node.textContent).join(""); }
  set textContent(value) {
    this.childNodes = [];
    if (String(value) !== "") this.appendChild(new FakeText(value));
  }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  async fire(type) {
    const event = { type, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    await Promise.all((this.listeners[type] || []).map((listener) => listener(event)));
    return event;
  }
  focus() { focused = this; }
  html() {
    const attributes = Object.entries(this.attributes).map(([k, v]) => ` ${k}="${v}"`).join("");
    const klass = this.className ? ` class="${this.className}"` : "";
    const hidden = this.hidden ? " hidden" : "";
    return `<${this.tagName}${klass}${attributes}${hidden}>` + this.childNodes.map((n) => n.html()).join("") + `</${this.tagName}>`;
  }
}

let focused = null;
const registry = new Map();
const doc = {
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (text) => new FakeText(text),
  getElementById(id) {
    if (!registry.has(id)) registry.set(id, new FakeElement("div"));
    return registry.get(id);
  },
};

function walk(node, found) {
  if (node instanceof FakeElement) {
    found.push(node);
    for (const child of node.childNodes) walk(child, found);
  }
  return found;
}

const stored = new Map();
const storage = {
  getItem: (key) => (stored.has(key) ? stored.get(key) : null),
  setItem: (key, value) => stored.set(key, String(value)),
  removeItem: (key) => stored.delete(key),
};

function reply(status, contentType, text, extraHeaders) {
  const headers = Object.assign({ "content-type": contentType }, extraHeaders || {});
  const blob = { size: Buffer.byteLength(text), type: contentType, text: async () => text };
  return {
    ok: status >= 200 && status < 300, status, statusText: status === 200 ? "OK" : "",
    headers: { get: (name) => headers[name.toLowerCase()] || null },
    text: async () => text, blob: async () => blob,
  };
}

const calls = [];
async function fakeFetch(url, init) {
  const options = init || {};
  calls.push({ url, method: options.method || "GET", headers: options.headers || {}, body: options.body || null });
  if (url === "/api/openapi.json") return reply(200, "application/json", JSON.stringify(spec));
  if (url === "/api/login") {
    const body = JSON.parse(options.body);
    if (body.password !== "right") {
      return reply(401, "application/problem+json", JSON.stringify({ type: "about:blank", title: "Not signed in", status: 401, detail: "Wrong username or password." }));
    }
    return reply(200, "application/json", JSON.stringify({ token: "cds_login_secret", expires_at: "2999-01-01T00:00:00Z", username: body.username, roles: ["operator"] }));
  }
  if (url === "/api/logout") return reply(204, "", "");
  if (url === "/api/me") {
    if (options.headers.Authorization !== "Bearer cdk_pasted_token_value") {
      return reply(401, "application/problem+json", JSON.stringify({ title: "Not logged in", status: 401, detail: "This token is revoked." }));
    }
    return reply(200, "application/json", JSON.stringify({ name: "nightly-export", roles: ["viewer"], permissions: [], origin: "api-token", address: "127.0.0.1" }));
  }
  if (url.startsWith("/api/reports/sessions.csv")) {
    return reply(200, "text/csv; charset=utf-8", "session,kwh\n1,7.5\n", { "content-disposition": 'attachment; filename="sessions.csv"' });
  }
  if (url.startsWith("/api/cards") && (options.method || "GET") === "POST") {
    return reply(422, "application/problem+json", JSON.stringify({ type: "urn:chargedesk:problem:card-id", title: "Invalid card id", status: 422, detail: "A card id has 1 to 20 characters.", errors: [{ field: "body.card_id", message: "too long" }] }));
  }
  return reply(200, "application/json", JSON.stringify({ items: [], next_offset: null }));
}

const urls = [];
const fakeURL = { createObjectURL: () => { urls.push("blob:fake/" + urls.length); return urls[urls.length - 1]; }, revokeObjectURL: () => {} };

function formOf(root, label) {
  return walk(root, []).find((node) => node.tagName === "form" && node.getAttribute("aria-label") === label);
}

function controls(form) {
  return walk(form, []).filter((node) => ["input", "select", "textarea"].includes(node.tagName));
}

async function sample() {
  const out = {};
  const schemas = spec.components.schemas;
  const operations = docs.listOperations(spec);
  const byId = Object.fromEntries(operations.map((entry) => [entry.id, entry]));
  out.groups = docs.groupByTag(spec, operations).map((group) => [group.name, group.operations.map((entry) => entry.id)]);
  out.roles = Object.fromEntries(operations.map((entry) => [entry.id, entry.role]));
  out.resolved = docs.resolveRef(spec, "#/components/schemas/CardStatus");
  out.labels = Object.fromEntries(Object.entries(schemas.Card.properties).map(([name, schema]) => [name, docs.typeLabel(spec, schema)]));
  out.tree = docs.schemaTree(spec, { $ref: "#/components/schemas/CardPage" });
  out.recursive = docs.schemaTree(spec, { $ref: "#/components/schemas/TreeNode" });
  out.example = docs.exampleFor(spec, { $ref: "#/components/schemas/CardCreate" });
  out.treeExample = docs.exampleFor(spec, { $ref: "#/components/schemas/TreeNode" });
  out.request = docs.buildRequest(spec, byId.list_cards, { "query:limit": "5", "query:charger": "CP-1, CP 2", "query:status": "" }, "", "tok");
  out.missingPath = docs.buildRequest(spec, byId.get_card, {}, "", "");
  out.pathRequest = docs.buildRequest(spec, byId.get_card, { "path:card_id": "A/B" }, "", "");
  out.badBody = docs.buildRequest(spec, byId.add_card, {}, "{not json", "tok");
  out.filter = {
    csv: operations.filter((entry) => docs.matchesFilter(entry, "CSV")).map((entry) => entry.id),
    postCards: operations.filter((entry) => docs.matchesFilter(entry, "post cards")).map((entry) => entry.id),
  };
  out.downloadNames = [
    docs.downloadName('attachment; filename="a b.csv"', "text/csv", "x"),
    docs.downloadName("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "application/pdf", "x"),
    docs.downloadName(null, "application/pdf; charset=binary", "receipt_pdf"),
  ];
  out.classes = ["application/problem+json", "application/json; charset=utf-8", "text/csv", "application/pdf"].map(docs.classifyContent);

  // The page itself, on the fake DOM.
  const app = docs.createApp({ doc, fetch: fakeFetch, storage, URL: fakeURL });
  await app.start();
  const groups = doc.getElementById("groups");
  fs.writeFileSync(process.argv[5], groups.html());
  out.page = {
    title: doc.getElementById("api-title").textContent,
    version: doc.getElementById("api-version").textContent,
    description: doc.getElementById("api-description").textContent,
    text: groups.textContent,
    count: doc.getElementById("filter-count").textContent,
    signedOut: doc.getElementById("signin-state").textContent,
  };
  const filter = doc.getElementById("filter");
  filter.value = "csv";
  await filter.fire("input");
  out.page.filtered = {
    count: doc.getElementById("filter-count").textContent,
    hiddenOperations: walk(groups, []).filter((node) => node.className === "operation" && node.hidden).length,
    hiddenGroups: walk(groups, []).filter((node) => node.className === "tag-group" && node.hidden).length,
  };
  filter.value = "";
  await filter.fire("input");

  // A try before signing in goes without a token.
  const listForm = formOf(groups, "Try GET /api/cards");
  out.tryControls = controls(listForm).map((node) => node.getAttribute("id"));
  await listForm.fire("submit");
  out.unsignedCall = calls[calls.length - 1];

  doc.getElementById("login-username").value = "alice";
  doc.getElementById("login-password").value = "wrong";
  await doc.getElementById("login-form").fire("submit");
  out.loginFailed = doc.getElementById("signin-message").textContent;
  doc.getElementById("login-password").value = "right";
  await doc.getElementById("login-form").fire("submit");
  out.signedIn = {
    state: doc.getElementById("signin-state").textContent,
    stored: JSON.parse(storage.getItem("chargedesk.api.signin")),
    loginHidden: doc.getElementById("login-form").hidden,
    signoutShown: !doc.getElementById("signout").hidden,
    passwordCleared: doc.getElementById("login-password").value === "",
  };

  const addForm = formOf(groups, "Try POST /api/cards");
  const textarea = controls(addForm).find((node) => node.tagName === "textarea");
  out.prefilledBody = JSON.parse(textarea.value);
  await addForm.fire("submit");
  out.addCall = calls[calls.length - 1];
  out.addResult = walk(addForm, []).find((node) => node.className === "result").textContent;
  out.problemShown = walk(addForm, []).some((node) => node.className === "problem-box");

  const csvForm = formOf(groups, "Try GET /api/reports/sessions.csv");
  await csvForm.fire("submit");
  const link = walk(csvForm, []).find((node) => node.tagName === "a");
  out.download = { href: link.getAttribute("href"), name: link.getAttribute("download"), text: walk(csvForm, []).find((node) => node.className === "result").textContent };

  const getForm = formOf(groups, "Try GET /api/cards/{card_id}");
  await getForm.fire("submit");
  out.missingPathShown = walk(getForm, []).find((node) => node.className === "result").textContent;

  await doc.getElementById("signout").fire("click");
  out.logoutCall = calls[calls.length - 1];
  out.afterSignout = { stored: storage.getItem("chargedesk.api.signin"), state: doc.getElementById("signin-state").textContent, focused: focused === doc.getElementById("login-username") };

  doc.getElementById("token-input").value = "cdk_revoked";
  await doc.getElementById("token-form").fire("submit");
  out.refusedToken = { message: doc.getElementById("signin-message").textContent, stored: storage.getItem("chargedesk.api.signin") };
  doc.getElementById("token-input").value = "cdk_pasted_token_value";
  await doc.getElementById("token-form").fire("submit");
  out.tokenState = doc.getElementById("signin-state").textContent;
  const callsBefore = calls.length;
  await doc.getElementById("signout").fire("click");
  out.tokenSignoutCalls = calls.length - callsBefore;

  return out;
}

/** The whole page from a document: every operation, its try form and its example body. */
async function render() {
  const serve = async (url) => reply(200, "application/json", JSON.stringify(spec));
  const app = docs.createApp({ doc, fetch: serve, storage, URL: fakeURL });
  await app.start();
  const groups = doc.getElementById("groups");
  const nodes = walk(groups, []);
  const bodies = nodes.filter((node) => node.tagName === "textarea").map((node) => node.value);
  return {
    operations: nodes.filter((node) => node.className === "operation").map((node) => node.getAttribute("id")),
    forms: nodes.filter((node) => node.tagName === "form").length,
    bodies,
    unresolved: groups.textContent.includes("Unresolved reference"),
    count: doc.getElementById("filter-count").textContent,
    problem: nodes.some((node) => node.className === "problem"),
  };
}

/** The page against a running server, through Node's own fetch. */
async function live() {
  const base = process.argv[4];
  const realFetch = (url, init) => fetch(base + url, init);
  const app = docs.createApp({ doc, fetch: realFetch, storage, URL });
  await app.start();
  const groups = doc.getElementById("groups");
  const out = { count: doc.getElementById("filter-count").textContent };
  const who = formOf(groups, "Try GET /api/me");
  const result = () => walk(who, []).find((node) => node.className === "result").textContent;
  await who.fire("submit");
  out.before = result();
  doc.getElementById("login-username").value = process.argv[5];
  doc.getElementById("login-password").value = process.argv[6];
  await doc.getElementById("login-form").fire("submit");
  out.signedIn = doc.getElementById("signin-state").textContent;
  out.message = doc.getElementById("signin-message").textContent;
  await who.fire("submit");
  out.during = result();
  const token = JSON.parse(storage.getItem("chargedesk.api.signin")).token;
  await doc.getElementById("signout").fire("click");
  out.signedOut = doc.getElementById("signin-state").textContent;
  // The login token no longer works once the page signed out.
  doc.getElementById("token-input").value = token;
  await doc.getElementById("token-form").fire("submit");
  out.oldToken = doc.getElementById("signin-message").textContent;
  return out;
}

const modes = { sample, render, live };
modes[mode]().then((out) => process.stdout.write(JSON.stringify(out))).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
