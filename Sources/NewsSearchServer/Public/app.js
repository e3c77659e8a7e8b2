// The newssearch search page. All data text goes into the page with textContent or
// createTextNode, never as HTML; the Content-Security-Policy allows only this file.
"use strict";

const $ = (id) => document.getElementById(id);
const FILTER_KEYS = ["since", "until", "source", "category", "sort", "any"];
const PAGE_SIZE = 10;
const SVG = "http://www.w3.org/2000/svg";
let selected = -1;
let lastTimelineRequest = 0;

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// The page's state is its URL: /?q=...&since=...&offset=...&article=ID
function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "", offset: Number(params.get("offset") || 0) || 0, article: params.get("article") || "" };
  for (const key of FILTER_KEYS) state[key] = params.get(key) || "";
  return state;
}

function stateURL(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of FILTER_KEYS) if (state[key] && !(key === "sort" && state[key] === "relevance")) params.set(key, state[key]);
  if (state.offset) params.set("offset", String(state.offset));
  if (state.article) params.set("article", state.article);
  const text = params.toString();
  return text ? "/?" + text : "/";
}

function navigate(state, replace = false) {
  const url = stateURL(state);
  if (replace) history.replaceState(null, "", url); else history.pushState({ fromPage: true }, "", url);
  render();
}

function formState() {
  return {
    q: $("q").value.trim(), offset: 0, article: "",
    since: $("since").value.trim(), until: $("until").value.trim(),
    source: $("source").value.trim(), category: $("category").value.trim(),
    sort: $("sort").value, any: $("any").checked ? "1" : "",
  };
}

function fillForm(state) {
  $("q").value = state.q;
  for (const key of ["since", "until", "source", "category"]) $(key).value = state[key];
  $("sort").value = state.sort || "relevance";
  $("any").checked = state.any === "1";
}

function apiQuery(state, extra = {}) {
  const params = new URLSearchParams();
  params.set("q", state.q);
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error : "the server answered " + response.status;
    const error = new Error(message);
    error.position = body ? body.position : undefined;
    throw error;
  }
  return body;
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

// Snippet highlights are [start, end) UTF-8 byte offsets into the text.
function highlighted(text, ranges) {
  const fragment = document.createDocumentFragment();
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at || end > bytes.length || end <= start) continue;
    if (start > at) fragment.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, start))));
    fragment.appendChild(el("mark", {}, decoder.decode(bytes.subarray(start, end))));
    at = end;
  }
  if (at < bytes.length) fragment.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at))));
  return fragment;
}

function metaLine(article) {
  const parts = [];
  if (article.source) parts.push(article.source);
  if (article.category) parts.push(article.category);
  const date = article.date ? String(article.date).slice(0, 10) : article.date_text;
  if (date) parts.push(date);
  if (article.author) parts.push(article.author);
  return parts.join(" · ");
}

function renderHit(hit, state) {
  const item = el("li", { class: "hit" });
  const link = el("a", { class: "title", href: stateURL({ ...state, article: String(hit.article.id) }) });
  link.textContent = hit.article.title || "(untitled)";
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate({ ...state, article: String(hit.article.id) });
  });
  const heading = el("h2", { class: "hit-title" });
  heading.style.fontSize = "inherit";
  heading.style.margin = "0";
  heading.appendChild(link);
  if (hit.section && hit.section.heading) heading.appendChild(el("span", { class: "heading" }, " › " + hit.section.heading));
  item.appendChild(heading);
  const meta = [metaLine(hit.article)];
  if (hit.matching_sections > 1) meta.push(hit.matching_sections + " matching sections");
  item.appendChild(el("p", { class: "meta" }, meta.filter(Boolean).join(" · ")));
  if (hit.snippet) {
    const snippet = el("p", { class: "snippet" });
    snippet.appendChild(highlighted(hit.snippet.text, hit.snippet.highlights));
    item.appendChild(snippet);
  }
  return item;
}

