/* Presentation mode: arrow keys and Space press the Next/Previous buttons of the parent page.
 * Runs in a zero-height component frame (same origin); installs one listener per page load. */
(function () {
  "use strict";
  var doc = window.parent.document;
  if (window.parent.__minatoSlideKeys) { return; }
  window.parent.__minatoSlideKeys = true;
  function press(key) {
    var button = doc.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { button.click(); }
  }
  doc.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || event.target.isContentEditable) { return; }
    if (!doc.querySelector(".st-key-slide_next")) { return; }
    if (event.key === "ArrowRight" || event.key === " " || event.key === "PageDown") {
      event.preventDefault();
      press("slide_next");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault();
      press("slide_prev");
    }
  });
}());
