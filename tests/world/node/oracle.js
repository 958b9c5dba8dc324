// What the real AWS SDK for JavaScript v3 resolves in this process's
// environment: fromNodeProviderChain({ profile })().
//
// Usage: node oracle.js [PROFILE]   (NODE_PATH names the installed SDK)
// Prints one JSON object: verdict (resolved / failed / none / remote), the
// credential feature codes ($source), the masked access key id and the error
// name. Never a secret. Every connection to a host other than 127.0.0.1 is
// refused before it starts; a provider that needed one reports "remote".
"use strict";
const net = require("net");
const dns = require("dns");

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
class OffMachine extends Error {}
const guard = (host) => {
  if (host !== undefined && !LOOPBACK.has(String(host))) {
    throw new OffMachine(`refused a connection to ${host}`);
  }
};
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const options = Array.isArray(first) ? first[0] : first;
  if (options && typeof options === "object" && !options.path) {
    guard(options.host ?? "localhost");
  } else if (typeof first === "number") {
    guard(typeof args[1] === "string" ? args[1] : "localhost");
  }
  return realConnect.apply(this, args);
};
const realLookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  guard(host);
  return realLookup.call(this, host, ...rest);
};

// The same masking as credwiz's src/text/key_id.rs: whitespace and quotes
// around the id dropped (key_stray says they were there), control and
// non-ASCII characters shown as "*".
const STRAY = /^[\s"']+|[\s"']+$/g;
const mask = (raw) => {
  const key = raw.replace(STRAY, "").replace(/[^\x20-\x7e]/g, "*");
  return maskTrimmed(key);
};
const maskTrimmed = (key) =>
  key.length < 12
    ? "*".repeat(Math.max(key.length, 4))
    : key.slice(0, 4) + "*".repeat(key.length - 8) + key.slice(-4);

const isNetwork = (err) => {
  for (let e = err, depth = 0; e && depth < 8; e = e.cause, depth++) {
    if (e instanceof OffMachine) return true;
    const text = `${e.code ?? ""} ${e.name ?? ""} ${e.message ?? ""}`;
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|TimeoutError|refused a connection/.test(text)) {
      return true;
    }
  }
  return false;
};

const main = async () => {
  const { fromNodeProviderChain } = require("@aws-sdk/credential-providers");
  const profile = process.argv[2] || undefined;
  const out = { verdict: "none", source: [], access_key_id: null, error: null, message: null };
  try {
    const init = profile ? { profile } : {};
    init.logger = { debug() {}, info() {}, warn() {}, error() {} };
    const credentials = await fromNodeProviderChain(init)();
    out.verdict = "resolved";
    out.access_key_id = mask(credentials.accessKeyId);
    out.key_stray = credentials.accessKeyId !== credentials.accessKeyId.replace(STRAY, "");
    out.source = Object.keys(credentials.$source ?? {}).sort();
    // Which session-token variables hold the token: names only, never the value.
    if (credentials.sessionToken) {
      const names = ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"].filter(
        (n) => process.env[n] === credentials.sessionToken,
      );
      out.token_from = names.length ? names : ["other"];
    } else {
      out.token_from = [];
    }
  } catch (err) {
    out.error = err?.name ?? "Error";
    if (isNetwork(err)) {
      out.verdict = "remote";
      out.message = String(err?.message ?? "").slice(0, 200);
    } else if (/Could not load credentials from any providers/.test(err?.message ?? "")) {
      out.verdict = "none";
    } else {
      out.verdict = "failed";
      out.message = String(err?.message ?? "").slice(0, 200);
    }
  }
  process.stdout.write(JSON.stringify(out) + "\n");
};

main().catch((err) => {
  process.stdout.write(JSON.stringify({ verdict: "failed", error: "OracleCrash", message: String(err) }) + "\n");
});
