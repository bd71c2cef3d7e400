/* Minato district map: draws the quantized layers the app sends and the selection highlight.
 * Loaded by the map component's frame (static/map_frame) from /app/static/ (no CDN), before Leaflet (its second
 * part, the bridge to Streamlit, must run first); nothing here touches L until the map is drawn.
 * Exposes window.MinatoMap. */
(function () {
  "use strict";
  var Q = 1e-5;

  /* Leaflet focuses the map container on the first mousedown. Inside the component's iframe that
   * scrolls the host page to show the whole frame, and the click then lands that many pixels off.
   * Focus without scrolling instead (keyboard panning still works once the map has focus). */
  function focusWithoutScroll() {
    if (L.Map.Keyboard && !L.Map.Keyboard._minato) {
      L.Map.Keyboard._minato = true;
      L.Map.Keyboard.prototype._onMouseDown = function () {
        if (!this._focused) { this._map._container.focus({ preventScroll: true }); }
      };
    }
  }

  /* The base file's polygon layers (outline, districts, chome) from its table of shared arcs (atlas/map_layers.py,
   * geo/arcs.py). An arc is a string of zig-zag varints (Google's encoded polyline): steps of Q degrees from point
   * to point, its first point's from the previous arc's first point, all from the origin. A ring lists its arcs,
   * ~i for arc i run backwards. Decoded once per file, in place. */
  function decodeArcs(cfg) {
    var ox = cfg.origin[0], oy = cfg.origin[1], x0 = 0, y0 = 0;
    return cfg.arcs.map(function (text) {
      var v = [], shift = 0, acc = 0, i, b;
      for (i = 0; i < text.length; i++) {
        b = text.charCodeAt(i) - 63;
        acc |= (b & 31) << shift;
        shift += 5;
        if (b < 32) { v.push(acc & 1 ? ~(acc >> 1) : acc >> 1); shift = 0; acc = 0; }
      }
      x0 += v[0];
      y0 += v[1];
      var x = x0, y = y0, points = [[ox + x * Q, oy + y * Q]];
      for (i = 2; i < v.length; i += 2) {
        x += v[i];
        y += v[i + 1];
        points.push([ox + x * Q, oy + y * Q]);
      }
      return points;
    });
  }

  function decodeLayers(cfg) {
    if (cfg.decoded) { return cfg; }
    var arcs = decodeArcs(cfg);
    function ring(ids) {
      var out = [];
      ids.forEach(function (i) {
        var part = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        Array.prototype.push.apply(out, out.length ? part.slice(1) : part);
      });
      return out;
    }
    function polygon(rings) { return rings.map(ring); }
    ["outline", "districts", "chome"].forEach(function (name) {
      cfg[name].features.forEach(function (f) {
        var g = f.geometry;
        g.coordinates = g.type === "Polygon" ? polygon(g.arcs) : g.arcs.map(polygon);
      });
    });
    cfg.decoded = true;
    return cfg;
  }

  /* Clicks go to whoever set MinatoMap.onClick (the bridge below). */
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
      // Once per task for added layers (the chome arrive in batches), at once for a popup or tooltip.
      map.on("layeradd", function () {
        if (map._minatoTabs) { return; }
        map._minatoTabs = window.setTimeout(function () { map._minatoTabs = null; oneTabStop(map); }, 0);
      });
      map.on("popupopen tooltipopen", function () { oneTabStop(map); });
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

  var BATCH = 12;  // chome polygons drawn per task: ~40 ms on a phone's CPU (4x slower than a desktop)

  /* The base layers' own pane inside the overlay pane, under its SVG (z-index 200): the selection and the office
   * marker (view layers, added on each run) stay on top of chome drawn after them. */
  function basePane(map) {
    var pane = map.getPane("minatoBase") || map.createPane("minatoBase", map.getPane("overlayPane"));
    pane.style.zIndex = 100;
    return "minatoBase";
  }

  /* Add ``features`` to the GeoJSON ``layer`` a batch per task, yielding in between, so that drawing them leaves the
   * main thread free for taps and the page; stops when another map replaced this one. */
  function addInBatches(map, layer, features) {
    var i = 0;
    function next() {
      if (window.MinatoMap.map !== map) { return; }
      layer.addData(features.slice(i, i + BATCH));
      i += BATCH;
      if (i < features.length) { window.setTimeout(next, 0); } else { window.MinatoMap.chomeDrawn = true; }
    }
    window.setTimeout(next, 0);
  }

  /* The map page: outline and districts at once (the map is usable: clicks resolve the chome on the server from
   * the point), then the chome outlines in batches. */
  function draw(map, cfg) {
    decodeLayers(cfg);
    var pane = basePane(map);
    map.attributionControl.addAttribution(cfg.credit);
    L.geoJSON(cfg.outline, {
      pane: pane, interactive: false, style: { color: "#222222", weight: 2.5, fill: false }
    }).addTo(map);
    var districts = L.geoJSON(cfg.districts, {
      pane: pane,
      style: function (f) {
        return { color: "#ffffff", weight: 2, fillColor: f.properties.c, fillOpacity: 0.55 };
      },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.t, { sticky: true }); }
    }).on("click", clicked(map)).addTo(map);
    var chome = L.geoJSON(null, {
      pane: pane, style: { color: "#333333", weight: 0.6, opacity: 0.45, fill: true, fillOpacity: 0 },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.t, { sticky: true }); }
    }).on("click", clicked(map)).addTo(map);
    cfg.labels.forEach(function (l) { label(map, l.at, l.text); });
    setUp(map, cfg.ui, districts.getBounds());
    window.MinatoMap.districts = districts;
    window.MinatoMap.chome = chome;
    window.MinatoMap.chomeDrawn = false;
    window.MinatoMap.map = map;
    window.MinatoMap.ready = true;
    addInBatches(map, chome, cfg.chome.features);
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
    decodeLayers(cfg);
    map.attributionControl.addAttribution(cfg.credit);
    L.geoJSON(cfg.outline, {
      interactive: false, style: { color: "#222222", weight: 2.5, fill: false }
    }).addTo(map);
    var byId = {};
    function keep(idKey) {
      return function (f, layer) { byId[f.properties[idKey]] = layer; layer.bindTooltip("", { sticky: true }); };
    }
    var districts = L.geoJSON(cfg.districts, {
      style: { color: "#ffffff", weight: 2, fillColor: "#d9d9d9", fillOpacity: 0.85 }, onEachFeature: keep("id")
    }).on("click", sendClick);
    var chome = L.geoJSON(cfg.chome, {
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
    prepare: focusWithoutScroll, draw: draw, highlight: highlight, decodeLayers: decodeLayers, drawCompare: drawCompare,
    paint: paint, setUp: setUp,
    ready: false, chomeDrawn: false, onClick: null
  };
}());

