// Code, output and timelines that scroll can be reached with Tab and scrolled
// with the arrow keys (WCAG 2.1.1); the ones that fit stay out of the Tab order.
// Each one that scrolls names in data-more the edges it has more beyond
// ("up down left right"), for the shadow that says so (accessibility.css).
(function () {
  "use strict";
  var SELECTOR = "pre, figure.process-timeline";
  function more(el) {
    var edges = [];
    if (el.scrollTop > 1) edges.push("up");
    if (el.scrollTop + el.clientHeight < el.scrollHeight - 1) edges.push("down");
    if (el.scrollLeft > 1) edges.push("left");
    if (el.scrollLeft + el.clientWidth < el.scrollWidth - 1) edges.push("right");
    if (edges.length) {
      el.setAttribute("data-more", edges.join(" "));
    } else {
      el.removeAttribute("data-more");
    }
  }
  function scrolled(event) {
    more(event.currentTarget);
  }
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
      el.removeEventListener("scroll", scrolled);
      if (scrolls) {
        el.addEventListener("scroll", scrolled, { passive: true });
      }
      more(el);
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
