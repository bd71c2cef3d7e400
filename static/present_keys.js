/* Presentation mode (components/slide_bar.py): the keys of a slide deck and a presenter's clicker, full screen,
 * a black screen, swipes on phones, and a live region that announces each slide.
 *   → Space PageDown: next · ← PageUp: previous · Home / End: first / last (buttons of the bar, or hidden ones)
 *   F or the bar's button: full screen (Fullscreen API) · B or .: black screen, again (or Escape) to come back
 *   Escape: leaves full screen first (the browser does), then the deck (the hidden "leave" link).
 * Runs in the page itself (st.html); installs its listeners once per page load. A focused control keeps its own
 * keys: Space and Enter on a button or link, arrows in a text field, list or radio group, anything in the menu. */
(function () {
  "use strict";
  if (window.__minatoSlideKeys) { return; }
  window.__minatoSlideKeys = true;
  var OWN_KEYS = "input, textarea, select, [contenteditable='true'], [role='radiogroup'], [role='listbox'], " +
    "[role='combobox'], [role='slider'], [role='menu'], [role='dialog'], [data-testid='stPopoverBody']";
  var ACTIVATES = "button, a[href], summary, [role='button'], [role='link'], [role='radio'], [role='option']";
  var NEXT = ["ArrowRight", " ", "PageDown"], PREV = ["ArrowLeft", "PageUp"];
  var leftFullscreenAt = 0;

  function inDeck() { return !!document.querySelector(".st-key-slide_next"); }
  function press(key) {
    var button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { button.click(); }
  }
  function live() {
    var region = document.getElementById("slide-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "slide-live";
      region.className = "slide-sr-only";
      region.setAttribute("aria-live", "polite");
      region.setAttribute("aria-atomic", "true");
      document.body.appendChild(region);
    }
    return region;
  }
  function black(on) {
    var cover = document.getElementById("slide-black");
    if (!cover) {
      cover = document.createElement("div");
      cover.id = "slide-black";
      cover.hidden = true;
      cover.addEventListener("click", function () { black(false); });
      document.body.appendChild(cover);
    }
    cover.hidden = on === undefined ? !cover.hidden : !on;
  }
  function isBlack() { var c = document.getElementById("slide-black"); return !!c && !c.hidden; }
  function toggleFullscreen() {
    if (document.fullscreenElement) {
      if (document.exitFullscreen) { document.exitFullscreen(); }
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay as we are */ });
    }
  }
  function leave() {
    var link = document.querySelector(".st-key-slide_leave a[href]");
    if (link) { link.click(); }
  }

  // Announce each new slide ("Slide 3 of 6: title") once the bar's counter changes; mark full-screen support.
  var announced = "";
  function update() {
    var counter = document.querySelector(".slide-counter[data-announce]");
    if (counter) {
      var text = counter.getAttribute("data-announce");
      if (text !== announced) { announced = text; live().textContent = text; }
    }
    var root = document.documentElement;
    if (!document.fullscreenEnabled) { root.classList.add("no-fullscreen"); }
    root.classList.toggle("is-fullscreen", !!document.fullscreenElement);
    var button = document.querySelector("button.slide-fullscreen");
    if (button) { button.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false"); }
  }
  new MutationObserver(update).observe(document.body, {childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["data-announce"]});
  update();
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement) { leftFullscreenAt = Date.now(); }
    update();
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("button.slide-fullscreen");
    if (button) { event.preventDefault(); toggleFullscreen(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || !inDeck()) { return; }
    var target = event.target && event.target.closest ? event.target : document.body;
    if (target.closest(OWN_KEYS)) { return; }
    if ((event.key === " " || event.key === "Enter") && target.closest(ACTIVATES)) { return; }
    var key = event.key;
    if (key === "Escape") {
      if (isBlack()) { black(false); } else if (document.fullscreenElement) { toggleFullscreen(); }
      else if (Date.now() - leftFullscreenAt > 600) { leave(); }  // that Escape was the browser's own
      event.preventDefault();
      return;
    }
    var handled = true;
    if (NEXT.indexOf(key) >= 0) { press("slide_next"); }
    else if (PREV.indexOf(key) >= 0) { press("slide_prev"); }
    else if (key === "Home") { press("slide_first"); }
    else if (key === "End") { press("slide_last"); }
    else if (key === "f" || key === "F") { toggleFullscreen(); }
    else if (key === "b" || key === "B" || key === ".") { black(); }
    else { handled = false; }
    if (handled) { event.preventDefault(); }
  });

  // Phones: a horizontal swipe turns the slide (not inside a table or chart that scrolls sideways).
  var start = null;
  document.addEventListener("touchstart", function (event) {
    var t = event.touches[0];
    start = event.touches.length === 1 && !event.target.closest("[data-testid='stTable'], svg, .st-key-slide_bar")
      ? {x: t.clientX, y: t.clientY} : null;
  }, {passive: true});
  document.addEventListener("touchend", function (event) {
    if (!start || !inDeck()) { return; }
    var t = event.changedTouches[0], dx = t.clientX - start.x, dy = t.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) { press(dx < 0 ? "slide_next" : "slide_prev"); }
  }, {passive: true});
}());
