// The Leaflet the map frame loads (static/leaflet/leaflet-frame.js): Leaflet 1.9.4's own ES-module source, only
// the modules static/districts_map.js and its tests use. It mirrors leaflet/src/Leaflet.js and its index files,
// without the layers control, box zoom, tap-hold, WMS/image/video/SVG overlays, rectangles and the other CRSs.
// A module the map needs at run time and that is missing here shows as an error in the e2e tests: add it back.
export {version} from 'leaflet/package.json';

// core, dom, geometry, geo
export {default as Browser} from 'leaflet/src/core/Browser';
export {Class} from 'leaflet/src/core/Class';
export {Evented} from 'leaflet/src/core/Events';
export {Handler} from 'leaflet/src/core/Handler';
import * as Util from 'leaflet/src/core/Util';
export {Util};
export {extend, bind, stamp, setOptions} from 'leaflet/src/core/Util';
import * as DomEvent from 'leaflet/src/dom/DomEvent';
import * as DomUtil from 'leaflet/src/dom/DomUtil';
export {DomEvent, DomUtil};
export {PosAnimation} from 'leaflet/src/dom/PosAnimation';
export {Draggable} from 'leaflet/src/dom/Draggable';
export {Point, toPoint as point} from 'leaflet/src/geometry/Point';
export {Bounds, toBounds as bounds} from 'leaflet/src/geometry/Bounds';
export {LatLng, toLatLng as latLng} from 'leaflet/src/geo/LatLng';
export {LatLngBounds, toLatLngBounds as latLngBounds} from 'leaflet/src/geo/LatLngBounds';
export {CRS} from 'leaflet/src/geo/crs/CRS';
export {EPSG3857} from 'leaflet/src/geo/crs/CRS.EPSG3857';

// controls: zoom, attribution (both added by the map), scale, and the base class for ours
import {Control, control} from 'leaflet/src/control/Control';
import {Zoom, zoom} from 'leaflet/src/control/Control.Zoom';
import {Scale, scale} from 'leaflet/src/control/Control.Scale';
import {Attribution, attribution} from 'leaflet/src/control/Control.Attribution';
Object.assign(Control, {Zoom, Scale, Attribution});
Object.assign(control, {zoom, scale, attribution});
export {Control, control};

// layers: groups, GeoJSON (polygons, polylines, markers), tooltips, popups, tiles, the SVG renderer
export {Layer} from 'leaflet/src/layer/Layer';
export {LayerGroup, layerGroup} from 'leaflet/src/layer/LayerGroup';
export {FeatureGroup, featureGroup} from 'leaflet/src/layer/FeatureGroup';
import {GeoJSON, geoJSON, geoJson, geometryToLayer, coordsToLatLng, coordsToLatLngs, latLngToCoords, latLngsToCoords,
  getFeature, asFeature} from 'leaflet/src/layer/GeoJSON';
Object.assign(GeoJSON, {geometryToLayer, coordsToLatLng, coordsToLatLngs, latLngToCoords, latLngsToCoords, getFeature,
  asFeature});
export {GeoJSON, geoJSON, geoJson};
export {DivOverlay} from 'leaflet/src/layer/DivOverlay';
export {Popup, popup} from 'leaflet/src/layer/Popup';
export {Tooltip, tooltip} from 'leaflet/src/layer/Tooltip';
import {Icon, icon} from 'leaflet/src/layer/marker/Icon';
import {IconDefault} from 'leaflet/src/layer/marker/Icon.Default';
Icon.Default = IconDefault;
export {Icon, icon};
export {DivIcon, divIcon} from 'leaflet/src/layer/marker/DivIcon';
export {Marker, marker} from 'leaflet/src/layer/marker/Marker';
export {GridLayer, gridLayer} from 'leaflet/src/layer/tile/GridLayer';
export {TileLayer, tileLayer} from 'leaflet/src/layer/tile/TileLayer';
export {Renderer} from 'leaflet/src/layer/vector/Renderer';
import {SVG, create, pointsToPath, svg} from 'leaflet/src/layer/vector/SVG';
Object.assign(SVG, {create, pointsToPath});
export {SVG, svg};
import 'leaflet/src/layer/vector/Renderer.getRenderer';
export {Path} from 'leaflet/src/layer/vector/Path';
export {CircleMarker, circleMarker} from 'leaflet/src/layer/vector/CircleMarker';
export {Polyline, polyline} from 'leaflet/src/layer/vector/Polyline';
export {Polygon, polygon} from 'leaflet/src/layer/vector/Polygon';

// the map and its handlers: drag, touch zoom, double-click and scroll-wheel zoom, keyboard
import {Map} from 'leaflet/src/map/Map';
import {DoubleClickZoom} from 'leaflet/src/map/handler/Map.DoubleClickZoom';
import {Drag} from 'leaflet/src/map/handler/Map.Drag';
import {Keyboard} from 'leaflet/src/map/handler/Map.Keyboard';
import {ScrollWheelZoom} from 'leaflet/src/map/handler/Map.ScrollWheelZoom';
import {TouchZoom} from 'leaflet/src/map/handler/Map.TouchZoom';
Object.assign(Map, {DoubleClickZoom, Drag, Keyboard, ScrollWheelZoom, TouchZoom});
export {Map, createMap as map} from 'leaflet/src/map/Map';