function renderFacets(facets, state) {
  const aside = $("facets");
  aside.replaceChildren();
  const names = Object.keys(facets || {}).filter((name) => (facets[name] || []).length > 0);
  aside.hidden = names.length === 0;
  for (const name of names) {
    aside.appendChild(el("h2", {}, name));
    const list = el("ul");
    for (const { value, count } of facets[name]) {
      const button = el("button", { type: "button", "aria-label": name + " " + value + ": " + count + " articles" });
      button.appendChild(el("span", {}, value));
      button.appendChild(el("span", { class: "count" }, count));
      button.addEventListener("click", () => navigate(facetState(state, name, String(value))));
      const row = el("li");
      row.appendChild(button);
      list.appendChild(row);
    }
    aside.appendChild(list);
    const datalist = $(name + "-values");
    if (datalist) datalist.replaceChildren(...facets[name].map(({ value }) => el("option", { value: String(value) })));
  }
}

function facetState(state, name, value) {
  const next = { ...state, offset: 0, article: "" };
  if (name === "year" || name === "month") { next.since = value; next.until = value; }
  else next[name] = value;
  return next;
}

async function renderTimeline(state) {
  const request = ++lastTimelineRequest;
  const figure = $("timeline");
  let data;
  try {
    data = await getJSON("/api/timeline?" + apiQuery(state, { by: "month" }));
    if (data.buckets.length > 48) data = await getJSON("/api/timeline?" + apiQuery(state, { by: "year" }));
  } catch (_) { figure.hidden = true; return; }
  if (request !== lastTimelineRequest) return;
  const buckets = data.buckets || [];
  if (buckets.length < 2) { figure.hidden = true; return; }
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = 600, height = 110, base = 92, step = width / buckets.length;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Matching articles per " + data.by);
  buckets.forEach((bucket, index) => {
    const barHeight = Math.max(bucket.count ? 2 : 0, (bucket.count / max) * (base - 6));
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("class", "bar");
    rect.setAttribute("x", String(index * step + step * 0.1));
    rect.setAttribute("y", String(base - barHeight));
    rect.setAttribute("width", String(Math.max(1, step * 0.8)));
    rect.setAttribute("height", String(barHeight));
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("aria-label", bucket.period + ": " + bucket.count + " articles");
    const title = document.createElementNS(SVG, "title");
    title.textContent = bucket.period + ": " + bucket.count;
    rect.appendChild(title);
    const choose = () => navigate({ ...state, since: bucket.period, until: bucket.period, offset: 0, article: "" });
    rect.addEventListener("click", choose);
    rect.addEventListener("keydown", (event) => { if (event.key === "Enter") choose(); });
    svg.appendChild(rect);
  });
  for (const index of [0, buckets.length - 1]) {
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", String(index === 0 ? 0 : width));
    label.setAttribute("y", String(height - 4));
    label.setAttribute("text-anchor", index === 0 ? "start" : "end");
    label.textContent = buckets[index].period;
    svg.appendChild(label);
  }
  $("timeline-chart").replaceChildren(svg);
  const undated = data.undated ? " (" + data.undated + " without a date)" : "";
  $("timeline-caption").textContent = "Matching articles per " + data.by + undated + " — click a bar to narrow the dates";
  figure.hidden = false;
}

async function renderResults(state) {
  $("article-view").hidden = true;
  $("results-view").hidden = false;
  const hits = $("hits");
  if (!state.q) {
    hits.replaceChildren();
    $("pager").hidden = true; $("facets").hidden = true; $("timeline").hidden = true;
    setStatus("Type a query and press Enter. Press / to focus the search box.");
    return;
  }
  setStatus("Searching…");
  let data;
  try {
    data = await getJSON("/api/search?" + apiQuery(state, { limit: String(PAGE_SIZE), offset: String(state.offset), facets: "source,category,year" }));
  } catch (error) {
    hits.replaceChildren();
    $("pager").hidden = true; $("facets").hidden = true; $("timeline").hidden = true;
    setStatus(error.message, true);
    if (error.position) { $("q").focus(); $("q").setSelectionRange(error.position - 1, error.position); }
    return;
  }
  const summary = data.summary;
  hits.replaceChildren(...data.hits.map((hit) => renderHit(hit, state)));
  selected = -1;
  const first = summary.total === 0 ? 0 : state.offset + 1;
  const ms = summary.elapsed_ms !== undefined ? " in " + summary.elapsed_ms.toFixed(1) + " ms" : "";
  setStatus(summary.total === 0 ? "No articles match." :
    `${first}–${state.offset + summary.returned} of ${summary.total} matching articles${ms}` +
    (summary.expansion && summary.expansion.length ? " · also searched for: " + summary.expansion.join(", ") : ""));
  $("pager").hidden = summary.total <= PAGE_SIZE;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = state.offset + PAGE_SIZE >= summary.total;
  $("page-info").textContent = "page " + (Math.floor(state.offset / PAGE_SIZE) + 1) + " of " + Math.ceil(summary.total / PAGE_SIZE);
  renderFacets(summary.facets, state);
  renderTimeline(state);
}

