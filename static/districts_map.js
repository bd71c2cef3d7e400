/* Minato district map: draws the quantized layers the app sends and the selection highlight.
 * Loaded by the streamlit-folium frame from /app/static/ (no CDN). Exposes window.MinatoMap. */
(function () {
  "use strict";
  var Q = 1e-5;

  function dequantize(fc, origin) {
    function ring(r) {
      return r.map(function (p) { return [origin[0] + p[0] * Q, origin[1] + p[1] * Q]; });
    }
    fc.features.forEach(function (f) {
      var g = f.geometry;
      g.coordinates = g.type === "Polygon" ? g.coordinates.map(ring)
        : g.coordinates.map(function (poly) { return poly.map(ring); });
    });
    return fc;
  }

  function label(map, latlng, text) {
    var icon = L.divIcon({ className: "district-label", html: "<span>" + text + "</span>", iconSize: null });
    return L.marker(latlng, { icon: icon, interactive: false, keyboard: false }).addTo(map);
  }

  function draw(map, cfg) {
    map.attributionControl.addAttribution(cfg.credit);
    L.geoJSON(dequantize(cfg.outline, cfg.origin), {
      interactive: false, style: { color: "#222222", weight: 2.5, fill: false }
    }).addTo(map);
    var districts = L.geoJSON(dequantize(cfg.districts, cfg.origin), {
      style: function (f) {
        return { color: "#ffffff", weight: 2, fillColor: f.properties.c, fillOpacity: 0.55 };
      },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.t, { sticky: true }); }
    }).addTo(map);
    L.geoJSON(dequantize(cfg.chome, cfg.origin), {
      style: { color: "#333333", weight: 0.6, opacity: 0.45, fill: true, fillOpacity: 0 },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.t, { sticky: true }); }
    }).addTo(map);
    cfg.labels.forEach(function (l) { label(map, l.at, l.text); });
    window.MinatoMap.districts = districts;
    window.MinatoMap.map = map;
    window.MinatoMap.ready = true;
  }

  /* Mark an office (name and address arrive HTML-escaped from the server). */
  function officeMarker(group, office) {
    if (!office) { return; }
    L.circleMarker([office.lat, office.lng], {
      radius: 8, color: "#000000", weight: 3, fillColor: "#ffffff", fillOpacity: 1, className: "office-marker"
    }).bindTooltip(office.name).bindPopup("<strong>" + office.name + "</strong><br>" + office.address).addTo(group);
  }

  /* Outline the selected district in the given feature group, mark its office, fit the view to it. */
  function highlight(group, districtId, office) {
    var layers = window.MinatoMap.districts;
    var map = window.MinatoMap.map;
    if (!layers || !map) { return; }
    officeMarker(group, office);
    var target = null;
    layers.eachLayer(function (l) { if (l.feature.properties.id === districtId) { target = l; } });
    if (target === null) {
      map.fitBounds(layers.getBounds(), { padding: [8, 8] });
      return;
    }
    L.geoJSON(target.feature, {
      interactive: false, style: { color: "#000000", weight: 4, fill: false }
    }).addTo(group);
    map.fitBounds(target.getBounds(), { padding: [24, 24], maxZoom: 15 });
  }

  window.MinatoMap = { draw: draw, highlight: highlight, dequantize: dequantize, ready: false };
}());
