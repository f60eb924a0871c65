/*
 * ChargeDesk API documentation page: reads /api/openapi.json and renders it, with a
 * sign-in box and a "Try it" form per operation.
 *
 * Plain JavaScript with no framework and no network access beyond this server: sites may
 * have no internet, and Swagger UI 4 does not read OpenAPI 3.1. Text from the document is
 * always set as text (never as HTML) so a description cannot inject markup.
 *
 * The first half holds pure functions (no DOM), exported under Node so tests can run them;
 * the second half builds the page from injected dependencies (document, fetch, storage).
 */
(function () {
  "use strict";

  const SPEC_PATH = "/api/openapi.json";
  const LOGIN_PATH = "/api/login";
  const LOGOUT_PATH = "/api/logout";
  const WHO_PATH = "/api/me";
  const STORAGE_KEY = "chargedesk.api.signin";
  const NO_ROLE = "any logged-in person";
  const PUBLIC = "no sign-in needed";
  const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  const PARAMETER_PLACES = ["path", "query"];
  const HEADERS_OF_INTEREST = [
    "content-type", "content-length", "content-disposition", "location", "retry-after",
    "www-authenticate", "etag", "last-modified", "x-request-id",
  ];
  const EXTENSIONS = {
    "text/csv": "csv", "application/pdf": "pdf", "application/json": "json",
    "text/plain": "txt", "application/zip": "zip", "application/x-pem-file": "pem",
  };

  // ---------------------------------------------------------------- pure functions

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** The last segment of a reference: "#/components/schemas/Card" -> "Card". */
  function refName(ref) {
    const parts = String(ref).split("/");
    return decodePointerPart(parts[parts.length - 1]);
  }

  function decodePointerPart(part) {
    return decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
  }

  /** The node a local JSON pointer ("#/components/schemas/X") names, or undefined. */
  function resolveRef(spec, ref) {
    if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
    let node = spec;
    for (const raw of ref.slice(1).split("/").filter((part) => part !== "")) {
      const key = decodePointerPart(raw);
      if (!isObject(node) && !Array.isArray(node)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
      node = node[key];
    }
    return node;
  }

  /**
   * Follows a chain of $ref; keywords beside a $ref (3.1 allows a description there) win
   * over the target's. A reference left over from nested $defs falls back to the schema of
   * the same name in components. Unresolvable or looping references end the chain.
   */
  function deref(spec, node) {
    let current = node;
    const followed = [];
    while (isObject(current) && typeof current.$ref === "string") {
      const ref = current.$ref;
      if (followed.includes(ref)) break;
      followed.push(ref);
      let target = resolveRef(spec, ref);
      if (target === undefined) {
        target = ((spec.components || {}).schemas || {})[refName(ref)];
      }
      const siblings = Object.assign({}, current);
      delete siblings.$ref;
      if (!isObject(target)) return Object.assign({ "x-unresolved": ref }, siblings);
      current = Object.assign({}, target, siblings);
    }
    return current;
  }

  function isNullSchema(schema) {
    return isObject(schema) && (schema.type === "null" || schema.const === null);
  }

  /** The schema without its null alternative, or null when null is not allowed. */
  function withoutNull(schema) {
    if (Array.isArray(schema.type) && schema.type.includes("null")) {
      const types = schema.type.filter((type) => type !== "null");
      return Object.assign({}, schema, { type: types.length === 1 ? types[0] : types });
    }
    for (const key of ["anyOf", "oneOf"]) {
      const variants = schema[key];
      if (!Array.isArray(variants)) continue;
      const kept = variants.filter((variant) => !isNullSchema(variant));
      if (kept.length === variants.length) continue;
      const siblings = Object.assign({}, schema);
      delete siblings[key];
      if (kept.length === 1) return Object.assign({}, kept[0], siblings);
      return Object.assign(siblings, { [key]: kept });
    }
    return null;
  }

  /**
   * A schema made plain: references followed, a null alternative (`anyOf: [X, null]`)
   * removed and reported as `nullable`, a single `allOf` merged. `name` is the first
   * referenced schema's name.
   */
  function normalize(spec, schema) {
    let current = isObject(schema) ? schema : {};
    let name = null;
    let nullable = false;
    for (let step = 0; step < 16; step += 1) {
      if (typeof current.$ref === "string") {
        name = name || refName(current.$ref);
        const next = deref(spec, current);
        if (typeof next.$ref === "string" || next["x-unresolved"]) return { schema: next, name, nullable };
        current = next;
        continue;
      }
      const split = withoutNull(current);
      if (split) {
        nullable = true;
        current = split;
        continue;
      }
      if (Array.isArray(current.allOf) && current.allOf.length === 1) {
        const siblings = Object.assign({}, current);
        delete siblings.allOf;
        current = Object.assign({}, current.allOf[0], siblings);
        continue;
      }
      break;
    }
    return { schema: current, name, nullable };
  }

  /** The properties and required names of an object schema, `allOf` parts merged. */
  function objectParts(spec, schema) {
    const properties = Object.assign({}, schema.properties || {});
    const required = new Set(schema.required || []);
    for (const part of schema.allOf || []) {
      const plain = normalize(spec, part).schema;
      Object.assign(properties, plain.properties || {});
      for (const name of plain.required || []) required.add(name);
    }
    return { properties, required };
  }

  function baseType(schema) {
    if (Array.isArray(schema.type)) return schema.type.join(" or ");
    if (schema.type) return schema.type;
    if (schema.properties || schema.additionalProperties !== undefined) return "object";
    if (schema.items) return "array";
    return "";
  }

  /** A short readable type: "string (date-time)", "array of Card", "Card", "integer". */
  function typeLabel(spec, schema, depth) {
    const level = depth || 0;
    const { schema: plain, name } = normalize(spec, schema);
    if (level > 6) return name || "…";
    if (Object.prototype.hasOwnProperty.call(plain, "const")) return JSON.stringify(plain.const);
    const variants = plain.anyOf || plain.oneOf;
    if (Array.isArray(variants) && !plain.type && !plain.properties) {
      return variants.map((variant) => typeLabel(spec, variant, level + 1)).join(" or ");
    }
    const type = baseType(plain);
    if (type === "array") {
      return plain.items ? "array of " + typeLabel(spec, plain.items, level + 1) : "array";
    }
    if (type === "object") {
      if (isObject(plain.additionalProperties) && !plain.properties) {
        return "map of " + typeLabel(spec, plain.additionalProperties, level + 1);
      }
      return name || "object";
    }
    let label = type || name || "any";
    if (plain.format) label += " (" + plain.format + ")";
    if (Array.isArray(plain.enum) && name) label = name + ": " + label;
    return label;
  }

  /** Limits a person should know about, in words ("1 to 64 characters", "at least 0"). */
  function constraintsOf(schema) {
    const out = [];
    const range = (low, high, unit) => {
      if (low !== undefined && high !== undefined) out.push(low + " to " + high + unit);
      else if (low !== undefined) out.push("at least " + low + unit);
      else if (high !== undefined) out.push("at most " + high + unit);
    };
    range(schema.minLength, schema.maxLength, " characters");
    range(schema.minItems, schema.maxItems, " items");
    range(schema.minimum, schema.maximum, "");
    if (schema.exclusiveMinimum !== undefined) out.push("more than " + schema.exclusiveMinimum);
    if (schema.exclusiveMaximum !== undefined) out.push("less than " + schema.exclusiveMaximum);
    if (schema.uniqueItems) out.push("no repeats");
    if (schema.pattern) out.push("pattern " + schema.pattern);
    return out;
  }

  /**
   * A schema as a tree to render: label, description, enum values, limits, and nested
   * `fields` (objects), `items` (arrays), `map` (additionalProperties) or `variants`.
   * `recursive` marks a schema already shown further up (a tree of itself stops there).
   */
  function schemaTree(spec, schema, seen, depth) {
    const path = seen || [];
    const level = depth || 0;
    const { schema: plain, name, nullable } = normalize(spec, schema);
    const node = {
      label: typeLabel(spec, schema),
      name,
      nullable,
      description: plain.description || "",
      enumValues: Array.isArray(plain.enum) ? plain.enum.filter((value) => value !== null) : null,
      constraints: constraintsOf(plain),
      hasDefault: Object.prototype.hasOwnProperty.call(plain, "default"),
      defaultValue: plain.default,
      closed: plain.additionalProperties === false,
      readOnly: plain.readOnly === true,
      unresolved: plain["x-unresolved"] || null,
      fields: null,
      items: null,
      map: null,
      variants: null,
      recursive: false,
    };
    if ((name && path.includes(name)) || level > 10) {
      node.recursive = true;
      return node;
    }
    const next = name ? path.concat(name) : path;
    const { properties, required } = objectParts(spec, plain);
    if (Object.keys(properties).length > 0) {
      node.fields = Object.keys(properties).map((key) => ({
        name: key,
        required: required.has(key),
        node: schemaTree(spec, properties[key], next, level + 1),
      }));
    }
    if (isObject(plain.additionalProperties)) {
      node.map = schemaTree(spec, plain.additionalProperties, next, level + 1);
    }
    if (plain.items) node.items = schemaTree(spec, plain.items, next, level + 1);
    const variants = plain.anyOf || plain.oneOf;
    if (Array.isArray(variants)) {
      node.variants = variants.map((variant) => schemaTree(spec, variant, next, level + 1));
    }
    return node;
  }

  function stringExample(schema) {
    const formats = {
      "date-time": "2026-01-01T08:00:00Z", date: "2026-01-01", time: "08:00:00",
      email: "person@example.org", uuid: "00000000-0000-4000-8000-000000000000",
      uri: "urn:example", duration: "PT1H", password: "",
    };
    if (Object.prototype.hasOwnProperty.call(formats, schema.format)) return formats[schema.format];
    // A pattern (Decimal as text, an id format) decides which plain example fits.
    if (schema.pattern) {
      try {
        const pattern = new RegExp(schema.pattern, "u");
        const fits = ["string", "0", "1.5", "A1", "x"].find((candidate) => pattern.test(candidate));
        if (fits !== undefined) return fits;
      } catch (error) {
        // A pattern JavaScript cannot read: the plain example below.
      }
    }
    const text = "string";
    if (schema.maxLength !== undefined && schema.maxLength < text.length) {
      return "x".repeat(Math.max(schema.minLength || 1, 1));
    }
    return text.padEnd(schema.minLength || 0, "x");
  }

  function numberExample(schema, integer) {
    let value = 0;
    if (schema.minimum !== undefined) value = schema.minimum;
    else if (schema.exclusiveMinimum !== undefined) value = schema.exclusiveMinimum + (integer ? 1 : 0.5);
    else if (schema.maximum !== undefined && schema.maximum < 0) value = schema.maximum;
    return integer ? Math.ceil(value) : value;
  }

  /**
   * An example value for a schema: its own example, const, default (unless null) or first
   * enum value, else one built from the type. Read-only fields are left out (a request
   * does not send them); a schema nested in itself stops as {} or [].
   */
  function exampleFor(spec, schema, seen, depth) {
    const path = seen || [];
    const level = depth || 0;
    const { schema: plain, name } = normalize(spec, schema);
    const has = (key) => Object.prototype.hasOwnProperty.call(plain, key);
    if (has("example")) return plain.example;
    if (Array.isArray(plain.examples) && plain.examples.length > 0) return plain.examples[0];
    if (has("const")) return plain.const;
    if (has("default") && plain.default !== null) return plain.default;
    if (Array.isArray(plain.enum) && plain.enum.length > 0) {
      const value = plain.enum.find((item) => item !== null);
      return value === undefined ? null : value;
    }
    const type = Array.isArray(plain.type) ? plain.type.find((t) => t !== "null") : baseType(plain);
    if ((name && path.includes(name)) || level > 8) return type === "array" ? [] : {};
    const next = name ? path.concat(name) : path;
    const variants = plain.anyOf || plain.oneOf;
    if (Array.isArray(variants) && variants.length > 0 && !plain.properties) {
      return exampleFor(spec, variants[0], next, level + 1);
    }
    if (type === "object") {
      const out = {};
      const { properties } = objectParts(spec, plain);
      for (const key of Object.keys(properties)) {
        if (normalize(spec, properties[key]).schema.readOnly === true) continue;
        out[key] = exampleFor(spec, properties[key], next, level + 1);
      }
      return out;
    }
    if (type === "array") return plain.items ? [exampleFor(spec, plain.items, next, level + 1)] : [];
    if (type === "string") return stringExample(plain);
    if (type === "integer") return numberExample(plain, true);
    if (type === "number") return numberExample(plain, false);
    if (type === "boolean") return false;
    return null;
  }

  /** Who may call an operation, in words. */
  function requiredRole(operation) {
    const role = operation["x-required-role"];
    if (Array.isArray(role) && role.length > 0) return role.join(" or ");
    if (typeof role === "string" && role !== "") return role;
    if (Array.isArray(operation.security) && operation.security.length === 0) return PUBLIC;
    return NO_ROLE;
  }

  function safeId(text) {
    return String(text).replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /** Every operation of the document in its order, with a unique id for the page. */
  function listOperations(spec) {
    const out = [];
    const used = new Set();
    for (const [path, rawItem] of Object.entries(spec.paths || {})) {
      const pathItem = deref(spec, rawItem);
      for (const method of METHODS) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        let id = safeId(operation.operationId || method + "-" + path) || "operation";
        while (used.has(id)) id += "-2";
        used.add(id);
        out.push({
          id, method, path, operation, pathItem,
          tag: (operation.tags || [])[0] || "other",
          summary: operation.summary || "",
          role: requiredRole(operation),
        });
      }
    }
    return out;
  }

  /** Operations grouped by their first tag, tags in the document's order, then as met. */
  function groupByTag(spec, operations) {
    const groups = new Map();
    for (const tag of spec.tags || []) {
      groups.set(tag.name, { name: tag.name, description: tag.description || "", operations: [] });
    }
    for (const entry of operations) {
      if (!groups.has(entry.tag)) groups.set(entry.tag, { name: entry.tag, description: "", operations: [] });
      groups.get(entry.tag).operations.push(entry);
    }
    return Array.from(groups.values()).filter((group) => group.operations.length > 0);
  }

  /** Whether every word of `text` occurs in the operation's method, path, tag or words. */
  function matchesFilter(entry, text) {
    const words = String(text || "").toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return true;
    const operation = entry.operation;
    const haystack = [
      entry.method, entry.path, entry.tag, entry.summary, entry.role,
      operation.operationId || "", operation.description || "",
    ].join(" ").toLowerCase();
    return words.every((word) => haystack.includes(word));
  }

  /** Path and query parameters of an operation (its own override the path item's). */
  function operationParameters(spec, entry) {
    const byKey = new Map();
    const all = (entry.pathItem.parameters || []).concat(entry.operation.parameters || []);
    for (const raw of all) {
      const parameter = deref(spec, raw);
      if (!PARAMETER_PLACES.includes(parameter.in)) continue;
      byKey.set(parameter.in + ":" + parameter.name, parameter);
    }
    return Array.from(byKey.values());
  }

  /** The request body: {mediaType, schema, required, description} or null. */
  function requestBodyOf(spec, entry) {
    if (!entry.operation.requestBody) return null;
    const body = deref(spec, entry.operation.requestBody);
    const content = body.content || {};
    const types = Object.keys(content);
    const mediaType = types.find(isJsonType) || types[0] || "application/json";
    return {
      mediaType,
      schema: (content[mediaType] || {}).schema || {},
      required: body.required === true,
      description: body.description || "",
    };
  }

  /** Responses as [{status, description, content: [{mediaType, schema}]}], status order. */
  function responsesOf(spec, entry) {
    const out = [];
    for (const [status, raw] of Object.entries(entry.operation.responses || {})) {
      const response = deref(spec, raw);
      const content = Object.entries(response.content || {}).map(([mediaType, media]) => ({
        mediaType, schema: (media || {}).schema || null,
      }));
      out.push({ status, description: response.description || "", content });
    }
    return out.sort((a, b) => a.status.localeCompare(b.status));
  }

  function isJsonType(mediaType) {
    return /[/+]json\b/i.test(String(mediaType || ""));
  }

  /** "problem", "json", "text" or "binary": how to show a response of this type. */
  function classifyContent(contentType) {
    const type = String(contentType || "").toLowerCase();
    if (type.includes("application/problem+json")) return "problem";
    if (isJsonType(type)) return "json";
    if (type.startsWith("text/")) return "text";
    return "binary";
  }

  /** The path prefix of the first server when it is a path on this site ("/api"). */
  function serverBase(spec) {
    const url = (((spec.servers || [])[0]) || {}).url || "";
    if (!url.startsWith("/")) return "";
    return url.replace(/\/+$/, "");
  }

  /** The Accept header for an operation: its success media types, and problem details. */
  function acceptFor(spec, entry) {
    const types = new Set();
    for (const response of responsesOf(spec, entry)) {
      for (const item of response.content) types.add(item.mediaType);
    }
    types.add("application/problem+json");
    return Array.from(types).join(", ");
  }

  /**
   * The fetch arguments for "Try it": {url, init} or {error} (words for a person).
   * `values` maps "in:name" to the text typed; arrays are comma-separated and sent as a
   * repeated query parameter.
   */
  function buildRequest(spec, entry, values, bodyText, token) {
    let path = entry.path;
    const query = [];
    for (const parameter of operationParameters(spec, entry)) {
      const raw = String(values[parameter.in + ":" + parameter.name] || "").trim();
      if (raw === "") {
        if (parameter.required || parameter.in === "path") {
          return { error: "Give a value for " + parameter.name + "." };
        }
        continue;
      }
      if (parameter.in === "path") {
        path = path.split("{" + parameter.name + "}").join(encodeURIComponent(raw));
        continue;
      }
      const isArray = baseType(normalize(spec, parameter.schema).schema) === "array";
      const items = isArray ? raw.split(",").map((item) => item.trim()).filter(Boolean) : [raw];
      for (const item of items) {
        query.push(encodeURIComponent(parameter.name) + "=" + encodeURIComponent(item));
      }
    }
    const headers = { Accept: acceptFor(spec, entry) };
    if (token) headers.Authorization = "Bearer " + token;
    const init = { method: entry.method.toUpperCase(), headers };
    const body = requestBodyOf(spec, entry);
    const text = String(bodyText || "");
    if (body && text.trim() !== "") {
      if (isJsonType(body.mediaType)) {
        try {
          JSON.parse(text);
        } catch (error) {
          return { error: "The body is not valid JSON: " + error.message };
        }
      }
      headers["Content-Type"] = body.mediaType;
      init.body = text;
    } else if (body && body.required) {
      return { error: "This operation needs a request body." };
    }
    const url = serverBase(spec) + path + (query.length ? "?" + query.join("&") : "");
    return { url, init };
  }

  /** The file name a download should get: the server's, else operation id + extension. */
  function downloadName(disposition, contentType, fallback) {
    const header = String(disposition || "");
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch (error) {
        // A badly encoded name: fall through to the plain one.
      }
    }
    const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/.exec(header);
    if (plain) return (plain[1] || plain[2]).trim();
    const type = String(contentType || "").split(";")[0].trim().toLowerCase();
    return (fallback || "download") + "." + (EXTENSIONS[type] || "bin");
  }

  /** Whether a stored sign-in has passed its expiry. */
  function isExpired(signin, now) {
    if (!signin || !signin.expires_at) return false;
    const end = Date.parse(signin.expires_at);
    return !Number.isNaN(end) && end <= now;
  }

  /** Lines describing a problem details body: title, status, detail, field errors, rest. */
  function problemLines(problem) {
    if (!isObject(problem)) return [String(problem)];
    const lines = [];
    const head = [problem.status, problem.title].filter((part) => part !== undefined && part !== "");
    if (head.length) lines.push(head.join(" "));
    if (problem.detail) lines.push(String(problem.detail));
    for (const item of Array.isArray(problem.errors) ? problem.errors : []) {
      if (isObject(item)) lines.push((item.field || item.name || "input") + ": " + (item.message || item.detail || ""));
      else lines.push(String(item));
    }
    if (problem.needs_role) lines.push("Needs role: " + problem.needs_role);
    return lines;
  }

  const pure = {
    refName, resolveRef, deref, normalize, typeLabel, constraintsOf, schemaTree, exampleFor,
    requiredRole, listOperations, groupByTag, matchesFilter, operationParameters,
    requestBodyOf, responsesOf, classifyContent, serverBase, buildRequest, downloadName,
    isExpired, problemLines, NO_ROLE, PUBLIC,
  };

  // ---------------------------------------------------------------- the page

  /** Builds the page into `deps.doc` (a document) with `deps.fetch` and `deps.storage`. */
  function createApp(deps) {
    const doc = deps.doc;
    const byId = (id) => doc.getElementById(id);
    const state = { spec: null, entries: [], groups: [], signin: readSignin() };

    /** el("p", {class: "x"}, "text", child…): an element with attributes and children. */
    function el(tag, attributes, ...children) {
      const node = doc.createElement(tag);
      for (const [key, value] of Object.entries(attributes || {})) {
        if (value === false || value === null || value === undefined) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      }
      for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
      }
      return node;
    }

    function clear(node) {
      while (node.firstChild) node.removeChild(node.firstChild);
    }

    function paragraphs(text, className) {
      const box = el("div", { class: className || "prose" });
      for (const part of String(text || "").split(/\n\s*\n/)) {
        // Docstrings are wrapped at the source's width: join their lines, keep list items.
        const text = part.trim().replace(/[ \t]*\n(?![ \t]*[-*] )[ \t]*/g, " ");
        if (text !== "") box.appendChild(el("p", { text }));
      }
      return box;
    }

    // -- sign-in, kept in sessionStorage only (gone when the tab closes)

    function readSignin() {
      try {
        const stored = JSON.parse(deps.storage.getItem(STORAGE_KEY) || "null");
        if (!stored || typeof stored.token !== "string" || isExpired(stored, Date.now())) return null;
        return stored;
      } catch (error) {
        return null;
      }
    }

    function saveSignin(signin) {
      state.signin = signin;
      if (signin) deps.storage.setItem(STORAGE_KEY, JSON.stringify(signin));
      else deps.storage.removeItem(STORAGE_KEY);
      showSignin();
    }

    function currentToken() {
      if (state.signin && isExpired(state.signin, Date.now())) saveSignin(null);
      return state.signin ? state.signin.token : "";
    }

    function showSignin() {
      const signin = state.signin;
      let words = "Not signed in: operations that need a role answer 401.";
      if (signin && signin.kind === "login") {
        const roles = (signin.roles || []).join(", ");
        words = "Signed in as " + signin.username + (roles ? " (" + roles + ")" : "");
        if (signin.expires_at) words += ", until " + new Date(signin.expires_at).toLocaleString();
        words += ".";
      } else if (signin) {
        words = "Using the API token " + signin.token.slice(0, 8) + "…";
        if (signin.username) {
          const roles = (signin.roles || []).join(", ");
          words = "Signed in as " + signin.username + (roles ? " (" + roles + ")" : "") + " with " +
            "the API token " + signin.token.slice(0, 8) + "…";
        }
      }
      byId("signin-state").textContent = words;
      byId("login-form").hidden = Boolean(signin);
      byId("token-form").hidden = Boolean(signin);
      byId("signout").hidden = !signin;
    }

    function say(text) {
      byId("signin-message").textContent = text;
    }

    async function readJson(response) {
      try {
        return JSON.parse(await response.text());
      } catch (error) {
        return null;
      }
    }

    async function onLogin(event) {
      event.preventDefault();
      const username = byId("login-username").value.trim();
      const password = byId("login-password").value;
      if (!username || !password) {
        say("Give a username and a password.");
        return;
      }
      say("Signing in…");
      try {
        const response = await deps.fetch(LOGIN_PATH, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ username, password }),
        });
        const body = await readJson(response);
        if (!response.ok || !body || typeof body.token !== "string") {
          say("Not signed in: " + problemLines(body || { status: response.status }).join(" — "));
          return;
        }
        byId("login-password").value = "";
        saveSignin({
          kind: "login", token: body.token, username: body.username || username,
          roles: body.roles || [], expires_at: body.expires_at || null,
        });
        say("");
      } catch (error) {
        say("Could not reach ChargeDesk: " + error.message);
      }
    }

    /** Keeps a pasted token once the server says whose it is (a refused one is not kept). */
    async function onToken(event) {
      event.preventDefault();
      const token = byId("token-input").value.trim();
      if (!token) {
        say("Paste an API token first.");
        return;
      }
      byId("token-input").value = "";
      const signin = { kind: "token", token, username: null, roles: [] };
      try {
        const response = await deps.fetch(WHO_PATH, { headers: { Authorization: "Bearer " + token, Accept: "application/json" } });
        const body = await readJson(response);
        if (response.status === 401 || response.status === 403) {
          say("This token was refused: " + problemLines(body || { status: response.status }).join(" — "));
          return;
        }
        if (response.ok && body) Object.assign(signin, { username: body.name || null, roles: body.roles || [] });
      } catch (error) {
        // The server cannot say whose token it is now: keep it, the calls will tell.
      }
      saveSignin(signin);
      say("");
    }

    async function onSignout() {
      const signin = state.signin;
      // A pasted API token is only forgotten here: logging out must not end a script's token.
      if (signin && signin.kind === "login") {
        try {
          await deps.fetch(LOGOUT_PATH, { method: "POST", headers: { Authorization: "Bearer " + signin.token } });
        } catch (error) {
          say("Could not reach ChargeDesk to end the login; it ends at its expiry.");
        }
      }
      saveSignin(null);
      byId("login-username").focus();
    }

    // -- the description of an operation

    function fieldList(node) {
      const list = el("ul", { class: "fields" });
      for (const field of node.fields || []) {
        list.appendChild(fieldItem(field.name, field.required, field.node));
      }
      return list;
    }

    /** Text as a sentence: capital first letter, a full stop unless it has its own. */
    function sentence(text) {
      const trimmed = String(text).trim();
      const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
      return /[.!?:)]$/.test(capital) ? capital : capital + ".";
    }

    function nodeNotes(node) {
      const notes = el("span", { class: "notes" });
      const parts = [];
      if (node.description) parts.push(sentence(node.description));
      if (node.enumValues && node.enumValues.length) {
        parts.push("One of: " + node.enumValues.map((value) => JSON.stringify(value)).join(", ") + ".");
      }
      if (node.constraints.length) parts.push(sentence(node.constraints.join("; ")));
      if (node.hasDefault) parts.push("Default: " + JSON.stringify(node.defaultValue) + ".");
      if (node.readOnly) parts.push("Read-only.");
      if (node.unresolved) parts.push("(Unresolved reference " + node.unresolved + ".)");
      notes.textContent = parts.join(" ");
      return notes;
    }

    function nested(node) {
      const box = el("div", { class: "nested" });
      if (node.recursive) {
        box.appendChild(el("p", { class: "hint", text: "Same shape as " + (node.name || "above") + "." }));
        return box;
      }
      if (node.fields) box.appendChild(fieldList(node));
      if (node.fields && node.closed) box.appendChild(el("p", { class: "hint", text: "No other fields are accepted." }));
      if (node.map) {
        box.appendChild(el("p", { class: "hint", text: "Any key, each value " + node.map.label + "." }));
        const inner = nested(node.map);
        if (inner) box.appendChild(inner);
      }
      const item = node.items ? nested(node.items) : null;
      if (item) box.append(el("p", { class: "hint", text: "Each item:" }), item);
      if (node.variants && node.variants.some((variant) => variant.fields)) {
        const list = el("ol", { class: "variants" });
        for (const variant of node.variants) {
          list.appendChild(el("li", {}, el("span", { class: "type", text: variant.label }), nested(variant)));
        }
        box.appendChild(el("p", { class: "hint", text: "One of these shapes:" }));
        box.appendChild(list);
      }
      return box.firstChild ? box : null;
    }

    function fieldItem(name, required, node) {
      return el(
        "li", {},
        el("code", { class: "field-name", text: name }), " ",
        el("span", { class: "type", text: node.label + (node.nullable ? " or null" : "") }), " ",
        el("span", { class: required ? "required" : "optional", text: required ? "required" : "optional" }), " ",
        nodeNotes(node),
        nested(node),
      );
    }

    function schemaBlock(schema) {
      const node = schemaTree(state.spec, schema);
      const box = el("div", { class: "schema" });
      box.appendChild(el("p", {}, el("span", { class: "type", text: node.label + (node.nullable ? " or null" : "") }), " ", nodeNotes(node)));
      const inner = nested(node);
      if (inner) box.appendChild(inner);
      return box;
    }

    function parameterTable(parameters) {
      const body = el("tbody");
      for (const parameter of parameters) {
        const node = schemaTree(state.spec, parameter.schema || {});
        const notes = nodeNotes(node);
        if (parameter.description) notes.textContent = (sentence(parameter.description) + " " + notes.textContent).trim();
        body.appendChild(el(
          "tr", {},
          el("td", {}, el("code", { text: parameter.name })),
          el("td", { text: parameter.in }),
          el("td", { text: node.label + (node.nullable ? " or null" : "") }),
          el("td", { text: parameter.required ? "required" : "optional" }),
          el("td", {}, notes),
        ));
      }
      const head = el("tr", {}, ...["Name", "In", "Type", "Required", "Description"].map((word) => el("th", { scope: "col", text: word })));
      return el("table", { class: "parameters" }, el("thead", {}, head), body);
    }

    function responseBlock(response) {
      const kind = response.status[0];
      const box = el("div", { class: "response" });
      box.appendChild(el(
        "h5", {},
        el("span", { class: "status status-" + kind + "xx", text: response.status }), " ",
        response.description,
      ));
      for (const item of response.content) {
        box.appendChild(el("p", { class: "media", text: item.mediaType }));
        if (!item.schema) continue;
        if (classifyContent(item.mediaType) === "problem") {
          // Every error has the same shape: folded, so the success answer stands out.
          box.appendChild(el("details", { class: "problem-fields" },
            el("summary", { text: "Problem details fields" }), schemaBlock(item.schema)));
        } else {
          box.appendChild(schemaBlock(item.schema));
        }
      }
      return box;
    }

    // -- "Try it"

    function parameterInput(entry, parameter) {
      const id = "try-" + entry.id + "-" + parameter.in + "-" + safeId(parameter.name);
      const plain = normalize(state.spec, parameter.schema || {}).schema;
      let input;
      if (Array.isArray(plain.enum) || plain.type === "boolean") {
        const values = plain.type === "boolean" ? [true, false] : plain.enum.filter((value) => value !== null);
        input = el("select", { id }, el("option", { value: "", text: parameter.required ? "choose…" : "(not sent)" }));
        for (const value of values) input.appendChild(el("option", { value: String(value), text: String(value) }));
      } else {
        const type = baseType(plain);
        input = el("input", {
          id, type: "text", autocomplete: "off", spellcheck: "false",
          inputmode: type === "integer" ? "numeric" : null,
          placeholder: type === "array" ? "comma-separated" : (plain.default !== undefined && plain.default !== null ? String(plain.default) : null),
        });
      }
      if (parameter.required || parameter.in === "path") input.setAttribute("aria-required", "true");
      const label = el("label", { for: id },
        el("code", { text: parameter.name }), " (" + parameter.in + (parameter.required || parameter.in === "path" ? ", required" : "") + ")");
      return { key: parameter.in + ":" + parameter.name, input, row: el("div", { class: "try-row" }, label, input) };
    }

    function tryForm(entry, parameters, body) {
      const form = el("form", { class: "try", "aria-label": "Try " + entry.method.toUpperCase() + " " + entry.path });
      const inputs = parameters.map((parameter) => parameterInput(entry, parameter));
      for (const item of inputs) form.appendChild(item.row);
      let textarea = null;
      let example = "";
      if (body) {
        const id = "try-" + entry.id + "-body";
        if (isJsonType(body.mediaType)) {
          example = JSON.stringify(exampleFor(state.spec, body.schema), null, 2);
        } else {
          // Raw text (a CSV to import): only the document's own example, never "string".
          const own = normalize(state.spec, body.schema).schema.example;
          example = typeof own === "string" ? own : "";
        }
        textarea = el("textarea", { id, rows: Math.min(16, example.split("\n").length + 1), spellcheck: "false" });
        textarea.value = example;
        form.appendChild(el("div", { class: "try-row" },
          el("label", { for: id, text: "Request body (" + body.mediaType + (body.required ? ", required" : "") + ")" }), textarea));
      }
      const result = el("div", { class: "result", role: "status", "aria-live": "polite" });
      const send = el("button", { type: "submit", class: "send", text: "Send " + entry.method.toUpperCase() });
      const buttons = el("div", { class: "buttons" }, send);
      if (textarea) {
        const reset = el("button", { type: "button", text: "Reset body" });
        reset.addEventListener("click", () => { textarea.value = example; });
        buttons.appendChild(reset);
      }
      form.appendChild(buttons);
      form.appendChild(result);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const values = {};
        for (const item of inputs) values[item.key] = item.input.value;
        return sendTry(entry, values, textarea ? textarea.value : "", result, send);
      });
      return form;
    }

    async function sendTry(entry, values, bodyText, result, button) {
      const request = buildRequest(state.spec, entry, values, bodyText, currentToken());
      clear(result);
      if (request.error) {
        result.appendChild(el("p", { class: "problem", text: request.error }));
        return;
      }
      result.appendChild(el("p", { text: "Sending " + request.init.method + " " + request.url + "…" }));
      button.disabled = true;
      const started = Date.now();
      try {
        const response = await deps.fetch(request.url, request.init);
        await showResponse(entry, request, response, Date.now() - started, result);
      } catch (error) {
        clear(result);
        result.appendChild(el("p", { class: "problem", text: "No answer from ChargeDesk: " + error.message }));
      } finally {
        button.disabled = false;
      }
    }

    async function showResponse(entry, request, response, millis, result) {
      clear(result);
      const kind = String(response.status)[0];
      result.appendChild(el("p", { class: "status-line" },
        el("span", { class: "status status-" + kind + "xx", text: String(response.status) }), " ",
        (response.statusText || "") + " · " + request.init.method + " " + request.url + " · " + millis + " ms"));
      const headers = el("dl", { class: "headers" });
      for (const name of HEADERS_OF_INTEREST) {
        const value = response.headers.get(name);
        if (value) headers.append(el("dt", { text: name }), el("dd", { text: value }));
      }
      if (headers.firstChild) result.appendChild(headers);
      if (response.status === 401 && !state.signin) {
        result.appendChild(el("p", { class: "hint", text: "Sign in at the top of the page first." }));
      }
      const contentType = response.headers.get("content-type") || "";
      const blob = await response.blob();
      if (blob.size === 0) {
        result.appendChild(el("p", { class: "hint", text: "No content." }));
        return;
      }
      const how = classifyContent(contentType);
      if (how === "problem" || how === "json") {
        const text = await blob.text();
        let parsed = null;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          result.appendChild(el("pre", { class: "body", text }));
          return;
        }
        if (how === "problem" || (!response.ok && isObject(parsed) && parsed.title)) {
          const box = el("div", { class: "problem-box", role: "alert" });
          for (const line of problemLines(parsed)) box.appendChild(el("p", { text: line }));
          result.appendChild(box);
        }
        result.appendChild(el("pre", { class: "body", tabindex: "0", text: JSON.stringify(parsed, null, 2) }));
        return;
      }
      const name = downloadName(response.headers.get("content-disposition"), contentType, entry.id);
      if (entry.downloadUrl) deps.URL.revokeObjectURL(entry.downloadUrl);
      entry.downloadUrl = deps.URL.createObjectURL(blob);
      result.appendChild(el("p", {}, el("a", { href: entry.downloadUrl, download: name, text: "Download " + name }),
        " (" + contentType + ", " + blob.size + " bytes)"));
      if (how === "text") {
        const text = await blob.text();
        result.appendChild(el("pre", { class: "body", tabindex: "0", text: text.length > 4000 ? text.slice(0, 4000) + "\n…" : text }));
      }
    }

    // -- operations, groups and the filter

    function operationBlock(entry) {
      const spec = state.spec;
      const operation = entry.operation;
      const parameters = operationParameters(spec, entry);
      const body = requestBodyOf(spec, entry);
      const method = entry.method.toUpperCase();
      const details = el("details", { class: "operation", id: "op-" + entry.id });
      details.appendChild(el(
        "summary", {},
        el("span", { class: "method method-" + entry.method, text: method }), " ",
        el("code", { class: "path", text: entry.path }), " ",
        el("span", { class: "op-summary", text: entry.summary }),
        operation.deprecated ? el("span", { class: "deprecated", text: "deprecated" }) : null,
      ));
      const inner = el("div", { class: "operation-body" });
      if (operation.description) inner.appendChild(paragraphs(operation.description));
      inner.appendChild(el("p", { class: "role" }, el("strong", { text: "Needs role: " }), entry.role, " · ",
        el("a", { href: "#op-" + entry.id, class: "permalink", text: "link to this operation" })));
      if (parameters.length) inner.append(el("h4", { text: "Parameters" }), parameterTable(parameters));
      if (body) {
        inner.append(el("h4", { text: "Request body" }), el("p", { class: "media", text: body.mediaType + (body.required ? " (required)" : "") }));
        if (body.description) inner.appendChild(paragraphs(body.description));
        inner.appendChild(schemaBlock(body.schema));
      }
      inner.appendChild(el("h4", { text: "Responses" }));
      for (const response of responsesOf(spec, entry)) inner.appendChild(responseBlock(response));
      inner.append(el("h4", { text: "Try it" }), tryForm(entry, parameters, body));
      details.appendChild(inner);
      return details;
    }

    function renderSpec(spec) {
      state.spec = spec;
      const info = spec.info || {};
      byId("api-title").textContent = info.title || "API";
      byId("api-version").textContent = "Version " + (info.version || "?") + " · OpenAPI " + (spec.openapi || "?");
      const description = byId("api-description");
      clear(description);
      description.appendChild(paragraphs(info.description));
      state.entries = listOperations(spec);
      state.groups = [];
      const container = byId("groups");
      clear(container);
      for (const group of groupByTag(spec, state.entries)) {
        const details = el("details", { class: "tag-group", id: "tag-" + safeId(group.name), open: true });
        details.appendChild(el("summary", {}, el("h3", { text: group.name }),
          group.description ? el("span", { class: "tag-description", text: group.description }) : null));
        const items = group.operations.map((entry) => ({ entry, node: operationBlock(entry) }));
        for (const item of items) details.appendChild(item.node);
        container.appendChild(details);
        state.groups.push({ node: details, items });
      }
      applyFilter();
      openLinked();
    }

    /** Opens the operation a link names (/api/docs#op-list_cards), so links can be shared. */
    function openLinked() {
      const wanted = String(deps.hash || "").replace(/^#/, "");
      for (const group of state.groups) {
        for (const item of group.items) {
          if ("op-" + item.entry.id !== wanted) continue;
          item.node.open = true;
          if (typeof item.node.scrollIntoView === "function") item.node.scrollIntoView();
        }
      }
    }

    function applyFilter() {
      const text = byId("filter").value;
      let shown = 0;
      for (const group of state.groups) {
        let inGroup = 0;
        for (const item of group.items) {
          const match = matchesFilter(item.entry, text);
          item.node.hidden = !match;
          if (match) inGroup += 1;
        }
        group.node.hidden = inGroup === 0;
        shown += inGroup;
      }
      byId("filter-count").textContent = shown + " of " + state.entries.length + " operations shown.";
    }

    async function load() {
      try {
        const response = await deps.fetch(SPEC_PATH, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error("status " + response.status);
        renderSpec(JSON.parse(await response.text()));
      } catch (error) {
        const container = byId("groups");
        clear(container);
        container.appendChild(el("p", { class: "problem", role: "alert", text: "Could not load " + SPEC_PATH + ": " + error.message }));
      }
    }

    function start() {
      byId("login-form").addEventListener("submit", onLogin);
      byId("token-form").addEventListener("submit", onToken);
      byId("signout").addEventListener("click", onSignout);
      byId("filter").addEventListener("input", applyFilter);
      showSignin();
      return load();
    }

    return { start, renderSpec, applyFilter, state };
  }

  const exported = Object.assign({ createApp }, pure);
  if (typeof module === "object" && module.exports) {
    module.exports = exported;
  } else if (typeof window !== "undefined") {
    const boot = () => createApp({
      doc: window.document, fetch: window.fetch.bind(window), storage: window.sessionStorage, URL: window.URL,
      hash: window.location.hash,
    }).start();
    if (window.document.readyState === "loading") window.document.addEventListener("DOMContentLoaded", boot);
    else boot();
  }
})();
