/* The map component's frame: Streamlit's component messages in, clicks out (components/leaflet_map.py).
 *
 * This script comes first in the frame: it tells Streamlit it is ready at once, and the first render's base
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

  /* Leaflet and districts_map.js are loaded (they follow this script in the frame). */
  function whenLoaded(fn) {
    if (window.L && window.MinatoMap) { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
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
    var map = L.map("map", { minZoom: 11, maxZoom: 18, zoomControl: true, zoomSnap: 0.25 });
    L.control.scale().addTo(map);
    state.map = map;
    window.map_div = map;
    window.MinatoMap.onClick = sendClick;
    data.then(function (cfg) {
      if (state.map !== map) { return; }  // a newer base replaced this one meanwhile
      map.fitBounds(cfg.bounds);
      L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attr, maxZoom: 18, maxNativeZoom: 18 }).addTo(map);
      state.ui = cfg.ui || null;
      if (args.mode === "compare") { window.MinatoMap.drawCompare(map, cfg); }
      else { window.MinatoMap.draw(map, cfg); }
      state.ready = true;
      apply(state.pending || args);
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
