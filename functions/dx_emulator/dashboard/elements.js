// The dashboard's building blocks: elements made from text only, never markup from the data.
// operations/admin.py inlines elements.js, render.js and live.js, in that order, into one script of
// page.html (with style.css), so the page needs nothing but its own URL.
"use strict";

const REFRESH_MS = 2000;
const TIMEOUT_MS = 10000;
const NEW_LINK = "run `dx-emulator admin dashboard-url` again for a new link.";

const byId = (id) => document.getElementById(id);
const list = (value) => (Array.isArray(value) ? value : []);
const present = (value) => value !== undefined && value !== null && value !== "";

let data = null;          // the last state the server answered
let lastGood = null;      // when it answered it
let region = null;        // the region shown
let renderedKey = null;   // what the tree was last built from: rebuilt only when it changes
let timer = null;
let stopped = false;
const collapsed = new Set();
const query = new URLSearchParams(window.location.search);

// ---- building elements: text only, never markup from the data ----
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (!present(value) && value !== 0) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));  // strings become text nodes
  }
  return node;
}

const id = (value) => el("span", {class: "id", title: "click to select"}, value);

const STATE_CLASSES = {
  ok: ["available", "up", "completed", "confirmed", "accepted", "associated", "active", "ok"],
  warn: ["pending", "requested", "ordering", "verifying", "associating", "updating", "testing", "in-progress",
         "disassociating", "provisioning", "pending-accept", "rebooting"],
  bad: ["down", "rejected", "failed", "error", "unknown"],
  gone: ["deleting", "deleted", "cancelled", "canceled", "disassociated", "expired"],
};
function stateClass(state) {
  const key = String(state).trim().toLowerCase().replace(/[\s_]+/g, "-");
  for (const [cls, states] of Object.entries(STATE_CLASSES)) if (states.includes(key)) return cls;
  return "other";
}
function badge(state, label) {
  if (!present(state)) return null;
  return el("span", {class: "badge " + stateClass(state), "data-state": state,
                     title: label ? label + ": " + state : state}, state);
}

function fact(label, value, mono) {
  if (!present(value)) return null;
  return el("span", {class: "fact"}, label + " ", el("span", {class: mono ? "mono" : ""}, value));
}

function time(value) {
  if (!present(value)) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z").replace("Z", " UTC");
}

function clock(date) {
  return date.toISOString().slice(11, 19) + " UTC";
}

function tags(item) {
  return list(item.tags).filter((tag) => tag && present(tag.key))
    .map((tag) => el("span", {class: "tag"}, present(tag.value) ? tag.key + "=" + tag.value : tag.key));
}

// A tree node: a row (kind, name, id, state, facts) and, folded or not, its children.
function node(kind, key, hooks, rowParts, children) {
  children = children.filter(Boolean);
  const foldKey = kind + ":" + key;
  const folded = collapsed.has(foldKey);
  const toggle = el("button", {class: "toggle" + (children.length ? "" : " none"), type: "button",
                               "aria-label": folded ? "expand" : "collapse",
                               "aria-expanded": String(!folded)}, folded ? "\u25B6" : "\u25BC");
  if (children.length) {
    toggle.addEventListener("click", () => {
      if (collapsed.has(foldKey)) collapsed.delete(foldKey); else collapsed.add(foldKey);
      renderedKey = null;
      render();
    });
  }
  return el("div", Object.assign({class: "node " + kind}, hooks),
    el("div", {class: "row"}, toggle, el("span", {class: "kind"}, kind), rowParts),
    children.length && !folded ? el("div", {class: "children"}, children) : null);
}

function table(caption, columns, rows) {
  if (!rows.length) return null;
  return el("table", {},
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, columns.map((column) => el("th", {}, column)))),
    el("tbody", {}, rows));
}

function sortBy(items, key) {
  return items.filter((item) => item && typeof item === "object")
    .sort((a, b) => String(a[key] || "").localeCompare(String(b[key] || "")));
}

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}
