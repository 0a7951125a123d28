/* newsgraph: the page's own script (no third-party code).
 * Data comes from the JSON block #page-data (never executed) or from /api/*. Everything
 * from articles is written with textContent / setAttribute, never as HTML. */
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function pageData() {
    const el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : null;
  }

  function svgEl(parent, name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function size(svg, defaultH) {
    const box = svg.getBoundingClientRect();
    const w = Math.max(300, Math.round(box.width || 800));
    const h = Math.max(120, Math.round(box.height || defaultH));
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    return [w, h];
  }

  /* -- code points -> UTF-16 ------------------------------------------------------------ */

  /** u16[i] is the UTF-16 index of code point i (and u16[n] the string's length). */
  function codePointIndex(text) {
    const u16 = [];
    let i = 0;
    for (const ch of text) { u16.push(i); i += ch.length; }
    u16.push(i);
    return u16;
  }

  /* -- article page ----------------------------------------------------------------------- */

  function speakerKey(q) { return q.speaker || (q.speaker_text ? "text:" + q.speaker_text.toLowerCase() : null); }

  function article(record) {
    const box = document.getElementById("text");
    if (!box || !record) return;
    const text = record.text;
    const u16 = codePointIndex(text);
    const entityById = new Map(record.entities.map((e) => [e.id, e]));

    const speakers = new Map();
    for (const q of record.quotes) {
      const k = speakerKey(q);
      if (k && !speakers.has(k)) speakers.set(k, speakers.size % 8);
    }
    const quoteClass = (q) => { const k = speakerKey(q); return k === null ? "spk-none" : "spk-" + speakers.get(k); };

    // every highlighted item: [start, end) in code points, its classes, what the tooltip shows
    const items = [];
    for (const e of record.entities) {
      for (const m of e.mentions) {
        items.push({ start: m.start, end: m.end, cls: ["ent", "t-" + e.type], kind: "entity",
          show: { entity: e.name, type: e.type, text: m.text, sense: m.sense, kb: e.kb, geo: e.geo, roles: e.roles } });
      }
    }
    for (const q of record.quotes) {
      const who = q.speaker && entityById.has(q.speaker) ? entityById.get(q.speaker).name : q.speaker_text;
      items.push({ start: q.start, end: q.end, cls: ["quote", quoteClass(q)], kind: "quote", id: q.id,
        show: { quote: q.kind, speaker: who || null, cue: q.cue, id: q.id } });
    }
    for (const f of record.figures) {
      items.push({ start: f.start, end: f.end, cls: ["fig"], kind: "figure",
        show: { figure: f.text, value: f.value, low: f.low, high: f.high, qualifier: f.qualifier, unit: f.unit,
          measure: f.measure, aspect: f.aspect, modality: f.modality, source: f.source_text, time: f.time } });
    }
    for (const x of record.timexes) {
      items.push({ start: x.start, end: x.end, cls: ["timex"], kind: "timex",
        show: { timex: x.type, text: x.text, value: x.value, range: x.range } });
    }

    const cuts = new Set([0, u16.length - 1]);
    for (const it of items) {
      if (it.start >= 0 && it.end <= u16.length - 1 && it.start < it.end) { cuts.add(it.start); cuts.add(it.end); }
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    const segItems = new Map();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(u16[a], u16[b]);
      const covering = items.filter((it) => it.start <= a && it.end >= b);
      if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      const span = document.createElement("span");
      span.className = "seg";
      for (const it of covering) {
        for (const c of it.cls) span.classList.add(c);
        if (it.kind === "quote") span.dataset.quote = it.id;
      }
      span.dataset.start = String(a);
      span.dataset.end = String(b);
      span.textContent = piece;
      segItems.set(span, covering);
      frag.appendChild(span);
    }
    clear(box);
    box.appendChild(frag);

    // the quote list takes the speaker's colour and the entity's canonical name
    for (const li of document.querySelectorAll(".quote-item")) {
      const q = record.quotes.find((x) => x.id === li.dataset.quote);
      if (!q) continue;
      li.classList.add(quoteClass(q));
      const who = li.querySelector(".speaker");
      if (who && q.speaker && entityById.has(q.speaker)) {
        const name = entityById.get(q.speaker).name;
        if (name !== q.speaker_text) who.textContent = name + (q.speaker_text ? " (" + q.speaker_text + ")" : "");
      }
      li.addEventListener("mouseenter", () => {
        for (const s of box.querySelectorAll(".seg")) s.classList.toggle("hot", s.dataset.quote === q.id);
      });
      li.addEventListener("mouseleave", () => { for (const s of box.querySelectorAll(".hot")) s.classList.remove("hot"); });
    }

    const tip = document.getElementById("tip");
    box.addEventListener("mouseover", (ev) => {
      const seg = ev.target.closest ? ev.target.closest(".seg") : null;
      if (!seg || !segItems.has(seg)) { tip.hidden = true; return; }
      tip.textContent = segItems.get(seg).map((it) => JSON.stringify(it.show, null, 1)).join("\n");
      const r = seg.getBoundingClientRect();
      tip.style.left = Math.round(r.left + window.scrollX) + "px";
      tip.style.top = Math.round(r.bottom + window.scrollY + 4) + "px";
      tip.hidden = false;
    });
    box.addEventListener("mouseleave", () => { tip.hidden = true; });
  }

  /* -- scales and axes -------------------------------------------------------------------- */

  function dayNumber(iso) { const t = Date.parse(iso + "T00:00:00Z"); return isNaN(t) ? null : t / 86400000; }
  function isoOf(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

  function scale(d0, d1, r0, r1) {
    if (d0 === d1) { d0 -= 1; d1 += 1; }
    return (v) => r0 + (v - d0) * (r1 - r0) / (d1 - d0);
  }

  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toPrecision(3) + "B";
    if (a >= 1e6) return (v / 1e6).toPrecision(3) + "M";
    if (a >= 1e4) return (v / 1e3).toPrecision(3) + "k";
    return String(Math.round(v * 100) / 100);
  }

  function axes(svg, w, h, m, x0, x1, y0, y1, sx, sy, left) {
    const x = left === undefined ? m : left;
    svgEl(svg, "line", { class: "axis", x1: x, y1: h - m, x2: w - m / 2, y2: h - m });
    svgEl(svg, "line", { class: "axis", x1: x, y1: m / 2, x2: x, y2: h - m });
    for (let i = 0; i <= 4; i++) {
      const dv = x0 + (x1 - x0) * i / 4;
      svgEl(svg, "text", { class: "tick", x: sx(dv), y: h - m + 14, "text-anchor": "middle" }, isoOf(Math.round(dv)));
      if (y0 !== null) {
        const vv = y0 + (y1 - y0) * i / 4;
        svgEl(svg, "text", { class: "tick", x: m - 4, y: sy(vv) + 4, "text-anchor": "end" }, fmt(vv));
      }
    }
  }

  /* -- claims ----------------------------------------------------------------------------- */

  function claims(data) {
    const sections = document.querySelectorAll(".series");
    for (const sec of sections) {
      const series = data.items[Number(sec.dataset.index)];
      const svg = sec.querySelector("svg");
      if (series && svg) claimChart(svg, series);
    }
  }

  function claimChart(svg, series) {
    const [w, h] = size(svg, 240);
    const m = 48;
    const pts = series.points.filter((p) => p.day && dayNumber(p.day) !== null);
    if (!pts.length) { svgEl(svg, "text", { class: "tick", x: 20, y: 30 }, "No dated figure in this series."); return; }
    const vals = [];
    for (const p of pts) for (const v of [p.value, p.low, p.high]) if (typeof v === "number") vals.push(v);
    if (!vals.length) return;
    const days = pts.map((p) => dayNumber(p.day));
    let x0 = Math.min(...days), x1 = Math.max(...days);
    if (x0 === x1) { x0 -= 3; x1 += 3; }
    let y0 = Math.min(0, ...vals), y1 = Math.max(...vals) * 1.15 || 1;
    const sx = scale(x0, x1, m + 10, w - m), sy = scale(y0, y1, h - m, m / 2);
    axes(svg, w, h, m, x0, x1, y0, y1, sx, sy);
    const sources = new Map();
    const pos = new Map();
    const perDay = new Map();
    for (const p of pts) {
      const who = (p.source_text || p.outlet || p.article_id).toLowerCase();
      if (!sources.has(who)) sources.set(who, sources.size % 8);
      const day = dayNumber(p.day);
      const n = perDay.get(day) || 0;
      perDay.set(day, n + 1);
      const x = sx(day) + (n % 5) * 7 - 14 * (n % 5 > 0 ? 0.5 : 0);
      const v = typeof p.value === "number" ? p.value : (p.low + p.high) / 2;
      const cls = "c" + sources.get(who);
      // bounds: ranges, "about", at least / at most drawn as bars to the chart's edge
      let lo = null, hi = null;
      if (typeof p.low === "number" && typeof p.high === "number") { lo = p.low; hi = p.high; }
      else if (p.qualifier === "about") { lo = v * 0.9; hi = v * 1.1; }
      else if (p.qualifier === "at_least" || p.qualifier === "over") { lo = v; hi = y1; }
      else if (p.qualifier === "at_most" || p.qualifier === "under") { lo = y0; hi = v; }
      if (lo !== null) svgEl(svg, "line", { class: "bound " + cls, x1: x, x2: x, y1: sy(lo), y2: sy(hi) });
      const mark = svgEl(svg, "circle", { class: "mark " + cls, cx: x, cy: sy(v), r: 5, "data-key": p.key });
      svgEl(mark, "title", {}, `${p.day}: ${p.text} (${p.qualifier}, ${p.modality}) — ${p.source_text || p.outlet || "the article"}`);
      pos.set(p.key, [x, sy(v)]);
    }
    for (const c of series.contradictions) {
      const a = pos.get(c.a), b = pos.get(c.b);
      if (!a || !b) continue;
      svgEl(svg, "line", { class: "contra-line", x1: a[0], y1: a[1], x2: b[0], y2: b[1] });
      for (const [x, y] of [a, b]) svgEl(svg, "circle", { class: "contra", cx: x, cy: y, r: 9 });
    }
  }

  /* -- timeline --------------------------------------------------------------------------- */

  function timeline(data) {
    const svg = document.getElementById("timeline");
    if (!svg) return;
    const [w, h] = size(svg, 240);
    const m = 48;
    const evs = data.items.filter((e) => e.date && dayNumber(e.date) !== null);
    if (!evs.length) { svgEl(svg, "text", { class: "tick", x: 20, y: 30 }, "No dated event."); return; }
    const types = Array.from(new Set(evs.map((e) => e.type))).sort();
    const days = evs.map((e) => dayNumber(e.date));
    let x0 = Math.min(...days), x1 = Math.max(...days);
    if (x0 === x1) { x0 -= 3; x1 += 3; }
    const sx = scale(x0, x1, m + 70, w - m);
    const row = (h - m - 10) / Math.max(types.length, 1);
    axes(svg, w, h, m, x0, x1, null, null, sx, null, m + 50);
    types.forEach((t, i) => svgEl(svg, "text", { class: "tick", x: 4, y: 10 + row * i + row / 2 + 4 }, t));
    const stack = new Map();
    for (const e of evs) {
      const i = types.indexOf(e.type);
      const key = e.date + "/" + e.type;
      const n = stack.get(key) || 0;
      stack.set(key, n + 1);
      const dot = svgEl(svg, "circle", { class: "ev t-" + e.type, cx: sx(dayNumber(e.date)) + (n % 6) * 4, cy: 10 + row * i + row / 2, r: 5 });
      const who = (e.actors || []).map((p) => p.text).join(", ");
      const whom = (e.targets || []).map((p) => p.text).join(", ");
      svgEl(dot, "title", {}, `${e.date} ${e.type}: ${who} ${e.trigger} ${whom} — ${e.article_title || e.article_id}`);
    }
  }

  /* -- actor graph ------------------------------------------------------------------------ */

  function graph(data) {
    const svg = document.getElementById("graph");
    if (!svg) return;
    const [w, h] = size(svg, 500);
    const nodes = data.nodes.slice(0, 60);
    if (!nodes.length) { svgEl(svg, "text", { class: "tick", x: 20, y: 30 }, "No event with both an actor and a target."); return; }
    const defs = svgEl(svg, "defs");
    const marker = svgEl(defs, "marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    svgEl(marker, "path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8795a7" });
    const cx = w / 2, cy = h / 2, rad = Math.min(w, h) / 2 - 70;
    const at = new Map();
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      at.set(n.id, [cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
    });
    for (const e of data.edges) {
      const a = at.get(e.source), b = at.get(e.target);
      if (!a || !b) continue;
      const line = svgEl(svg, "line", { class: "edge", x1: a[0], y1: a[1], x2: b[0], y2: b[1], "stroke-width": Math.min(1 + e.events, 6), "marker-end": "url(#arrow)" });
      svgEl(line, "title", {}, `${e.source_name} → ${e.target_name}: ${e.type} (${e.events})`);
    }
    const maxN = Math.max(...nodes.map((n) => n.events));
    for (const n of nodes) {
      const [x, y] = at.get(n.id);
      const c = svgEl(svg, "circle", { class: "node", cx: x, cy: y, r: 5 + 9 * Math.sqrt(n.events / maxN), "data-name": n.name });
      svgEl(c, "title", {}, `${n.name} (${n.type}): ${n.events} event links`);
      svgEl(svg, "text", { class: "node-label", x: x + (x >= cx ? 12 : -12), y: y + 4, "text-anchor": x >= cx ? "start" : "end" }, n.name);
    }
  }

  /* -- map -------------------------------------------------------------------------------- */

  function map(data) {
    const svg = document.getElementById("map");
    if (!svg) return;
    const W = 1000, H = 500;
    const px = (lon) => ((lon + 180) / 360) * W, py = (lat) => ((90 - lat) / 180) * H;
    svgEl(svg, "rect", { class: "ocean", x: 0, y: 0, width: W, height: H });
    const land = svgEl(svg, "g", { class: "countries" });
    const marks = svgEl(svg, "g", { class: "places" });
    for (const p of data.items) {
      const g = svgEl(marks, "g", { class: "place-mark", "data-name": p.name });
      const dot = svgEl(g, "circle", { class: "place", cx: px(p.lon), cy: py(p.lat), r: 3 + Math.min(5, Math.sqrt(p.articles)) });
      svgEl(dot, "title", {}, `${p.name} (${p.type}) ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)} · ${p.articles} article(s)`);
      svgEl(g, "text", { class: "place-label", x: px(p.lon) + 7, y: py(p.lat) + 4 }, p.name);
    }
    fetch("/api/countries").then((r) => r.json()).then((world) => {
      for (const f of world.features) {
        let d = "";
        for (const poly of f.polygons) {
          for (const ring of poly) {
            // a ring that crosses the antimeridian is broken there, not drawn across the map
            let prev = null;
            for (const [lon, lat] of ring) {
              d += (prev === null || Math.abs(lon - prev) > 180 ? "M" : "L") + px(lon).toFixed(1) + " " + py(lat).toFixed(1);
              prev = lon;
            }
            d += "Z";
          }
        }
        const path = svgEl(land, "path", { class: "country", d: d });
        if (f.name) svgEl(path, "title", {}, f.name);
      }
      svg.dataset.countries = String(world.features.length);
    }).catch(() => { svg.dataset.countries = "0"; });
  }

  /* -- entity: roles over time ------------------------------------------------------------ */

  function roles(data) {
    const svg = document.getElementById("roles-chart");
    if (!svg) return;
    const dated = data.roles.filter((r) => r.published && dayNumber(r.published) !== null);
    if (!dated.length) { svg.setAttribute("hidden", ""); return; }
    const [w, h] = size(svg, 160);
    const m = 48;
    const titles = Array.from(new Set(dated.map((r) => r.title + (r.org ? " of " + r.org : "")))).sort();
    const days = dated.map((r) => dayNumber(r.published));
    let x0 = Math.min(...days), x1 = Math.max(...days);
    if (x0 === x1) { x0 -= 3; x1 += 3; }
    const sx = scale(x0, x1, m + 140, w - m);
    const row = (h - m - 10) / titles.length;
    axes(svg, w, h, m, x0, x1, null, null, sx, null, m + 120);
    titles.forEach((t, i) => svgEl(svg, "text", { class: "tick", x: 4, y: 10 + row * i + row / 2 + 4 }, t));
    for (const r of dated) {
      const i = titles.indexOf(r.title + (r.org ? " of " + r.org : ""));
      const dot = svgEl(svg, "circle", { class: "ev", cx: sx(dayNumber(r.published)), cy: 10 + row * i + row / 2, r: 5 });
      svgEl(dot, "title", {}, `${r.published}: ${r.title}`);
    }
  }

  /* -- API docs ----------------------------------------------------------------------------- */

  function docs(data) {
    if (data && data.swagger && window.SwaggerUIBundle) {
      window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger" });
      return;
    }
    fetch("/openapi.json").then((r) => r.json()).then((spec) => {
      const list = document.getElementById("api-list");
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const p = document.createElement("p");
          const code = document.createElement("code");
          code.textContent = method.toUpperCase() + " " + path;
          p.appendChild(code);
          p.appendChild(document.createTextNode(" " + (op.summary || "") + " — " + (op.description || "")));
          list.appendChild(p);
        }
      }
    });
  }

  const PAGES = { article, claims, events: timeline, graph, map, entity: roles, docs };
  document.addEventListener("DOMContentLoaded", () => {
    const run = PAGES[document.body.dataset.page];
    if (!run) return;
    try { run(pageData()); } catch (err) { console.error(err); }
    document.body.dataset.ready = "1";
  });
  // pages without a drawing are ready at once
  document.addEventListener("DOMContentLoaded", () => { document.body.dataset.ready = "1"; });
})();
