/* "I have done this lesson" (docs/_ext/page/progress.py): kept in localStorage,
   shown as a checkbox on the lesson and a mark in the sidebar; nothing at all
   where storage is unavailable. */
"use strict";
(() => {
  const PREFIX = "processes-by-example:done:";
  const script = document.currentScript;
  const doneWord = (script && script.dataset.done) || "done";
  let store;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "?", "1");
    store.removeItem(PREFIX + "?");
  } catch (e) {
    return; // no storage (private mode, blocked): no checkbox, no marks
  }
  const root = new URL(
    document.documentElement.dataset.content_root || "./", window.location.href
  );
  // the page name of a link (examples/07_daemons/daemon_basics), or null
  const pageOf = (href) => {
    const url = new URL(href, window.location.href);
    if (!url.href.startsWith(root.href.replace(/[?#].*$/, ""))) return null;
    const path = url.pathname.slice(root.pathname.length);
    return path.endsWith(".html") ? path.slice(0, -".html".length) : null;
  };
  const isDone = (page) => store.getItem(PREFIX + page) === "1";
  const markSidebar = () => {
    document.querySelectorAll(".sidebar-tree a.reference").forEach((link) => {
      const page = pageOf(link.getAttribute("href"));
      const old = link.querySelector(".lesson-done-mark");
      if (old) old.remove();
      link.classList.toggle("lesson-done", page !== null && isDone(page));
      if (page !== null && isDone(page)) {
        const mark = document.createElement("span");
        mark.className = "lesson-done-mark";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = " \u2713";
        const words = document.createElement("span");
        words.className = "lesson-done-words";
        words.textContent = ` (${doneWord})`;
        link.append(mark, words);
      }
    });
  };
  const start = () => {
    const box = document.querySelector(".lesson-progress");
    if (box) {
      const page = box.dataset.lesson;
      const input = box.querySelector("input");
      input.checked = isDone(page);
      input.addEventListener("change", () => {
        try {
          if (input.checked) store.setItem(PREFIX + page, "1");
          else store.removeItem(PREFIX + page);
        } catch (e) {
          /* full or blocked since: the tick lasts this visit only */
        }
        markSidebar();
      });
      box.hidden = false;
    }
    markSidebar();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
