"""Copy Leaflet 1.9's dist files from the django-js-lib-leaflet wheel into static/leaflet/.

Run ``python tools/vendor_leaflet.py`` after changing the pinned package. The copy is committed, so nothing
needs a CDN: the offline HTML export (atlas/travel_map.py) inlines leaflet.js and leaflet.css. The map
component's frame loads a smaller build, leaflet-frame.js (``make leaflet``, tools/leaflet/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import js_lib_leaflet

DEST = Path(__file__).resolve().parent.parent / "static" / "leaflet"
FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
         "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]


def main() -> None:
    src = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    for name in FILES:
        (DEST / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / name, DEST / name)
    print(f"copied {len(FILES)} files to {DEST}")


if __name__ == "__main__":
    main()
