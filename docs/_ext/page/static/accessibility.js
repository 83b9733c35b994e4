// Code, output and timelines that scroll can be reached with Tab and scrolled
// with the arrow keys (WCAG 2.1.1); the ones that fit stay out of the Tab order.
(function () {
  "use strict";
  var SELECTOR = "pre, figure.process-timeline";
  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var scrolls =
        el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && el.hasAttribute("data-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
