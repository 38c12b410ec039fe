// The map page: filters, a timeline, a map and a list that always show the same events.
// Every string from the store is news text or an outlet's name: it goes into the page through
// textContent or attribute setters only, never innerHTML, and popups get DOM nodes, not HTML.
(function () {
  "use strict";
  var PAGE = 500;
  var FIELDS = ["since", "until", "country", "admin1", "event_type", "sub_event_type", "actor",
    "min_fatalities", "bbox", "contradictions"];
  var COLORS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#8e44ad", "Violence against civilians": "#d35400",
    "Protests": "#2471a3", "Riots": "#b7950b", "Strategic developments": "#566573"
  };
  var form = document.getElementById("filters");
  var tbody = document.querySelector("#events tbody");
  var countEl = document.getElementById("count");
  var errorEl = document.getElementById("error");
  var moreButton = document.getElementById("more");
  var state = { offset: 0, request: 0 };

  var map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5 }).setView([20, 20], 2);
  var markers = L.layerGroup().addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth");

  fetch("/static/outlines.geojson").then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data) { return; }
    L.geoJSON(data, {
      interactive: false,
      style: { color: "#8a99a6", weight: 0.7, fillColor: "#eef0e8", fillOpacity: 1, className: "country-outline" }
    }).addTo(map).bringToBack();
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function params(withDates) {
    var out = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (!withDates && (name === "since" || name === "until")) { return; }
      var input = form.elements[name];
      if (!input) { return; }
      if (input.type === "checkbox") {
        if (input.checked) { out.set(name, "true"); }
      } else if (input.value.trim() !== "") {
        out.set(name, input.value.trim());
      }
    });
    return out;
  }

  function fromLocation() {
    var query = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var input = form.elements[name];
      if (!input || !query.has(name)) { return; }
      if (input.type === "checkbox") { input.checked = query.get(name) === "true"; }
      else { input.value = query.get(name); }
    });
  }

  function fillSelect(name, values) {
    var select = form.elements[name];
    var wanted = new URLSearchParams(window.location.search).get(name) || select.value;
    values.forEach(function (value) {
      var option = el("option", value);
      option.value = value;
      select.appendChild(option);
    });
    select.value = wanted;
  }

  function actors(e) {
    return [e.actor1, e.actor2].filter(function (a) { return a; }).join(" vs ");
  }

  function place(e) {
    return [e.location, e.admin1, e.country].filter(function (a) { return a; }).join(", ");
  }

  function popup(e) {
    var box = el("div");
    var link = el("a", e.sub_event_type + (e.event_date ? ", " + e.event_date : ""));
    link.href = "/events/" + encodeURIComponent(e.event_id);
    box.appendChild(link);
    box.appendChild(el("div", actors(e)));
    box.appendChild(el("div", place(e)));
    if (e.fatalities !== null) { box.appendChild(el("div", e.fatalities + " fatalities")); }
    if (e.contradictions.length) { box.appendChild(el("div", "sources disagree: " + e.contradictions.join(", "), "flag")); }
    return box;
  }

  function row(e) {
    var tr = el("tr");
    tr.dataset.eventId = e.event_id;
    if (e.contradictions.length) { tr.className = "disputed"; }
    tr.appendChild(el("td", e.event_date || "—"));
    tr.appendChild(el("td", e.sub_event_type));
    tr.appendChild(el("td", actors(e)));
    tr.appendChild(el("td", place(e)));
    tr.appendChild(el("td", e.fatalities === null ? "" : e.fatalities, "num"));
    tr.appendChild(el("td", e.source.join("; ")));
    var open = el("td");
    var link = el("a", "dossier");
    link.href = "/events/" + encodeURIComponent(e.event_id);
    open.appendChild(link);
    if (e.contradictions.length) { open.appendChild(el("span", " !", "flag")); }
    tr.appendChild(open);
    return tr;
  }

  function addEvents(events) {
    var points = [];
    events.forEach(function (e) {
      tbody.appendChild(row(e));
      if (e.latitude === null || e.longitude === null) { return; }
      var marker = L.circleMarker([e.latitude, e.longitude], {
        radius: 5 + Math.min(10, Math.sqrt(e.fatalities || 0)), weight: 1, color: "#222",
        fillColor: COLORS[e.event_type] || "#333", fillOpacity: 0.8, className: "event-marker"
      });
      marker.bindPopup(popup(e));
      marker.addTo(markers);
      points.push([e.latitude, e.longitude]);
    });
    return points;
  }

  function showError(message) {
    errorEl.hidden = !message;
    errorEl.textContent = message || "";
  }

  function load(append) {
    var query = params(true);
    var request = ++state.request;
    if (!append) {
      state.offset = 0;
      history.replaceState(null, "", query.toString() ? "?" + query.toString() : window.location.pathname);
    }
    query.set("offset", state.offset);
    query.set("limit", PAGE);
    fetch("/api/events?" + query.toString()).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (result) {
      if (request !== state.request) { return; }
      if (!result.ok) { showError(String(result.body.detail && result.body.detail[0] && result.body.detail[0].msg || result.body.detail)); return; }
      showError("");
      var page = result.body;
      if (!append) { clear(tbody); markers.clearLayers(); }
      var points = addEvents(page.events);
      state.offset = page.offset + page.events.length;
      countEl.textContent = page.total + " event" + (page.total === 1 ? "" : "s") +
        (page.total > state.offset ? " (showing " + state.offset + ")" : "");
      moreButton.hidden = state.offset >= page.total;
      if (!append && points.length) { map.fitBounds(points, { maxZoom: 9, padding: [30, 30] }); }
      document.body.dataset.loaded = String(request);
    }).catch(function (err) { showError("Cannot load events: " + err); });
    if (!append) { loadTimeline(); }
  }

  function loadTimeline() {
    fetch("/api/timeline?" + params(false).toString()).then(function (r) { return r.ok ? r.json() : []; })
      .then(drawTimeline);
  }

  function drawTimeline(days) {
    var svg = document.getElementById("timeline");
    var ns = "http://www.w3.org/2000/svg";
    clear(svg);
    var width = svg.clientWidth || 800, height = 90, bottom = 16;
    if (!days.length) { return; }
    var first = Date.parse(days[0].day), last = Date.parse(days[days.length - 1].day);
    var span = Math.max(1, Math.round((last - first) / 86400000) + 1);
    var top = Math.max.apply(null, days.map(function (d) { return d.events; }));
    var step = width / span;
    var since = form.elements.since.value, until = form.elements.until.value;
    days.forEach(function (d) {
      var x = Math.round((Date.parse(d.day) - first) / 86400000) * step;
      var h = Math.max(2, (height - bottom - 4) * d.events / top);
      var rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", x);
      rect.setAttribute("y", height - bottom - h);
      rect.setAttribute("width", Math.max(1, step - 1));
      rect.setAttribute("height", h);
      rect.setAttribute("class", "day" + ((!since || d.day >= since) && (!until || d.day <= until) && (since || until) ? " selected" : ""));
      rect.dataset.day = d.day;
      var title = document.createElementNS(ns, "title");
      title.textContent = d.day + ": " + d.events + " events, " + d.fatalities + " fatalities";
      rect.appendChild(title);
      rect.addEventListener("click", function () {
        var same = form.elements.since.value === d.day && form.elements.until.value === d.day;
        form.elements.since.value = same ? "" : d.day;
        form.elements.until.value = same ? "" : d.day;
        load(false);
      });
      svg.appendChild(rect);
    });
    [days[0].day, days[days.length - 1].day].forEach(function (day, i) {
      var label = document.createElementNS(ns, "text");
      label.setAttribute("x", i ? width - 4 : 2);
      label.setAttribute("y", height - 3);
      label.setAttribute("text-anchor", i ? "end" : "start");
      label.textContent = day;
      svg.appendChild(label);
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); load(false); });
  form.addEventListener("change", function () { load(false); });
  document.getElementById("clear-filters").addEventListener("click", function () {
    form.reset();
    FIELDS.forEach(function (name) { var i = form.elements[name]; if (i && i.type !== "checkbox") { i.value = ""; } });
    load(false);
  });
  document.getElementById("use-view").addEventListener("click", function () {
    var b = map.getBounds();
    form.elements.bbox.value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v, i) {
      var limit = i % 2 ? 90 : 180;
      return Math.max(-limit, Math.min(limit, v)).toFixed(3);
    }).join(",");
    load(false);
  });
  moreButton.addEventListener("click", function () { load(true); });

  fromLocation();
  fetch("/api/facets").then(function (r) { return r.json(); }).then(function (facets) {
    ["country", "admin1", "event_type", "sub_event_type"].forEach(function (name) {
      fillSelect(name, facets[name] || []);
    });
  }).finally(function () { load(false); });
})();
