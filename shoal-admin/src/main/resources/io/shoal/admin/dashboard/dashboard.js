// Shoal's dashboard: reads GET /api/v1/stream (server-sent events) and draws what it says. The stream sends a
// "history" on connect (per-second traffic of each service, CPU and memory of each replica and of Shoal itself,
// replicas desired and ready over time) and a "tick" every second (the bodies of GET /api/v1/services and
// /api/v1/replicas, the listeners of /api/v1/listeners, and the newest samples of each series). Samples carry
// their own time; a sample no later than the last one kept is one the page has already drawn.
// Everything this page uses is served by Shoal itself; changing requests send the token kept in sessionStorage.
(function () {
  "use strict";
  const KEEP_SECONDS = 300;
  const TOKEN_KEY = "shoal-admin-token";
  const services = new Map(); // name -> view of one service

  // --- small DOM helpers: text always goes in as text, never as markup ---
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k.startsWith("data-")) node.setAttribute(k, v); else node[k] = v;
    }
    for (const c of children) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  const fmt = (v, digits) => (v < 0 ? "–" : Number(v).toFixed(digits));
  const mib = (bytes) => (bytes < 0 ? "–" : (bytes / 1048576).toFixed(0) + " MiB");
  const absent = (v) => v === undefined || v === null;
  const count = (v) => (absent(v) ? "–" : String(v));
  // Whole seconds, as the HAProxy stats page writes a duration: "42s", "3m5s", "2h10m", "3d4h".
  function duration(seconds) {
    if (absent(seconds)) return "–";
    const s = Math.floor(seconds);
    if (s < 120) return s + "s";
    if (s < 7200) return Math.floor(s / 60) + "m" + (s % 60) + "s";
    if (s < 172800) return Math.floor(s / 3600) + "h" + Math.floor((s % 3600) / 60) + "m";
    return Math.floor(s / 86400) + "d" + Math.floor((s % 86400) / 3600) + "h";
  }
  function bytes(b) {
    if (absent(b)) return "–";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return (i ? b.toFixed(1) : b) + " " + units[i];
  }

  // --- token ---
  const tokenInput = document.getElementById("token");
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
  tokenInput.addEventListener("input", () => sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim()));

  // --- one service: its panel, series and charts ---
  // A chart's box keeps its plot, so that a chart whose series change (replicas come and go) is drawn anew in place.
  function chart(container, id, title, series, extra) {
    const box = el("div", { class: "chart", id }, el("div", { class: "title" }, title));
    container.append(box);
    draw(box, series, extra);
    new ResizeObserver(() => box.plot.setSize({ width: Math.max(300, box.clientWidth), height: 180 })).observe(box);
    return box;
  }

  function draw(box, series, extra) {
    if (box.plot) box.plot.destroy();
    const opts = Object.assign({
      width: Math.max(300, box.clientWidth || 400), height: 180, legend: { live: false },
      scales: { x: { time: true } }, axes: [{}, { size: 50 }],
      series: [{}].concat(series),
    }, extra || {});
    box.plot = new uPlot(opts, [[]].concat(series.map(() => [])), box);
  }

  function serviceView(name, runsReplicas) {
    const panel = el("section", { class: "panel service", "data-service": name });
    const stats = el("div", { class: "stats" });
    const charts = el("div", { class: "charts" });
    panel.append(el("h2", {}, "service " + name), stats, charts);
    const view = { name, panel, stats, seconds: [[], [], [], [], [], []], counts: [[], [], []], marks: [] };
    view.traffic = chart(charts, "chart-" + name + "-traffic", "requests and errors per second", [
      { label: "requests/s", stroke: "#2563eb", width: 2 }, { label: "errors/s", stroke: "#b91c1c", width: 2 }]);
    view.latency = chart(charts, "chart-" + name + "-latency", "latency (ms)", [
      { label: "p50", stroke: "#15803d" }, { label: "p95", stroke: "#b45309" }, { label: "p99", stroke: "#b91c1c" }]);
    if (runsReplicas) {
      const stepped = uPlot.paths.stepped({ align: 1 });
      view.replicaChart = chart(charts, "chart-" + name + "-replicas", "replicas desired and ready (dashed lines: desired count changed)", [
        { label: "desired", stroke: "#6b7280", width: 2, paths: stepped },
        { label: "ready", stroke: "#15803d", width: 2, paths: stepped, fill: "rgba(21,128,61,.08)" }],
        { hooks: { draw: [(u) => drawMarks(u, view.marks)] }, scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(2, max + 1)] } } });
      view.usage = { x: [], cpu: new Map(), memory: new Map() };
      view.cpuChart = chart(charts, "chart-" + name + "-cpu", "CPU per replica (% of one core)", []);
      view.memoryChart = chart(charts, "chart-" + name + "-memory", "memory per replica (MiB resident)", []);
    }
    view.serverResult = el("span", { id: "servers-" + name + "-result", class: "result" });
    panel.append(el("h3", {}, "servers"), view.serverResult);
    view.servers = el("tbody");
    // Each table scrolls sideways in its panel, so that a narrow window still shows one page wide.
    panel.append(el("div", { class: "wide" }, el("table", { id: "servers-" + name }, el("thead", {}, el("tr", {},
      ...["server", "replica", "state", "share of requests", "req/s", "err/s", "p95 ms", "in flight", "weight",
        "last health checks", ""].map((h) => el("th", {}, h)))), view.servers)));
    view.counters = el("tbody");
    panel.append(el("h3", {}, "counters since start, as the HAProxy stats page shows them"),
      el("div", { class: "wide" }, el("table", { id: "counters-" + name, class: "counters" }, counterHead(), view.counters)));
    if (runsReplicas) {
      panel.append(el("h3", {}, "replicas"), scaleControls(view));
      view.replicas = el("tbody");
      panel.append(el("div", { class: "wide" }, el("table", { id: "replicas-" + name }, el("thead", {}, el("tr", {},
        ...["replica", "state", "port", "pid", "uptime", "restarts", "CPU", "memory", "message"]
          .map((h) => el("th", {}, h)))), view.replicas)));
    }
    document.getElementById("services").append(panel);
    return view;
  }

  function drawMarks(u, marks) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#7c3aed";
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5 * devicePixelRatio;
    for (const t of marks) {
      const x = Math.round(u.valToPos(t, "x", true));
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  }

  function scaleControls(view) {
    const input = el("input", { id: "scale-" + view.name, type: "number", min: 0, max: 1000 });
    const button = el("button", { id: "scale-" + view.name + "-button" }, "Scale");
    const result = el("span", { id: "scale-" + view.name + "-result", class: "result" });
    const label = () => { button.textContent = "Scale to " + (input.value === "" ? "N" : input.value); };
    input.addEventListener("input", label);
    button.addEventListener("click", () => scale(view.name, input.value, button, result));
    view.scaleInput = input;
    view.scaleLabel = label;
    return el("div", { class: "controls" }, input, button, result);
  }

  function scale(name, value, button, result) {
    send(result, button, "POST", "api/v1/services/" + encodeURIComponent(name) + "/scale",
      { replicas: Number(value) }, "scaling " + name + " to " + value + "…");
  }

  /** A changing request with the token; its answer's message (or error) goes to result. */
  async function send(result, button, method, path, body, pending) {
    const token = tokenInput.value.trim();
    if (!token) { result.className = "result error"; result.textContent = "enter the admin token first"; return; }
    button.disabled = true;
    result.className = "result";
    result.textContent = pending;
    try {
      const r = await fetch(path, {
        method, headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await r.json();
      result.className = r.ok ? "result" : "result error";
      result.textContent = r.ok ? (answer.message || "done") : r.status + ": " + answer.error;
    } catch (e) {
      result.className = "result error";
      result.textContent = String(e);
    } finally {
      button.disabled = false;
    }
  }

  // --- series kept in the page, oldest first ---
  /** Adds the samples later than the last one kept: series[0] is their time, series[i] the i-th of values(p). */
  function appendNewer(series, samples, values) {
    for (const p of samples) {
      const t = p.atEpochMillis / 1000;
      if (series[0].length && t <= series[0][series[0].length - 1]) continue;
      [t, ...values(p)].forEach((v, i) => series[i].push(v));
    }
    trim(series);
  }

  function addSeconds(view, samples) {
    appendNewer(view.seconds, samples, (p) => [p.requestRate, p.errorRate, p.p50Millis, p.p95Millis, p.p99Millis]);
  }

  function addCount(view, atEpochMillis, desired, ready) {
    const c = view.counts;
    const last = c[1].length ? c[1][c[1].length - 1] : null;
    if (last !== null && last !== desired) view.marks.push(atEpochMillis / 1000);
    c[0].push(atEpochMillis / 1000); c[1].push(desired); c[2].push(ready);
    trim(c);
    while (view.marks.length && view.marks[0] < c[0][0]) view.marks.shift();
  }

  const PALETTE = ["#2563eb", "#15803d", "#b45309", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626"];

  // CPU and memory of each replica over time, from the replica sampler's samples (usage: replica id -> samples).
  // One sampling round stamps every replica with one time, so a round is one point of each replica's line.
  function addUsage(view, usage, ids) {
    const u = view.usage;
    const newest = u.x.length ? u.x[u.x.length - 1] : -Infinity;
    const rounds = new Map(); // time -> (replica id -> sample)
    for (const id of ids) {
      for (const p of usage[id] || []) {
        const t = p.atEpochMillis / 1000;
        if (t <= newest) continue;
        if (!rounds.has(t)) rounds.set(t, new Map());
        rounds.get(t).set(id, p);
      }
    }
    let changed = false;
    for (const t of [...rounds.keys()].sort((a, b) => a - b)) {
      const round = rounds.get(t);
      for (const id of round.keys()) {
        if (u.cpu.has(id)) continue;
        u.cpu.set(id, new Array(u.x.length).fill(null));
        u.memory.set(id, new Array(u.x.length).fill(null));
        changed = true;
      }
      u.x.push(t);
      for (const [id, values] of u.cpu) {
        const p = round.get(id);
        values.push(p && p.cpuPercent >= 0 ? p.cpuPercent : null);
        u.memory.get(id).push(p && p.rssBytes >= 0 ? p.rssBytes / 1048576 : null);
      }
    }
    trim([u.x, ...u.cpu.values(), ...u.memory.values()]);
    for (const [id, values] of u.cpu) {
      if (values.every((v) => v === null)) { u.cpu.delete(id); u.memory.delete(id); changed = true; }
    }
    if (changed) {
      const series = [...u.cpu.keys()].map((id, i) => ({ label: id, stroke: PALETTE[i % PALETTE.length], width: 2 }));
      draw(view.cpuChart, series);
      draw(view.memoryChart, series);
    }
    view.cpuChart.plot.setData([u.x, ...u.cpu.values()]);
    view.memoryChart.plot.setData([u.x, ...u.memory.values()]);
  }

  function trim(series) {
    const newest = series[0][series[0].length - 1];
    let drop = 0;
    while (drop < series[0].length && series[0][drop] < newest - KEEP_SECONDS) drop++;
    if (drop) series.forEach((a) => a.splice(0, drop));
  }

  // --- drawing one tick ---
  function stat(label, value, id) {
    return el("div", { class: "stat" }, el("b", id ? { id } : {}, value), el("span", {}, label));
  }

  function renderService(view, s, replicas) {
    const t = s.totals;
    view.stats.replaceChildren(
      stat("requests/s", fmt(t.requestRate, 1), "rate-" + s.name), stat("errors/s", fmt(t.errorRate, 2)),
      stat("error ratio", fmt(t.errorRatio * 100, 2) + "%"), stat("p50 ms", fmt(t.p50Millis, 2)),
      stat("p95 ms", fmt(t.p95Millis, 2)), stat("p99 ms", fmt(t.p99Millis, 2)),
      stat("servers up", t.up + " / " + t.servers), stat("in flight", t.inFlight),
      ...(s.replicas ? [stat("replicas ready / desired", s.replicas.ready + " / " + s.replicas.desired, "replicas-" + s.name + "-count")] : []));
    const total = s.servers.reduce((sum, v) => sum + v.requestRate, 0);
    view.servers.replaceChildren(...s.servers.map((v) => serverRow(view, v, total)));
    view.counters.replaceChildren(...s.servers.map(counterRow), counterTotalRow(s));
    if (view.replicas) {
      view.replicas.replaceChildren(...replicas.filter((r) => r.service === s.name).map(replicaRow));
      if (!view.scalePrefilled) { // once: afterwards the field is the user's
        view.scalePrefilled = true;
        view.scaleInput.value = s.replicas.desired + 1;
        view.scaleLabel();
      }
    }
    view.traffic.plot.setData([view.seconds[0], view.seconds[1], view.seconds[2]]);
    view.latency.plot.setData([view.seconds[0], view.seconds[3], view.seconds[4], view.seconds[5]]);
    if (view.replicaChart) view.replicaChart.plot.setData(view.counts);
  }

  function serverRow(view, v, total) {
    const share = total > 0 ? (100 * v.requestRate) / total : 0;
    const checks = el("span", { class: "checks" }, ...v.healthChecks.map((c) => el("i", {
      class: c.passed ? "passed" : "failed",
      title: (c.passed ? "passed: " : "failed: ") + c.detail + " in " + c.durationMillis + " ms, "
        + duration(Math.max(0, Date.now() - c.atEpochMillis) / 1000) + " ago" })));
    if (!v.healthChecks.length) checks.append(el("span", { class: "muted" }, "no health check"));
    return el("tr", { class: "server", "data-address": v.address },
      el("td", {}, v.address), el("td", {}, v.replica || "–"),
      el("td", {}, el("span", { class: "state " + v.state }, v.state),
        el("span", { class: "reason" }, v.reason + " (" + duration(v.lastChangeSeconds) + ")")),
      el("td", { class: "share-cell" }, el("span", { class: "share" }, el("i", { style: "width:" + share.toFixed(1) + "%" })),
        el("span", { class: "share-value" }, share.toFixed(1) + "%")),
      el("td", { class: "num" }, fmt(v.requestRate, 1)), el("td", { class: "num" }, fmt(v.errorRate, 2)),
      el("td", { class: "num" }, fmt(v.p95Millis, 2)), el("td", { class: "num" }, v.inFlight),
      el("td", { class: "num" }, v.weight + (v.backup ? " (backup)" : "")), el("td", {}, checks),
      el("td", {}, stateButton(view, v)));
  }

  // The columns of the HAProxy stats page, counted since Shoal started; "–" where the services JSON has no figure.
  // They sit between the status columns (state, last change, downtime) and the service's queue; the service's row
  // adds each up over its servers, but for the maximum.
  const COUNTERS = [
    { group: "sessions", figure: "inFlight", head: "now", value: (v) => v.inFlight },
    { group: "sessions", figure: "sessionsMax", head: "max", value: (v) => v.sessionsMax, max: true },
    { group: "sessions", figure: "requests", head: "total",
      value: (v) => Object.values(v.responses).reduce((a, b) => a + b, v.failures) },
    ...["1xx", "2xx", "3xx", "4xx", "5xx"].map((c) => ({ group: "responses", figure: c, head: c, value: (v) => v.responses[c] })),
    ...["failures", "retries", "redispatches", "ejections"].map((figure) => ({ group: "errors", figure, head: figure,
      value: (v) => v[figure] })),
    { group: "bytes", figure: "bytesIn", head: "in", value: (v) => v.bytesIn, show: bytes },
    { group: "bytes", figure: "bytesOut", head: "out", value: (v) => v.bytesOut, show: bytes },
  ];

  const STATUS = ["state", "last change", "downtime"].map((head) => ({ group: "status", head }));
  const QUEUE = ["now", "max"].map((head) => ({ group: "queue", head }));
  function counterHead() {
    return groupedHead("server", [...STATUS, ...COUNTERS, ...QUEUE]);
  }

  // Two header rows: each run of columns of one group under its group's name, then each column's own.
  function groupedHead(rowHead, columns) {
    const groups = [];
    for (const c of columns) {
      if (groups.length && groups[groups.length - 1][0] === c.group) groups[groups.length - 1][1]++; else groups.push([c.group, 1]);
    }
    return el("thead", {},
      el("tr", {}, el("th", { rowSpan: 2 }, rowHead), ...groups.map(([g, n]) => el("th", { colSpan: n, class: "group" }, g))),
      el("tr", {}, ...columns.map((c, i) => el("th", i > 0 ? { class: "num" } : {}, c.head))));
  }

  // A counter's cell, named by its row (data-server or data-service) and its figure; bytes, which it rounds to KiB,
  // MiB..., keep their exact count in the title.
  function counterCell(row, c, value) {
    const title = c.show === bytes && !absent(value) ? value + " bytes" : "";
    return el("td", { class: "num", ...row, "data-figure": c.figure, title }, (c.show || count)(value));
  }

  // One server's counters; its queue cells stay empty, as requests wait in the service's queue, not a server's.
  function counterRow(v) {
    const row = { "data-server": v.address };
    const cell = (figure, text, cls = "num") => el("td", { class: cls, ...row, "data-figure": figure }, text);
    return el("tr", { class: "counters-server", ...row },
      el("td", {}, v.address), cell("state", el("span", { class: "state " + v.state }, v.state), ""),
      cell("lastChangeSeconds", duration(v.lastChangeSeconds)), cell("downtimeSeconds", duration(v.downtimeSeconds)),
      ...COUNTERS.map((c) => counterCell(row, c, c.value(v))), el("td", {}), el("td", {}));
  }

  // The service's row: the servers' counts added up (where every server has the figure) and the service's queue.
  function counterTotalRow(s) {
    const row = { "data-service": s.name };
    const cell = (figure, text) => el("td", { class: "num", ...row, "data-figure": figure }, text);
    const sum = (c) => (s.servers.some((v) => absent(c.value(v))) ? undefined
      : s.servers.reduce((total, v) => total + c.value(v), 0));
    return el("tr", { class: "counters-service", ...row },
      el("td", {}, "service " + s.name), cell("up", s.totals.up + " / " + s.totals.servers + " up"), el("td", {}), el("td", {}),
      ...COUNTERS.map((c) => (c.max ? el("td", {}) : counterCell(row, c, sum(c)))),
      cell("queueCurrent", count(s.totals.queueCurrent)), cell("queueMax", count(s.totals.queueMax)));
  }

  // --- listeners: HAProxy's frontend rows, counted since Shoal started ---
  const LISTENER_COUNTERS = [
    { group: "sessions", figure: "sessionsCurrent", head: "now" },
    { group: "sessions", figure: "sessionsMax", head: "max" },
    { group: "sessions", figure: "accepted", head: "accepted" },
    { group: "sessions", figure: "requests", head: "requests" },
    ...["1xx", "2xx", "3xx", "4xx", "5xx"].map((c) => ({ group: "responses", figure: c, head: c, value: (l) => l.responses[c] })),
    { group: "errors", figure: "deniedRequests", head: "denied" },
    { group: "bytes", figure: "bytesIn", head: "in", show: bytes },
    { group: "bytes", figure: "bytesOut", head: "out", show: bytes },
  ].map((c) => ({ value: (l) => l[c.figure], ...c }));
  const listenerRows = el("tbody");
  document.getElementById("listeners").append(groupedHead("listener", LISTENER_COUNTERS), listenerRows);

  function renderListeners(listeners) {
    listenerRows.replaceChildren(...listeners.flatMap((l) => {
      const row = { "data-listener": l.address };
      return [el("tr", { class: "listener", ...row }, el("td", {}, l.address),
        ...LISTENER_COUNTERS.map((c) => counterCell(row, c, c.value(l)))),
        ...(l.certificates || []).map((c) => certificateRow(l, c))];
    }));
  }

  // A TLS listener's certificates, a row each under the listener's: the JSON's "expiry" says how to mark it
  // (expiring: a warning, within two weeks of its end; expired: an error).
  function certificateRow(l, c) {
    const left = c.expiry === "expired" ? "expired" + (c.daysLeft < 0 ? " " + -c.daysLeft + " days ago" : "")
      : (c.expiry === "expiring" ? "expires in " : "") + c.daysLeft + " days" + (c.expiry === "valid" ? " left" : "");
    return el("tr", { class: "certificate", "data-listener": l.address, "data-subject": c.subject },
      el("td", { class: "muted" }, "certificate"),
      el("td", { colSpan: LISTENER_COUNTERS.length },
        el("span", { class: "expiry " + c.expiry, title: "not after " + c.notAfter }, left),
        el("span", { class: "cert-names" }, c.names.join(", ")),
        el("span", { class: "reason" }, c.subject + ", until " + c.notAfter)));
  }

  // Drain (HAProxy's "set server state drain"): no new requests, those in flight finish; Ready undoes it.
  function stateButton(view, v) {
    const next = v.state === "DRAINING" || v.state === "MAINT" ? "ready" : "drain";
    const button = el("button", { class: "state-action", "data-action": next }, next === "drain" ? "Drain" : "Ready");
    button.addEventListener("click", () => send(view.serverResult, button, "PUT",
      "api/v1/services/" + encodeURIComponent(view.name) + "/servers/" + encodeURIComponent(v.address) + "/state",
      { state: next }, v.address + ": " + next + "…"));
    return button;
  }

  function replicaRow(r) {
    return el("tr", { class: "replica", "data-replica": r.id },
      el("td", {}, r.id), el("td", {}, el("span", { class: "state " + r.state }, r.state)),
      el("td", { class: "num" }, r.port), el("td", { class: "num" }, r.pid < 0 ? "–" : r.pid),
      el("td", { class: "num" }, duration(r.uptimeMillis / 1000)), el("td", { class: "num" }, r.restarts),
      el("td", { class: "num" }, r.cpuPercent < 0 ? "–" : fmt(r.cpuPercent, 1) + "%"),
      el("td", { class: "num" }, mib(r.rssBytes)), el("td", { class: "muted" }, r.message || ""));
  }

  // tick.events, when the stream carries it, is the body of GET /api/v1/events: the autoscaler's decisions,
  // the alerts standing now and the replica-hours (and cost) per service.
  function renderEvents(body) {
    if (!body || typeof body !== "object") return;
    const at = (ms) => new Date(ms).toLocaleTimeString();
    const items = [];
    for (const a of body.alerts || []) items.push(el("li", { class: "alert" }, "alert, " + a.service + ": " + a.message));
    for (const e of (body.events || []).slice(-20).reverse()) {
      const d = e.decision;
      items.push(el("li", {}, at(e.atMillis) + " " + e.service + ": " + d.current + " → " + d.desired + " (" + d.reason + ")"));
    }
    for (const [name, u] of Object.entries(body.usage || {})) {
      items.push(el("li", { class: "usage" }, name + ": " + fmt(u.replicaHours, 3) + " replica-hours, cost " + fmt(u.cost, 2)));
    }
    document.getElementById("events-empty").hidden = items.length > 0;
    document.getElementById("events").replaceChildren(...items);
  }

  // --- Shoal's own process: CPU, memory and client connections (as /status counts them) ---
  const shoal = { series: [[], [], [], [], [], [], [], []] }; // time, CPU, resident, heap, active, reading, writing, waiting
  const shoalCharts = document.getElementById("shoal-charts");
  shoal.cpu = chart(shoalCharts, "chart-shoal-cpu", "Shoal's CPU (% of one core)", [
    { label: "CPU %", stroke: "#2563eb", width: 2 }]);
  shoal.memory = chart(shoalCharts, "chart-shoal-memory", "Shoal's memory (MiB)", [
    { label: "resident", stroke: "#7c3aed", width: 2 }, { label: "heap used", stroke: "#0891b2", width: 2 }]);
  shoal.connections = chart(shoalCharts, "chart-shoal-connections", "client connections", [
    { label: "active", stroke: "#1d2330", width: 2 }, { label: "reading", stroke: "#b45309" },
    { label: "writing", stroke: "#15803d" }, { label: "waiting", stroke: "#6b7280" }]);

  function addShoal(samples) {
    appendNewer(shoal.series, samples, (p) => [p.cpuPercent < 0 ? null : p.cpuPercent, p.rssBytes < 0 ? null : p.rssBytes / 1048576,
      p.heapUsedBytes / 1048576, p.connections.active, p.connections.reading, p.connections.writing, p.connections.waiting]);
    const x = shoal.series[0];
    shoal.cpu.plot.setData([x, shoal.series[1]]);
    shoal.memory.plot.setData([x, shoal.series[2], shoal.series[3]]);
    shoal.connections.plot.setData([x, ...shoal.series.slice(4)]);
    const p = samples[samples.length - 1];
    if (!p) return;
    const c = p.connections;
    document.getElementById("shoal-stats").replaceChildren(
      stat("CPU", p.cpuPercent < 0 ? "–" : fmt(p.cpuPercent, 1) + "%", "shoal-cpu"), stat("resident memory", mib(p.rssBytes), "shoal-rss"),
      stat("heap used / max", mib(p.heapUsedBytes) + " / " + mib(p.heapMaxBytes), "shoal-heap"),
      stat("connections", c.active, "shoal-connections-active"), stat("reading", c.reading, "shoal-connections-reading"),
      stat("writing", c.writing, "shoal-connections-writing"), stat("waiting", c.waiting, "shoal-connections-waiting"));
  }

  // --- the stream ---
  let history = null; // kept until the first tick says which services run replicas
  function onHistory(h) {
    services.forEach((v) => v.panel.remove());
    services.clear();
    history = h;
    shoal.series.forEach((a) => a.splice(0));
    addShoal(h.shoal);
  }

  function onTick(tick) {
    for (const s of tick.services.services) {
      let view = services.get(s.name);
      const ids = tick.replicas.replicas.filter((r) => r.service === s.name).map((r) => r.id);
      if (!view) {
        view = serviceView(s.name, s.replicas !== null);
        services.set(s.name, view);
        if (history) {
          addSeconds(view, history.seconds[s.name] || []);
          for (const c of (history.replicaCounts[s.name] || [])) addCount(view, c.atEpochMillis, c.desired, c.ready);
          if (s.replicas) addUsage(view, history.usage, ids);
        }
      }
      addSeconds(view, tick.seconds[s.name] || []);
      if (s.replicas) {
        addCount(view, tick.atEpochMillis, s.replicas.desired, s.replicas.ready);
        addUsage(view, tick.usage, ids);
      }
      renderService(view, s, tick.replicas.replicas);
    }
    addShoal(tick.shoal);
    renderListeners(tick.listeners);
    renderEvents(tick.events);
    document.getElementById("clock").textContent = "updated " + new Date(tick.atEpochMillis).toLocaleTimeString();
  }

  const status = document.getElementById("connection");
  const stream = new EventSource("api/v1/stream");
  stream.addEventListener("open", () => { status.textContent = "live"; status.className = "connection live"; });
  stream.addEventListener("error", () => { status.textContent = "reconnecting…"; status.className = "connection lost"; });
  stream.addEventListener("history", (e) => onHistory(JSON.parse(e.data)));
  stream.addEventListener("tick", (e) => onTick(JSON.parse(e.data)));
})();
