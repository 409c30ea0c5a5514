/*! amocrm-notify embed: after the loader (above), start the app in embed mode.
 *
 *   <script src="/embed/amocrm-notify-embed.js" data-mount="#notifications"></script>
 *
 * data-mount names the element the bell goes into (a CSS selector); without it, or when nothing
 * matches, an <amocrm-notify> element is added at the end of the page. The UI lives in a shadow root
 * on that element. The .js and .wasm files are loaded from beside this script.
 */
(function (w, script) {
  "use strict";
  if (!script) return;
  var base = new URL(".", script.src).href;
  w.amocrmNotifyEmbed = { target: script.getAttribute("data-mount") || null };
  var state = w.AMOCRM.notifications.__amocrmNotify;
  // The wasm is fetched at once, beside the glue, not after it, and compiled as it streams in, while
  // the glue loads; the glue's init takes the compiled module. Where streaming compilation fails (a
  // server that sends another Content-Type), the init takes the response and says why.
  var wasm = fetch(base + "amocrm-notify_bg.wasm");
  var compiled = wasm
    .then(function (response) { return WebAssembly.compileStreaming(response.clone()); })
    .catch(function () { return wasm; });
  // So are the glue and the JS snippets it imports (scripts/embed.mjs lists them at build time).
  ["amocrm-notify.js"].concat(/* SNIPPETS */ []).forEach(function (file) {
    var link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = base + file;
    document.head.appendChild(link);
  });
  Promise.all([import(base + "amocrm-notify.js"), compiled])
    .then(function (loaded) { return loaded[0].default({ module_or_path: loaded[1] }); })
    .catch(function (reason) { state.loadFailed(reason); });
})(window, document.currentScript);
