/* Puts the SVG kept in a data-svg attribute (each "<" written as a pilcrow, components/inline_svg.py) into the page as
 * inline SVG, in place of its text fallback. st.html's sanitiser keeps HTML only (it drops every SVG element) and
 * st.markdown needs Streamlit's raw-HTML Markdown plugin (54 KB, and every SVG parsed in JavaScript) for it; the
 * browser's own parser does it here. The SVG was escaped and built on the server (atlas/svg_chart.py and the
 * like): nothing from a user reaches it unescaped. Runs each time a block is drawn; a done block has no data-svg. */
(function () {
  "use strict";
  function text(marked) { return marked.replace(/\u00b6/g, "<"); }
  var boxes = document.querySelectorAll("[data-svg]");
  for (var i = 0; i < boxes.length; i++) {
    var box = boxes[i];
    try {
      box.innerHTML = text(box.getAttribute("data-svg"));
      box.removeAttribute("data-svg");
    } catch (err) { /* the text fallback stays */ }
  }
})();
