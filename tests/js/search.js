// Run a built site's own search JavaScript in Node, as its search page would.
// Usage: node search.js HTML_DIR QUERY   -> prints the result docnames as JSON.
// The page's scripts are loaded unchanged; only the browser around them is stubbed.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [dir, query] = process.argv.slice(2);
const element = () => new Proxy({ lastChild: null, dataset: {}, style: {} }, {
  get: (target, key) => (key in target ? target[key] : () => element()),
});
const context = {
  console,
  URLSearchParams,
  setTimeout: () => 0,
  localStorage: { setItem() {}, getItem() { return null; } },
  document: { documentElement: { dataset: { content_root: "./" } },
              getElementById: () => element(), createElement: () => element(),
              body: element(), readyState: "complete", addEventListener() {} },
  location: { search: "" },
  _: (text) => text,
  _ready: () => {},
  SPHINX_HIGHLIGHT_ENABLED: false,
};
context.window = context;
vm.createContext(context);

// The scripts search.html loads, in its order, then the index.
const page = fs.readFileSync(path.join(dir, "search.html"), "utf8");
const scripts = [...page.matchAll(/<script src="([^"?]+)/g)].map((m) => m[1])
  .filter((src) => /documentation_options|searchtools|language_data/.test(src));
for (const src of [...scripts, "searchindex.js"]) {
  vm.runInContext(fs.readFileSync(path.join(dir, src), "utf8"), context, { filename: src });
}
const results = vm.runInContext(
  `(() => { const parsed = Search._parseQuery(${JSON.stringify(query)});
            return Search._performSearch(...parsed).map((r) => r[0]); })()`,
  context,
);
console.log(JSON.stringify(results));
