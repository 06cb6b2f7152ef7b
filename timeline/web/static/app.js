/* The timeline web view: the events of #timeline-data on a vis-timeline, filtered in the page.
 *
 * Every string from the data reaches the page through textContent or an attribute, never
 * innerHTML: an article's text is text. The filters live in the URL's query string, so a view can
 * be shared and reloaded as it is. */
(function () {
  "use strict";

  const began = performance.now();
  const DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  const phases = { script: began, parsed: performance.now() }; // ms since navigation start
  const VAGUE = new Set(["month", "quarter", "season", "half", "year"]);
  const STYLE = {
    occurred: "st-solid", ongoing: "st-solid",
    planned: "st-hollow", expected: "st-hollow", possible: "st-hollow",
    cancelled: "st-struck", denied: "st-struck",
  };
  const STATUS_ORDER = ["occurred", "ongoing", "planned", "expected", "possible", "cancelled", "denied", "unknown"];
  const FIELDS = ["from", "to", "actor", "kind", "status", "place", "q", "lanes"];
  const NO_LANE = { kind: "(no kind)", actor: "(no actor)", place: "(no place)" };
  const DAY_MS = 24 * 3600 * 1000;
  const PARK_START = new Date(9000, 0, 1), PARK_END = new Date(9000, 0, 10); // no event lies there

  const view = {
    timeline: null, ready: false, busy: false, shownEvents: 0, shownItems: 0,
    firstRenderMs: null, readyMs: null, lastFilterMs: null, phases: null,
  };
  window.timelineView = view;

  /* ---------------------------------------------------------------- helpers */

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function day(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    const date = new Date(0);
    date.setFullYear(y, m - 1, d); // years before 100 too, which new Date(y, …) would shift
    date.setHours(0, 0, 0, 0);
    return date;
  }

  function dayAfter(iso) {
    const date = day(iso);
    date.setDate(date.getDate() + 1);
    return date;
  }

  function pad(n, width) { return String(n).padStart(width, "0"); }

  /** YYYY, YYYY-MM or YYYY-MM-DD as [first, last] ISO days, as the command line reads them. */
  function period(text) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return null;
    const y = Number(m[1]);
    if (!m[2]) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const last = month === 2 ? (isLeap(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (!m[3]) return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(last, 2)}`];
    const d = Number(m[3]);
    if (d < 1 || d > last) return null;
    return [`${m[1]}-${m[2]}-${m[3]}`, `${m[1]}-${m[2]}-${m[3]}`];
  }

  function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

  function fold(text) { return text.toLocaleLowerCase("ru").replace(/ё/g, "е"); }

  function compare(a, b) { return a.localeCompare(b, "ru"); }

  /* ---------------------------------------------------------------- the data */

  const events = DATA.items;
  const byId = new Map();
  for (const e of events) {
    byId.set(e.id, e);
    e.hay = fold([e.title, e.text, e.place || "", e.all_actors.join(" "), e.date_text || ""].join(" \u0001 "));
  }
  const dated = events.filter((e) => e.start && e.end);
  const undated = events.length - dated.length;

  function lanesOf(e, by) {
    if (by === "actor") return e.actors.length ? e.actors : [NO_LANE.actor];
    if (by === "place") return [e.place || NO_LANE.place];
    return [e.kind || NO_LANE.kind];
  }

  function classes(e) {
    const names = ["tl", STYLE[e.status] || "st-unknown"];
    if (VAGUE.has(e.precision)) names.push("vague");
    if (e.modifier === "before") names.push("deadline");
    else if (e.modifier === "after") names.push("after");
    return names.join(" ");
  }

  function whenText(e) {
    if (!e.start) return "no date";
    const span = e.start === e.end ? e.start : `${e.start} – ${e.end}`;
    if (e.modifier === "before") return `by ${e.end} (from ${e.start})`;
    if (e.modifier === "after") return `after ${e.start}`;
    return e.modifier ? `${e.modifier} of ${span}` : span;
  }

  /* ---------------------------------------------------------------- state and the URL */

  const form = document.getElementById("filters");
  const inputs = {};
  for (const name of FIELDS) inputs[name] = form.elements.namedItem(name);

  function fillSelect(select, values) {
    for (const value of values) {
      const option = el("option", null, value);
      option.value = value;
      select.appendChild(option);
    }
  }

  function distinct(pick) {
    const seen = new Set();
    for (const e of events) for (const v of pick(e)) if (v) seen.add(v);
    return [...seen];
  }

  fillSelect(inputs.kind, distinct((e) => [e.kind]).sort(compare));
  const statuses = distinct((e) => [e.status]);
  fillSelect(inputs.status, STATUS_ORDER.filter((s) => statuses.includes(s))
    .concat(statuses.filter((s) => !STATUS_ORDER.includes(s)).sort(compare)));
  fillSelect(inputs.place, distinct((e) => [e.place]).sort(compare));
  fillSelect(inputs.actor, distinct((e) => e.all_actors).sort(compare));

  function setField(name, value) {
    const input = inputs[name];
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      // A shared link may name a value this database lacks: keep it, so the view says "0 events".
      fillSelect(input, [value]);
    }
    input.value = value;
  }

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FIELDS) setField(name, params.get(name) || (name === "lanes" ? "kind" : ""));
    const picked = Number(params.get("event"));
    return Number.isInteger(picked) && picked > 0 ? picked : null;
  }

  let openEvent = null;

  function writeUrl() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = inputs[name].value.trim();
      if (value && !(name === "lanes" && value === "kind")) params.set(name, value);
    }
    if (openEvent !== null) params.set("event", String(openEvent));
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (_) {
      // Some browsers refuse replaceState on file:// pages; the view still works.
    }
  }

  /* ---------------------------------------------------------------- filtering */

  function windowOf() {
    const bounds = { from: null, to: null };
    for (const name of ["from", "to"]) {
      const text = inputs[name].value.trim();
      const parsed = text ? period(text) : null;
      inputs[name].setAttribute("aria-invalid", text && !parsed ? "true" : "false");
      if (parsed) bounds[name] = name === "from" ? parsed[0] : parsed[1];
    }
    return bounds;
  }

  let searchIds = { words: "", ids: null };

  /** The server's lemma index finds any form of a word («переговорам»); the page alone, substrings. */
  async function serverMatches(words) {
    if (!DATA.api || !words) return null;
    if (searchIds.words === words) return searchIds.ids;
    try {
      const response = await fetch(`api/ids?search=${encodeURIComponent(words)}`);
      const ids = response.ok ? new Set((await response.json()).ids) : null;
      searchIds = { words, ids };
      return ids;
    } catch (_) {
      return null;
    }
  }

  async function matcher() {
    const { from, to } = windowOf();
    const actor = inputs.actor.value, kind = inputs.kind.value, status = inputs.status.value;
    const place = inputs.place.value, words = inputs.q.value.trim();
    const terms = fold(words).split(/\s+/).filter(Boolean);
    const found = await serverMatches(words);
    return (e) => (
      (!from || e.end >= from) && (!to || e.start <= to)
      && (!actor || e.all_actors.includes(actor)) && (!kind || e.kind === kind)
      && (!status || e.status === status) && (!place || e.place === place)
      && (!terms.length || terms.every((t) => e.hay.includes(t)) || (found !== null && found.has(e.id)))
    );
  }

  /* ---------------------------------------------------------------- the timeline */

  const items = new vis.DataSet();
  const groups = new vis.DataSet();
  let shown = new Set(dated.map((e) => e.id));
  let visibleLanes = new Set();
  const itemsView = new vis.DataView(items, { filter: (item) => shown.has(item.event) });
  const groupsView = new vis.DataView(groups, { filter: (group) => visibleLanes.has(group.id) });
  let laneMode = null;
  let laneOfItem = new Map();

  function buildLanes(by) {
    const lanes = new Map(); // name → {id, first}
    const rows = [];
    for (const e of dated) {
      for (const name of lanesOf(e, by)) {
        let lane = lanes.get(name);
        if (!lane) {
          lane = { name, first: e.start, id: lanes.size + 1 };
          lanes.set(name, lane);
        } else if (e.start < lane.first) {
          lane.first = e.start;
        }
        rows.push({
          id: `${e.id}:${lane.id}`, event: e.id, group: lane.id, className: classes(e), start: day(e.start),
          // A single day is a point, its title beside it; anything longer a bar from start to end.
          ...(e.start === e.end && !e.modifier ? { type: "point" } : { type: "range", end: dayAfter(e.end) }),
        });
      }
    }
    // Earliest lane first, top to bottom (as `timeline plot` orders its rows).
    const ordered = [...lanes.values()].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : compare(a.name, b.name)));
    groups.clear();
    groups.add(ordered.map((lane, i) => {
      const label = el("span", "tl-lane", lane.name);
      label.title = lane.name;
      label.dataset.lane = String(i);
      return { id: lane.id, content: label, order: i, name: lane.name };
    }));
    items.clear();
    items.add(rows);
    laneOfItem = new Map(rows.map((r) => [r.id, r.group]));
    laneMode = by;
  }

  function template(item) {
    const e = byId.get(item.event);
    const label = el("span", "tl-title", e.title);
    label.dataset.event = String(e.id);
    label.title = `${e.title}\n${whenText(e)} · ${e.kind} · ${e.status}`;
    return label;
  }

  function height() {
    const box = document.getElementById("timeline").getBoundingClientRect();
    return Math.max(200, Math.floor(window.innerHeight - box.top - document.getElementById("legend").offsetHeight));
  }

  const container = document.getElementById("timeline");
  let pending = null; // resolves at the redraw after a change, for timing and for tests

  function whenDrawn() {
    return new Promise((resolve) => { pending = resolve; });
  }

  /** Change the items with the window parked where none lie. vis-timeline draws and measures each
   * item added inside the window at once, one reflow apiece: 10,000 items took 25 s that way, and
   * take 0.2 s drawn together by the redraw after. */
  function parked(change) {
    const timeline = view.timeline;
    const shownWindow = timeline.getWindow();
    timeline.setWindow(PARK_START, PARK_END, { animation: false });
    try {
      change();
    } finally {
      timeline.setWindow(shownWindow.start, shownWindow.end, { animation: false });
    }
  }

  function setWindowFromFilters() {
    const { from, to } = windowOf();
    if (from || to) {
      const ids = [...shown];
      const starts = ids.map((id) => byId.get(id).start).sort();
      const ends = ids.map((id) => byId.get(id).end).sort();
      const first = from || starts[0] || to;
      const last = to || ends[ends.length - 1] || from;
      view.timeline.setWindow(day(first), dayAfter(last), { animation: false });
    } else if (shown.size) {
      view.timeline.fit({ animation: false });
    }
  }

  function updateCount() {
    const count = document.getElementById("count");
    const note = undated ? `; ${undated} undated event${undated === 1 ? "" : "s"} not on the timeline` : "";
    count.textContent = `${view.shownEvents} of ${dated.length} dated event${dated.length === 1 ? "" : "s"} shown${note}`;
  }

  let generation = 0;

  async function apply(options) {
    const started = performance.now();
    const mine = ++generation;
    view.busy = true;
    document.body.dataset.busy = "1";
    if (laneMode !== inputs.lanes.value) parked(() => buildLanes(inputs.lanes.value || "kind"));
    const keep = await matcher();
    if (mine !== generation) return; // a newer change overtook this one
    shown = new Set(dated.filter(keep).map((e) => e.id));
    visibleLanes = new Set();
    items.forEach((item) => { if (shown.has(item.event)) visibleLanes.add(item.group); });
    view.shownEvents = shown.size;
    view.shownItems = [...laneOfItem.keys()].filter((id) => shown.has(Number(id.split(":")[0]))).length;
    const drawn = whenDrawn();
    parked(() => {
      groupsView.refresh();
      itemsView.refresh();
    });
    if (!options || options.moveWindow !== false) setWindowFromFilters();
    view.timeline.redraw();
    updateCount();
    writeUrl();
    await drawn;
    if (mine !== generation) return;
    view.lastFilterMs = performance.now() - started;
    view.busy = false;
    document.body.dataset.busy = "0";
  }

  /* ---------------------------------------------------------------- the side panel */

  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");

  async function detail(id) {
    if (DATA.details) return DATA.details[String(id)] || null;
    const response = await fetch(`api/events/${encodeURIComponent(String(id))}`);
    return response.ok ? response.json() : null;
  }

  function field(list, name, value) {
    if (value === null || value === undefined || value === "") return;
    list.appendChild(el("dt", null, name));
    list.appendChild(el("dd", null, value));
  }

  function sourceLink(citation) {
    const where = el("div", "where");
    const source = citation.source || `article ${citation.article}`;
    if (citation.url && /^https?:\/\//i.test(citation.url)) {
      const link = el("a", null, source);
      link.href = citation.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      where.appendChild(link);
    } else {
      where.textContent = source;
    }
    return where;
  }

  function renderPanel(d) {
    panelBody.replaceChildren();
    if (!d) {
      panelBody.appendChild(el("p", null, "This event is no longer in the database."));
      return;
    }
    panelBody.appendChild(el("h2", "title", d.title));
    const list = el("dl", "fields");
    field(list, "id", d.id);
    field(list, "kind", d.kind);
    field(list, "status", d.status);
    field(list, "when", whenText(d));
    field(list, "precision", d.precision);
    field(list, "modifier", d.modifier);
    field(list, "date text", d.date_text);
    field(list, "place", d.place);
    field(list, "actors", d.actors.map((a) => (a.role === "participant" ? a.name : `${a.name} (${a.role})`)).join("; "));
    field(list, "count", d.count);
    field(list, "duration", d.duration);
    field(list, "confidence", d.confidence);
    field(list, "sources", d.sources);
    panelBody.appendChild(list);

    panelBody.appendChild(el("h3", null, "History"));
    const steps = el("ol", "history");
    for (const step of d.history) {
      const when = step.start ? (step.start === step.end ? step.start : `${step.start} – ${step.end}`) : "no date";
      steps.appendChild(el("li", null, `${step.published} · article ${step.article_id}: ${step.status}, ${when}`));
    }
    panelBody.appendChild(steps);

    panelBody.appendChild(el("h3", null, `Sources (${d.citations.length})`));
    for (const c of d.citations) {
      const box = el("div", "source");
      box.dataset.article = String(c.article);
      const meta = [`article ${c.article}`, c.published, c.title].filter(Boolean).join(" · ");
      box.appendChild(el("div", "meta", meta));
      box.appendChild(sourceLink(c));
      const context = el("p", "context");
      context.appendChild(document.createTextNode(c.context[0] ? `${c.context[0]}` : ""));
      context.appendChild(el("mark", null, c.context[1]));
      context.appendChild(document.createTextNode(c.context[2] || ""));
      box.appendChild(context);
      panelBody.appendChild(box);
    }
  }

  async function showEvent(id) {
    openEvent = id;
    writeUrl();
    panel.hidden = false;
    panel.dataset.event = String(id);
    panelBody.replaceChildren(el("p", null, "Loading…"));
    let d = null;
    try {
      d = await detail(id);
    } catch (_) {
      d = null;
    }
    if (openEvent === id) renderPanel(d);
  }

  function closePanel() {
    openEvent = null;
    panel.hidden = true;
    delete panel.dataset.event;
    if (view.timeline) view.timeline.setSelection([]);
    writeUrl();
  }

  /* ---------------------------------------------------------------- start */

  function start() {
    const picked = readUrl();
    phases.indexed = performance.now();
    buildLanes(inputs.lanes.value || "kind");
    phases.lanes = performance.now();
    const options = {
      stack: true,
      maxHeight: height(),
      minHeight: 200,
      orientation: { axis: "top", item: "top" },
      groupOrder: "order",
      selectable: true,
      showTooltips: false,
      template,
      margin: { item: { horizontal: 2, vertical: 3 }, axis: 4 },
      zoomMin: DAY_MS * 2,
      zoomMax: DAY_MS * 366 * 300,
      verticalScroll: true,
    };
    view.timeline = new vis.Timeline(container, itemsView, groupsView, options);
    phases.timeline = performance.now();
    view.timeline.on("changed", () => {
      if (view.firstRenderMs === null) view.firstRenderMs = performance.now();
      if (pending) {
        const resolve = pending;
        pending = null;
        resolve();
      }
    });
    view.timeline.on("select", (props) => {
      if (props.items.length) showEvent(Number(String(props.items[0]).split(":")[0]));
    });
    document.getElementById("panel-close").addEventListener("click", closePanel);

    let typing = null;
    form.addEventListener("input", (ev) => {
      if (ev.target.tagName === "SELECT") return;
      clearTimeout(typing);
      typing = setTimeout(() => apply(), 250);
    });
    form.addEventListener("change", (ev) => {
      if (ev.target.tagName !== "SELECT") return;
      clearTimeout(typing); // what was typed goes in with this change
      apply();
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(typing); apply(); });
    document.getElementById("f-clear").addEventListener("click", () => {
      for (const name of FIELDS) setField(name, name === "lanes" ? inputs.lanes.value : "");
      apply();
    });
    window.addEventListener("resize", () => view.timeline.setOptions({ maxHeight: height() }));

    apply().then(() => {
      view.ready = true;
      view.readyMs = phases.drawn = performance.now(); // since navigation start: what the benchmark reports
      document.body.dataset.ready = "1";
      if (picked !== null && byId.has(picked)) {
        view.timeline.setSelection(dated.some((e) => e.id === picked)
          ? [...laneOfItem.keys()].filter((k) => Number(k.split(":")[0]) === picked) : []);
        showEvent(picked);
      }
    });
  }

  view.apply = apply;
  view.phases = phases;
  view.showEvent = showEvent;
  start();
})();