function articleSections(data) {
  const article = data.article || data;
  return { article, sections: article.sections || [], related: article.related || [] };
}

async function renderArticle(state) {
  $("results-view").hidden = true;
  setStatus("");
  const view = $("article-view");
  view.hidden = false;
  $("article-title").textContent = "Loading…";
  $("article-meta").textContent = "";
  $("article-body").replaceChildren();
  let data;
  try {
    data = await getJSON("/api/articles/" + encodeURIComponent(state.article) + (state.q ? "?q=" + encodeURIComponent(state.q) : ""));
  } catch (error) {
    $("article-title").textContent = "This article cannot be shown";
    $("article-meta").textContent = error.message;
    return;
  }
  const { article, sections, related } = articleSections(data);
  $("article-title").textContent = article.title || "(untitled)";
  $("article-meta").textContent = [metaLine(article), article.path].filter(Boolean).join(" · ");
  const body = $("article-body");
  for (const section of sections) {
    if (section.heading) body.appendChild(el("h2", {}, section.heading));
    const paragraphs = highlightedParagraphs(section.text || "", section.highlights);
    for (const paragraph of paragraphs) body.appendChild(paragraph);
  }
  if (related.length) {
    const box = el("section", { class: "related", "aria-label": "Related articles" });
    box.appendChild(el("h2", {}, "Related"));
    for (const item of related) box.appendChild(el("p", {}, item.title + (item.teaser ? " — " + item.teaser : "")));
    body.appendChild(box);
  }
  $("back").focus();
}

// A section's text as paragraphs (one per line), with its highlight byte ranges kept.
function highlightedParagraphs(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const result = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    const line = new TextDecoder().decode(bytes.subarray(start, end));
    if (line.trim()) {
      const local = (ranges || []).filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start]);
      const p = el("p");
      p.appendChild(highlighted(line, local));
      result.push(p);
    }
    start = end + 1;
  }
  return result;
}

function render() {
  const state = readState();
  fillForm(state);
  document.title = state.q ? state.q + " — newssearch" : "newssearch";
  if (state.article) renderArticle(state); else renderResults(state);
}

function moveSelection(delta) {
  const links = [...document.querySelectorAll("#hits a.title")];
  if (!links.length) return;
  selected = Math.max(0, Math.min(links.length - 1, selected + delta));
  links[selected].focus();
}

document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (event.key === "/" && !typing) { event.preventDefault(); $("q").focus(); $("q").select(); return; }
  if (event.key === "Escape" && !$("article-view").hidden) { history.back(); return; }
  if (!$("results-view").hidden && (!typing || document.activeElement === $("q"))) {
    if (event.key === "ArrowDown") { event.preventDefault(); moveSelection(1); }
    else if (event.key === "ArrowUp" && selected > 0) { event.preventDefault(); moveSelection(-1); }
  }
});

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); navigate(formState()); });
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); navigate(formState()); });
  $("sort").addEventListener("change", () => navigate(formState()));
  $("any").addEventListener("change", () => navigate(formState()));
  $("clear-filters").addEventListener("click", () => navigate({ q: $("q").value.trim(), offset: 0, article: "" }));
  $("help-toggle").addEventListener("click", () => {
    const open = $("help").hidden;
    $("help").hidden = !open;
    $("help-toggle").setAttribute("aria-expanded", String(open));
  });
  $("prev").addEventListener("click", () => { const s = readState(); navigate({ ...s, offset: Math.max(0, s.offset - PAGE_SIZE) }); });
  $("next").addEventListener("click", () => { const s = readState(); navigate({ ...s, offset: s.offset + PAGE_SIZE }); });
  $("back").addEventListener("click", () => {
    if (history.state && history.state.fromPage) history.back();
    else navigate({ ...readState(), article: "" });
  });
  window.addEventListener("popstate", render);
  render();
});
