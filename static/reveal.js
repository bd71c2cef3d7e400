/* Scroll the element named by data-target into view unless it is wholly on screen already
 * (loaded by components/reveal.py after a selection changed). */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  var target = me.getAttribute("data-target");
  function reveal() {
    var el = document.querySelector(target);
    if (!el) { return; }
    var box = el.getBoundingClientRect();
    var header = document.querySelector("[data-testid='stHeader']");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    if (box.top >= top && box.bottom <= window.innerHeight) { return; }
    el.style.scrollMarginTop = top + "px";
    el.scrollIntoView({ block: box.height > window.innerHeight - top ? "start" : "nearest" });
  }
  window.setTimeout(reveal, 60);
  window.setTimeout(reveal, 400);
}());
