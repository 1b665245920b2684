// The dashboard's header, link expiry, status and refresh: it asks its own URL for JSON every 2 s.

// ---- the header ----
const REGION_LISTS = ["connections", "lags", "interconnects", "virtualInterfaces", "failoverTests",
                      "associationProposals", "resiliencyGroups"];
function resourceCount(regionData) {
  return REGION_LISTS.reduce((sum, name) => sum + list(regionData && regionData[name]).length, 0);
}

function renderRegions() {
  const all = (data.regions && typeof data.regions === "object") ? data.regions : {};
  const regions = Object.keys(all);  // in the server's order
  if (!regions.includes(region)) {
    // The region chosen here earlier (kept in the hash), else ?region=, else the first region.
    const chosen = window.location.hash.match(/region=([\w-]+)/);
    const asked = (chosen && chosen[1]) || query.get("region");
    region = regions.includes(asked) ? asked : (regions[0] || null);
  }
  const select = byId("region");
  const labels = regions.map((name) => name + " (" + resourceCount(all[name]) + ")");
  if (Array.from(select.options).map((option) => option.textContent).join() !== labels.join()) {
    select.replaceChildren(...regions.map((name, index) => el("option", {value: name}, labels[index])));
    if (!regions.length) select.append(el("option", {value: ""}, "(none)"));
  }
  select.value = region || "";
}

function render() {
  if (!data) return;
  byId("account").textContent = present(data.account) ? data.account : "\u2014";
  byId("generated").textContent = present(data.generatedAt) ? time(data.generatedAt) : "\u2014";
  renderRegions();
  const regionData = (region && data.regions[region]) || {};
  const rest = Object.assign({}, data);
  delete rest.generatedAt;
  const key = JSON.stringify([region, Array.from(collapsed), rest]);
  if (key === renderedKey) return;  // nothing changed: leave the page (and any selection) alone
  renderedKey = key;
  renderSummary(regionData);
  renderTree(regionData);
  renderGateways();
  renderExtra(regionData);
  byId("raw-json").textContent = JSON.stringify(data, null, 2);
}

byId("region").addEventListener("change", (event) => {
  region = event.target.value || null;
  // The hash is not part of the signed link, so the choice can live there across reloads.
  history.replaceState(null, "", "#region=" + encodeURIComponent(region || ""));
  render();
});

// ---- the link's own expiry (SigV4 query authentication) ----
function linkExpiry() {
  const link = new URLSearchParams(window.location.search);  // the link as it is now
  const stamp = link.get("X-Amz-Date");
  const seconds = Number(link.get("X-Amz-Expires"));
  const parts = stamp && stamp.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!parts || !Number.isFinite(seconds)) return null;
  const signed = Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5], +parts[6]);
  return new Date(signed + seconds * 1000);
}

function renderExpiry() {
  const target = byId("expires");
  const expiry = linkExpiry();
  if (!expiry) { target.textContent = "\u2014"; return; }
  const left = Math.round((expiry.getTime() - Date.now()) / 1000);
  target.textContent = clock(expiry) + (left > 0 ? " (in " + duration(left) + ")" : " (expired)");
}

function duration(seconds) {
  if (seconds < 90) return seconds + " s";
  if (seconds < 5400) return Math.round(seconds / 60) + " min";
  return Math.round(seconds / 3600) + " h";
}

// ---- status and errors ----
function setStatus(state, text) {
  const status = byId("status");
  status.dataset.state = state;
  status.textContent = text;
  document.body.classList.toggle("stale", state === "stale" || state === "expired");
}

function showError(code, message, hint) {
  const box = byId("error");
  box.replaceChildren(...[
    present(code) ? el("span", {class: "code"}, code + ":") : null,
    el("span", {class: "message"}, message),
    hint ? el("span", {class: "hint"}, hint) : null,
    data ? el("span", {class: "hint"}, "Showing the last state received, at " + clock(lastGood) + ": it may be out of date.")
         : null,
  ].filter(Boolean));
  box.hidden = false;
}

function clearError() {
  const box = byId("error");
  box.hidden = true;
  box.replaceChildren();
}

function failed(status, code, message) {
  const expiry = linkExpiry();
  const expired = expiry !== null && Date.now() >= expiry.getTime();
  const refused = status === 401 || status === 403;
  let hint = null;
  if (expired) hint = "This link has expired: " + NEW_LINK;
  else if (refused) hint = "The emulator refused this link: " + NEW_LINK;
  showError(code, message, hint);
  if (expired && refused) {
    stopped = true;  // an expired link never works again: stop asking
    setStatus("expired", data ? "stale \u00b7 link expired" : "link expired");
  } else {
    setStatus("stale", data ? "stale \u00b7 last update " + clock(lastGood) : "no data");
  }
}

async function refresh() {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    // Exactly this page's link: its query string is the signature.
    const response = await fetch(window.location.href, {
      headers: {Accept: "application/json"}, cache: "no-store", signal: controller.signal,
    });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (error) { body = null; }
    if (!response.ok) {
      const code = body && (body.__type || body.code);
      const message = (body && (body.message || body.Message)) || text.slice(0, 500) || response.statusText;
      failed(response.status, present(code) ? String(code).split("#").pop() : "HTTP " + response.status,
             String(message));
      return;
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      failed(response.status, "HTTP " + response.status, "The emulator's answer is not the dashboard's JSON state.");
      return;
    }
    data = body;
    lastGood = new Date();
    clearError();
    setStatus("live", "live \u00b7 updated " + clock(lastGood));
    render();
  } catch (error) {
    failed(0, null, error && error.name === "AbortError"
      ? "The emulator did not answer within " + TIMEOUT_MS / 1000 + " s."
      : "Cannot reach the emulator (" + (error && error.message ? error.message : error) + ").");
  } finally {
    clearTimeout(timeout);
    renderExpiry();
    schedule();
  }
}

function schedule() {
  clearTimeout(timer);
  if (stopped || document.hidden) return;  // a hidden tab refreshes again when shown
  timer = setTimeout(refresh, REFRESH_MS);
}

document.addEventListener("visibilitychange", () => {
  if (!document.hidden && !stopped) { clearTimeout(timer); refresh(); }
});

// Selecting an id on click is CSS (user-select: all); also copy it where the browser allows.
byId("content").addEventListener("click", (event) => {
  const target = event.target.closest && event.target.closest(".id");
  if (target && navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(target.textContent).then(() => {
      target.title = "copied";
    }, () => {});
  }
});

renderExpiry();
refresh();
