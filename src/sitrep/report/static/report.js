// The report's map: drawn from the JSON inside this file; nothing is fetched. Strings from the
// events reach the page through textContent only.
(function () {
  "use strict";
  var COLORS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#8e44ad", "Violence against civilians": "#d35400",
    "Protests": "#2471a3", "Riots": "#b7950b", "Strategic developments": "#566573"
  };
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var map = L.map("map", { worldCopyJump: true }).setView([20, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Outlines: Natural Earth");
  L.geoJSON(data.outlines, {
    interactive: false,
    style: { color: "#8a99a6", weight: 0.7, fillColor: "#eef0e8", fillOpacity: 1 }
  }).addTo(map);
  var points = [];
  data.events.forEach(function (e) {
    var marker = L.circleMarker([e.lat, e.lon], {
      radius: 5 + Math.min(10, Math.sqrt(e.deaths || 0)), weight: 1, color: "#222",
      fillColor: COLORS[e.type] || "#333", fillOpacity: 0.8, className: "event-marker"
    });
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "#ev-" + e.id;
    link.textContent = e.sub + (e.date ? ", " + e.date : "");
    box.appendChild(link);
    var where = document.createElement("div");
    where.textContent = e.where + (e.deaths ? " · " + e.deaths + " fatalities" : "");
    box.appendChild(where);
    marker.bindPopup(box);
    marker.addTo(map);
    points.push([e.lat, e.lon]);
  });
  if (points.length) { map.fitBounds(points, { maxZoom: 8, padding: [30, 30] }); }
  document.body.dataset.mapReady = "true";
})();
