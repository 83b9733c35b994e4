// Run a built site's own search JavaScript in Node, as its search page would.
// Usage: node search.js HTML_DIR QUERY            -> the result docnames, as JSON.
//        node search.js HTML_DIR QUERY --summary  -> {"results": [...], "summary":
//        the line the page writes under the results, in the page's language}.
// The page's scripts are loaded unchanged, its translations included; only the
// browser around them is stubbed.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [dir, query, mode] = process.argv.slice(2);
const element = () => new Proxy({ lastChild: null, dataset: {}, style: {} }, {
  get: (target, key) => (key in target ? target[key] : () => element()),
});
const context = {
  console,
  URLSearchParams,
  setTimeout: () => 0,
  localStorage: { setItem() {}, getItem() { return null; } },
  // "loading": the scripts' start-up code waits for an event that never comes
  document: { documentElement: { dataset: { content_root: "./" } },
              getElementById: () => element(), createElement: () => element(),
              body: element(), readyState: "loading", addEventListener() {} },
  location: { search: "" },
  SPHINX_HIGHLIGHT_ENABLED: false,
};
context.window = context;
vm.createContext(context);

// The scripts search.html loads, in its order, then the index.
const page = fs.readFileSync(path.join(dir, "search.html"), "utf8");
const wanted = /documentation_options|doctools|translations|searchtools|language_data/;
const scripts = [...page.matchAll(/<script src="([^"?]+)/g)].map((m) => m[1])
  .filter((src) => wanted.test(src));
for (const src of [...scripts, "searchindex.js"]) {
  vm.runInContext(fs.readFileSync(path.join(dir, src), "utf8"), context, { filename: src });
}
const results = vm.runInContext(
  `(() => { const parsed = Search._parseQuery(${JSON.stringify(query)});
            return Search._performSearch(...parsed).map((r) => r[0]); })()`,
  context,
);
if (mode === "--summary") {
  // what the page does when the last result is shown (searchtools.js)
  const summary = vm.runInContext(
    `(() => { Search.title = {}; Search.status = {};
              _finishSearch(${results.length});
              return Search.status.innerText; })()`,
    context,
  );
  console.log(JSON.stringify({ results, summary }));
} else {
  console.log(JSON.stringify(results));
}
