/* Keeps the html element's lang attribute and document.title on the values of the current view, given as
 * data-lang and data-title by components/page_meta.py; Streamlit sets lang="en" and rewrites the title.
 *
 * Each value is written once per change: after a write the script remembers what the page then reads back (a
 * browser trims and collapses whitespace in document.title), and writes again only when the wanted value changes
 * or someone else changed the page's value since. Comparing the wanted text with the read-back one instead would
 * write on every mutation this very write causes: an observer loop that hangs the page. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  window.__minatoMeta = { lang: me.getAttribute("data-lang"), title: me.getAttribute("data-title") };
  if (!window.__minatoMetaWritten) { window.__minatoMetaWritten = { lang: null, title: null, titleRead: null }; }

  function apply() {
    var want = window.__minatoMeta;
    var done = window.__minatoMetaWritten;
    var root = document.documentElement;
    if (want.lang !== null && (want.lang !== done.lang || root.getAttribute("lang") !== want.lang)) {
      if (root.getAttribute("lang") !== want.lang) { root.setAttribute("lang", want.lang); }
      done.lang = want.lang;
    }
    if (want.title !== null && (want.title !== done.title || document.title !== done.titleRead)) {
      document.title = want.title;
      done.title = want.title;
      done.titleRead = document.title;
    }
    /* The main area is reachable by the skip link; as a tab stop of its own it only delays the controls. */
    var main = document.getElementById("stMain");
    if (main && main.getAttribute("tabindex") === "0") { main.setAttribute("tabindex", "-1"); }
  }
  apply();
  if (!window.__minatoMetaObserver) {
    window.__minatoMetaObserver = new MutationObserver(apply);
    window.__minatoMetaObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    window.__minatoMetaObserver.observe(document.head, { childList: true, subtree: true, characterData: true });
  }
}());
