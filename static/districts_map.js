/* Minato district map: draws the quantized layers the app sends and the selection highlight.
 * Loaded by the map component's frame (static/map_frame) from /app/static/ (no CDN). Exposes window.MinatoMap. */
(function () {
  "use strict";
  var Q = 1e-5;

  /* Leaflet focuses the map container on the first mousedown. Inside the component's iframe that
   * scrolls the host page to show the whole frame, and the click then lands that many pixels off.
   * Focus without scrolling instead (keyboard panning still works once the map has focus). */
  if (L.Map && L.Map.Keyboard) {
    L.Map.Keyboard.prototype._onMouseDown = function () {
      if (!this._focused) { this._map._container.focus({ preventScroll: true }); }
    };
  }

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

  /* Clicks go to whoever set MinatoMap.onClick (the component frame, static/map_frame/bridge.js). */
  function sendClick(event) {
    if (window.MinatoMap.onClick) { window.MinatoMap.onClick(event); }
  }

  /* After a tap or click the tooltip Leaflet opened for it closes again (on a touch screen nothing else would
   * close it, and it covers the district's label); the selection and the click message say what was hit. */
  function closeTooltips(map) {
    window.setTimeout(function () {
      map.eachLayer(function (l) { if (l.getTooltip && l.getTooltip() && l.isTooltipOpen()) { l.closeTooltip(); } });
    }, 0);
  }

  function clicked(map) {
    return function (event) { sendClick(event); closeTooltips(map); };
  }

  function label(map, latlng, text) {
    var icon = L.divIcon({ className: "district-label", html: "<span>" + text + "</span>", iconSize: null });
    return L.marker(latlng, { icon: icon, interactive: false, keyboard: false }).addTo(map);
  }

  /* The map is one tab stop: its container (arrow keys pan, +/- zoom); shapes, controls and credit links
   * leave the tab order (the district list beside the map and the credits under it are the equivalents). */
  function oneTabStop(map) {
    var c = map.getContainer();
    c.querySelectorAll("path, a, button, [tabindex]").forEach(function (el) {
      if (el !== c) { el.setAttribute("tabindex", "-1"); }
    });
  }

  /* Phones: one finger scrolls the page, two fingers pan and zoom the map; a hint says so. */
  function touchGestures(map) {
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    if (!coarse && !L.Browser.mobile) { return null; }
    map.dragging.disable();
    map.touchZoom.enable();
    var c = map.getContainer();
    var box = L.DomUtil.create("div", "map-touch-hint", c);
    box.setAttribute("aria-hidden", "true");
    var timer = null;
    c.addEventListener("touchmove", function (e) {
      if (e.touches.length !== 1) { return; }
      L.DomUtil.addClass(box, "shown");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { L.DomUtil.removeClass(box, "shown"); }, 1500);
    }, { passive: true });
    return box;
  }

  /* A button that returns to the whole ward (the view only; the selection stays). */
  function resetControl(map, bounds) {
    var control = L.control({ position: "topleft" });
    var button = null;
    control.onAdd = function () {
      button = L.DomUtil.create("button", "map-reset");
      button.type = "button";
      button.innerHTML = "<span aria-hidden='true'>\u2302</span>";
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", function () { map.fitBounds(bounds, { padding: [8, 8] }); });
      return button;
    };
    control.addTo(map);
    return button;
  }

  /* What every map frame shares: language and label (set again on each run), reset control and touch
   * gestures (added once), one tab stop. */
  function setUp(map, ui, bounds) {
    if (!map._minatoUi) {
      map._minatoUi = { reset: resetControl(map, bounds), hint: touchGestures(map) };
      map.on("layeradd popupopen tooltipopen", function () { oneTabStop(map); });
    }
    if (ui) {
      var c = map.getContainer();
      document.documentElement.setAttribute("lang", ui.lang);
      document.title = ui.label;
      c.setAttribute("role", "region");
      c.setAttribute("aria-label", ui.label);
      map._minatoUi.reset.title = ui.reset;
      map._minatoUi.reset.setAttribute("aria-label", ui.reset);
      if (map._minatoUi.hint) { map._minatoUi.hint.textContent = ui.hint; }
    }
    oneTabStop(map);
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
    }).on("click", clicked(map)).addTo(map);
    L.geoJSON(dequantize(cfg.chome, cfg.origin), {
      style: { color: "#333333", weight: 0.6, opacity: 0.45, fill: true, fillOpacity: 0 },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.t, { sticky: true }); }
    }).on("click", clicked(map)).addTo(map);
    cfg.labels.forEach(function (l) { label(map, l.at, l.text); });
    setUp(map, cfg.ui, districts.getBounds());
    window.MinatoMap.districts = districts;
    window.MinatoMap.map = map;
    window.MinatoMap.ready = true;
  }

  /* Mark an office (name and address arrive HTML-escaped from the server). */
  function officeMarker(group, office) {
    if (!office) { return; }
    var map = window.MinatoMap.map;
    L.circleMarker([office.lat, office.lng], {
      radius: 8, color: "#000000", weight: 3, fillColor: "#ffffff", fillOpacity: 1, className: "office-marker"
    }).bindTooltip(office.name).bindPopup("<strong>" + office.name + "</strong><br>" + office.address)
      .on("click", function () { closeTooltips(map); }).addTo(group);
  }

  /* The map's symbols explained (office circle, selected district's outline): one control, its entries sent
   * with each view as [{symbol, text}], texts HTML-escaped by the server. */
  var SYMBOLS = {
    office: "<svg width='18' height='18' aria-hidden='true'><circle cx='9' cy='9' r='6' fill='#ffffff' " +
      "stroke='#000000' stroke-width='3'/></svg>",
    outline: "<svg width='18' height='18' aria-hidden='true'><rect x='2' y='2' width='14' height='14' " +
      "fill='none' stroke='#000000' stroke-width='3'/></svg>"
  };

  function symbolLegend(map, entries) {
    if (!map._minatoLegend) {
      var control = L.control({ position: "topright" });
      control.onAdd = function () { return L.DomUtil.create("div", "map-legend symbol-legend"); };
      control.addTo(map);
      map._minatoLegend = control;
    }
    var box = map._minatoLegend.getContainer();
    box.innerHTML = (entries || []).map(function (e) {
      return "<div>" + (SYMBOLS[e.symbol] || "") + " <span>" + e.text + "</span></div>";
    }).join("");
    box.style.display = entries && entries.length ? "" : "none";
  }

  /* Outline the selected district in the given feature group, mark its office, fit the view to it. */
  function highlight(group, districtId, office, legend) {
    var layers = window.MinatoMap.districts;
    var map = window.MinatoMap.map;
    if (!layers || !map) { return; }
    officeMarker(group, office);
    symbolLegend(map, legend);
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

  /* Compare page: districts and chome drawn once (neutral); paint() colours them per indicator. */
  function drawCompare(map, cfg) {
    map.attributionControl.addAttribution(cfg.credit);
    L.geoJSON(dequantize(cfg.outline, cfg.origin), {
      interactive: false, style: { color: "#222222", weight: 2.5, fill: false }
    }).addTo(map);
    var byId = {};
    function keep(idKey) {
      return function (f, layer) { byId[f.properties[idKey]] = layer; layer.bindTooltip("", { sticky: true }); };
    }
    var districts = L.geoJSON(dequantize(cfg.districts, cfg.origin), {
      style: { color: "#ffffff", weight: 2, fillColor: "#d9d9d9", fillOpacity: 0.85 }, onEachFeature: keep("id")
    }).on("click", sendClick);
    var chome = L.geoJSON(dequantize(cfg.chome, cfg.origin), {
      style: { color: "#ffffff", weight: 0.7, fillColor: "#d9d9d9", fillOpacity: 0.85 }, onEachFeature: keep("k")
    }).on("click", sendClick);
    var legend = L.control({ position: "topright" });
    legend.onAdd = function () { this._div = L.DomUtil.create("div", "map-legend"); return this._div; };
    legend.addTo(map);
    setUp(map, null, districts.getBounds());
    window.MinatoMap.compare = { map: map, districts: districts, chome: chome, byId: byId, legend: legend };
    window.MinatoMap.map = map;
    window.MinatoMap.ready = true;
  }

  /* Colour the active level, set tooltips and legend, outline the selection, add facility points. */
  function paint(group, spec) {
    var c = window.MinatoMap.compare;
    if (!c) { return; }
    setUp(c.map, spec.ui, c.districts.getBounds());
    var active = spec.level === "chome" ? c.chome : c.districts;
    var other = spec.level === "chome" ? c.districts : c.chome;
    if (c.map.hasLayer(other)) { c.map.removeLayer(other); }
    if (!c.map.hasLayer(active)) { active.addTo(c.map); }
    active.eachLayer(function (layer) {
      var id = layer.feature.properties[spec.level === "chome" ? "k" : "id"];
      layer.setStyle({ fillColor: spec.fills[id] || "#d9d9d9" });
      layer.setTooltipContent(spec.tips[id] || "");
    });
    c.legend._div.innerHTML = spec.legend;
    var selected = c.byId[spec.selected];
    if (selected) {
      L.geoJSON(selected.feature, { interactive: false, style: { color: "#000000", weight: 4, fill: false } })
        .addTo(group);
    }
    (spec.points || []).forEach(function (p) {
      L.circleMarker([p.lat, p.lng], {
        radius: 5, color: "#000000", weight: 1.5, fillColor: p.colour, fillOpacity: 1, className: "facility-" + p.kind
      }).bindPopup(p.popup).bindTooltip(p.name).addTo(group);
    });
  }

  window.MinatoMap = {
    draw: draw, highlight: highlight, dequantize: dequantize, drawCompare: drawCompare, paint: paint, setUp: setUp,
    ready: false, onClick: null
  };
}());
