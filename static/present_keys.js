/* Presentation mode: arrow keys, PageUp/PageDown and Space turn the slides by pressing the Next/Previous
 * buttons. Runs in the page itself (st.html); installs one listener per page load. A focused control keeps
 * its own keys: Space and Enter on a button, link or the sources expander do what they do there, and
 * arrows in a text field, list or radio group move inside it. */
(function () {
  "use strict";
  if (window.__minatoSlideKeys) { return; }
  window.__minatoSlideKeys = true;
  var OWN_KEYS = "input, textarea, select, [contenteditable='true'], [role='radiogroup'], [role='listbox'], " +
    "[role='combobox'], [role='slider'], [role='menu']";
  var ACTIVATES = "button, a[href], summary, [role='button'], [role='link'], [role='radio'], [role='option']";
  function press(key) {
    var button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { button.click(); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (!document.querySelector(".st-key-slide_next")) { return; }
    var target = event.target && event.target.closest ? event.target : document.body;
    if (target.closest(OWN_KEYS)) { return; }
    if ((event.key === " " || event.key === "Enter") && target.closest(ACTIVATES)) { return; }
    if (event.key === "ArrowRight" || event.key === " " || event.key === "PageDown") {
      event.preventDefault();
      press("slide_next");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault();
      press("slide_prev");
    }
  });
}());