/* The bridge: Streamlit's component messages in, clicks out (components/leaflet_map.py).
 *
 * This file comes first in the frame: it tells Streamlit it is ready at once, and the first render's base
 * layers (a static JSON file, cached by the browser) download while Leaflet and the map script still load.
 * Then the map is built; every render applies only its small view: the selected district (map page) or the
 * choropleth's colours (compare page). A new base file (another language) rebuilds the map.
 * window.map_div and window.feature_group keep the names folium gave them (tests and debugging use them). */
(function () {
  "use strict";
  var state = { base: null, map: null, group: null, ui: null, ready: false, pending: null, height: 0, clicks: 0,
                announced: false };

  function post(type, extra) {
    var msg = { isStreamlitMessage: true, type: type };
    Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
    window.parent.postMessage(msg, "*");
  }

  /* A click anywhere on the map goes to Streamlit at once; the counter makes a repeated spot a new value. */
  function sendClick(event) {
    state.clicks += 1;
    post("streamlit:setComponentValue", {
      value: { last_clicked: { lat: event.latlng.lat, lng: event.latlng.lng }, n: state.clicks }, dataType: "json"
    });
  }

  /* The map page draws the map before the rest of the page (components/map_first.py): when the server asks
   * (args.announce), say once that the map is drawn, or that it cannot be, so that the rest follows. */
  function announce(args, drawn) {
    if (!args.announce || state.announced) { return; }
    state.announced = true;
    post("streamlit:setComponentValue", { value: { drawn: drawn, n: state.clicks }, dataType: "json" });
  }

  /* Leaflet is loaded (it follows this script in the frame). */
  function whenLoaded(fn) {
    if (window.L) { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  function layers(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("map data " + r.status); }
      return r.json();
    });
  }

  function build(args) {
    var data = layers(args.base);
    state.base = args.base;
    state.ready = false;
    whenLoaded(function () { draw(args, data); });
  }

  function draw(args, data) {
    if (state.base !== args.base) { return; }  // a newer base replaced this one meanwhile
    if (state.map) { state.map.remove(); }
    state.ready = false;
    // Quarter zoom steps: a district fills the frame (whole steps left Shiba at the ward's zoom in a 448 px frame).
    window.MinatoMap.prepare();
    var map = L.map("map", { minZoom: 11, maxZoom: 18, zoomControl: true, zoomSnap: 0.25 });
    L.control.scale().addTo(map);
    state.map = map;
    window.map_div = map;
    window.MinatoMap.onClick = sendClick;
    data.then(function (cfg) {
      if (state.map !== map) { return; }  // a newer base replaced this one meanwhile
      map.fitBounds(cfg.bounds);
      state.ui = cfg.ui || null;
      if (args.mode === "compare") { window.MinatoMap.drawCompare(map, cfg); }
      else { window.MinatoMap.draw(map, cfg); }
      state.ready = true;
      // A phone's main thread: the view (selection, colours) and the tiles each in a task of their own after the
      // shapes, not all in one long task; the view applied is the latest render's.
      state.pending = state.pending || args;
      window.setTimeout(function () {
        if (state.map === map && state.pending) { apply(state.pending); }
        window.setTimeout(function () {
          if (state.map !== map) { return; }
          L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attr, maxZoom: 18, maxNativeZoom: 18 }).addTo(map);
        }, 0);
      }, 0);
    }).catch(function (err) {
      var box = document.getElementById("map");
      box.setAttribute("role", "alert");
      box.textContent = args.failed || String(err);  // the app's words in the view's language
      if (window.console) { window.console.error(err); }
      announce(state.pending || args, false);
    });
  }

  /* Replace the view layer: outline + office marker, or colours, legend, selection and points. */
  function apply(args) {
    state.pending = null;
    var map = state.map;
    map.invalidateSize(false);  // the frame may have been resized (setFrameHeight, CSS) since the map measured it
    if (state.group) { map.removeLayer(state.group); }
    var group = L.featureGroup().addTo(map);
    state.group = group;
    window.feature_group = [group];
    var ui = args.view.ui || state.ui;
    if (args.mode === "compare") {
      window.MinatoMap.paint(group, args.view);
    } else {
      window.MinatoMap.setUp(map, ui);
      window.MinatoMap.highlight(group, args.view.district, args.view.office, args.view.legend);
    }
    if (ui && window.frameElement) { window.frameElement.title = ui.label; }
    announce(args, true);
  }

  function render(args) {
    if (args.height !== state.height) {
      state.height = args.height;
      post("streamlit:setFrameHeight", { height: args.height });
    }
    if (args.base !== state.base) { state.pending = args; build(args); }
    else if (state.ready) { apply(args); }
    else { state.pending = args; }
  }

  /* Printing lays the frame out at the paper's size (and back): keep the area the map showed, fitted to it. */
  function refit() {
    var map = state.map;
    if (!map || !state.ready) { return; }
    var shown = map.getBounds();
    map.invalidateSize(false);
    map.fitBounds(shown, { animate: false });
  }
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) { printing.addEventListener("change", refit); }
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "streamlit:render") { return; }
    render(event.data.args);
  });
  post("streamlit:componentReady", { apiVersion: 1 });
}());
