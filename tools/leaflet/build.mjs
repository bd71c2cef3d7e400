// Builds static/leaflet/leaflet-frame.js: `npm ci && npm run build` in tools/leaflet (see entry.js).
// Three Leaflet modules the frame never runs are replaced by stubs: the Canvas renderer (the map draws SVG; Leaflet
// imports Canvas only to honour `preferCanvas`, which we do not set), the VML renderer of Internet Explorer 8, and
// marker dragging (no marker of ours is draggable; Marker.js itself checks `if (MarkerDrag)`).
import {build} from 'esbuild';
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../static/leaflet/leaflet-frame.js');
const pkg = JSON.parse(readFileSync(path.join(here, 'node_modules/leaflet/package.json'), 'utf8'));
const STUBS = {
  'layer/vector/Canvas.js': 'export var Canvas = null; export function canvas() { return null; }',
  'layer/vector/SVG.VML.js': 'export var vmlCreate = null; export var vmlMixin = {};',
  'layer/marker/Marker.Drag.js': 'export var MarkerDrag = null;',
};

const stubs = {
  name: 'stubs',
  setup(b) {
    b.onLoad({filter: /leaflet[\\/]src[\\/].*\.js$/}, (args) => {
      const rel = args.path.split(/[\\/]src[\\/]/).pop().replace(/\\/g, '/');
      return rel in STUBS ? {contents: STUBS[rel], loader: 'js'} : undefined;
    });
  },
};

const banner = `/* @preserve
 * Leaflet ${pkg.version}, a JS library for interactive maps. https://leafletjs.com
 * (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade
 * BSD-2-Clause licence: static/leaflet/LICENSE. A subset built by tools/leaflet (entry.js) for the map frame.
 */`;

const result = await build({
  entryPoints: [path.join(here, 'entry.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'L',
  target: 'es2017',
  legalComments: 'none',
  banner: {js: banner},
  plugins: [stubs],
  write: false,
});
const text = result.outputFiles[0].text;
writeFileSync(out, text);
console.log(`wrote ${path.relative(process.cwd(), out)} (${text.length} bytes)`);
