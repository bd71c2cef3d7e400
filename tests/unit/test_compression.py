"""nginx's compression lines and Streamlit's precompressed bundle (issue 21: deploy/compression.py, precompress.py)."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.compression import INERT, PRELOAD, compression_values, theme_font_is_system
from deploy.precompress import MIN_SIZE, build_static, icon_names
from deploy.topology import nginx_binary, render_config, streamlit_static
from geo.paths import ROOT


def test_no_brotli_module_means_gzip_alone() -> None:
    values = compression_values(ROOT, modules={})
    assert values["LOAD_MODULES"] == "" and values["BROTLI_STATIC"] == ""
    assert "brotli on" not in values["BROTLI"]


def test_brotli_modules_are_loaded_when_installed(tmp_path: Path) -> None:
    modules = {"filter": tmp_path / "f.so", "static": tmp_path / "s.so"}
    values = compression_values(ROOT, modules=modules)
    assert values["LOAD_MODULES"].splitlines() == [f"load_module {modules['filter']};",
                                                   f"load_module {modules['static']};"]
    assert "brotli on;" in values["BROTLI"] and values["BROTLI_STATIC"].strip() == "brotli_static on;"


def test_the_app_theme_uses_system_fonts_so_the_preload_goes(tmp_path: Path) -> None:
    assert theme_font_is_system(ROOT)
    assert PRELOAD in compression_values(ROOT, modules={})["PAGE_FILTER"]
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[theme]\nfont = "sans-serif"\n', encoding="utf-8")
    assert not theme_font_is_system(tmp_path) and compression_values(tmp_path, modules={})["PAGE_FILTER"] == ""
    # Streamlit's page has exactly one rel="preload" (its font), which the filter makes inert
    index = (streamlit_static().parent / "index.html").read_text(encoding="utf-8")
    assert index.count(PRELOAD) == 1 and INERT not in index


def test_icon_names_cover_the_app_and_streamlit() -> None:
    names = icon_names(streamlit_static(), ROOT)
    app_icons = {"map", "menu_book", "picture_as_pdf"}  # components/navigation.py, components/handout_button.py
    assert app_icons | {"keyboard_arrow_right", "upload"} <= names


def test_precompressed_copies_match_their_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "js").mkdir(parents=True)
    big = ("console.log('minato');\n" * 200).encode()
    (src / "js" / "a.js").write_bytes(big)
    (src / "js" / "tiny.js").write_bytes(b"x" * (MIN_SIZE - 1))
    (src / "js" / "a.js.map").write_bytes(big)
    built = build_static(src, tmp_path / "out", names=set())
    out = tmp_path / "out" / "js"
    assert (out / "a.js").is_symlink() and (out / "a.js").read_bytes() == big
    assert gzip.decompress((out / "a.js.gz").read_bytes()) == big
    brotli = pytest.importorskip("brotli")
    assert brotli.decompress((out / "a.js.br").read_bytes()) == big
    assert not (out / "tiny.js.gz").exists() and not (out / "a.js.map.gz").exists()
    assert built.files == 3 and built.compressed == 1


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_rendered_configuration_passes_nginx_check(tmp_path: Path) -> None:
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_config([1, 2], "127.0.0.1:1", tmp_path, static_dir=tmp_path), encoding="utf-8")
    done = subprocess.run([nginx_binary() or "nginx", "-t", "-q", "-c", str(conf), "-p", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shutil.rmtree(tmp_path, ignore_errors=True)
