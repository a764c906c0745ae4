/* Mission Tracker: progressive enhancement. Every page works without this file.
 *
 * - "Copy" buttons for links, embed codes and citations (with and without the Clipboard API).
 * - Interactive charts: tooltips and a breakdown selector, using the Vega runtime the site
 *   serves itself (assets/vendor/vega.js), loaded only when a reader first reaches for a chart.
 * - Works with Material's instant navigation: everything runs again on each page it loads.
 */
(function () {
  "use strict";

  var runtime = null; // one promise for the Vega runtime, shared by every chart

  function siteRoot() {
    // Material sets the base URL on the script tags it renders; derive ours from this file.
    var script = document.querySelector('script[src*="assets/javascripts/mission-tracker.js"]');
    return script ? script.src.replace(/assets\/javascripts\/mission-tracker\.js.*$/, "") : "/";
  }

  function loadRuntime() {
    if (!runtime) {
      runtime = new Promise(function (resolve, reject) {
        if (window.vegaEmbed) return resolve(window.vegaEmbed);
        var tag = document.createElement("script");
        tag.src = siteRoot() + "assets/vendor/vega.js";
        tag.onload = function () { resolve(window.vegaEmbed); };
        tag.onerror = function () { runtime = null; reject(new Error("Vega runtime did not load")); };
        document.head.appendChild(tag);
      });
    }
    return runtime;
  }

  /* -- copying ---------------------------------------------------------------------------- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for browsers or pages without the Clipboard API: a selected, off-screen field.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.left = "-9999px";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function announce(control, message) {
    var note = control.parentNode.querySelector(".mt-copied");
    if (!note) {
      note = document.createElement("span");
      note.className = "mt-copied";
      note.setAttribute("role", "status");
      control.parentNode.appendChild(note);
    }
    note.textContent = message;
  }

  function initCopy(root) {
    root.querySelectorAll(".mt-copy-link").forEach(function (link) {
      if (link.dataset.mtReady) return;
      link.dataset.mtReady = "1";
      link.addEventListener("click", function (event) {
        // Without JavaScript the link simply goes to the chart's anchor, whose address can be
        // copied from the address bar; with it, the full address is copied as well.
        event.preventDefault();
        history.replaceState(null, "", link.getAttribute("href"));
        copyText(link.dataset.copy).then(
          function () { announce(link, "Link copied"); },
          function () { announce(link, "Copy this address: " + link.dataset.copy); }
        );
      });
    });
    root.querySelectorAll(".mt-copy").forEach(function (button) {
      if (button.dataset.mtReady) return;
      button.dataset.mtReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copyTarget);
        var text = source.value !== undefined && source.tagName === "TEXTAREA" ? source.value : source.textContent;
        copyText(text.trim()).then(
          function () { announce(button, "Copied"); },
          function () {
            if (source.select) source.select();
            announce(button, "Press Ctrl+C (or Cmd+C) to copy");
          }
        );
      });
    });
  }

  /* -- interactive charts ------------------------------------------------------------------ */

  function withTooltips(spec) {
    var copy = JSON.parse(JSON.stringify(spec));
    var layers = copy.layer || [];
    var x = null, y = null;
    layers.forEach(function (layer) {
      if (layer.data && layer.data.name === "observations" && layer.encoding && layer.encoding.x) {
        x = layer.encoding.x; y = layer.encoding.y;
      }
    });
    if (x && y) {
      layers.push({
        data: { name: "observations" },
        transform: [{ filter: "datum.v != null" }],
        mark: { type: "point", size: 260, opacity: 0.001, filled: true },
        encoding: {
          x: x, y: y,
          tooltip: [
            { field: "s", title: "Series" },
            { field: "period", title: "Period" },
            { field: "value", title: "Value" }
          ]
        }
      });
    }
    return copy;
  }

  function addSeries(spec, breakdowns, index) {
    var copy = JSON.parse(JSON.stringify(spec));
    if (index === "") return copy;
    var name = "series" + index;
    var rows = breakdowns.datasets[name] || [];
    copy.datasets.compare = rows;
    var base = null;
    copy.layer.forEach(function (layer) {
      if (!base && layer.data && layer.data.name === "observations" && layer.mark && layer.mark.type === "line") base = layer;
    });
    if (!base) return copy;
    copy.layer.push({
      data: { name: "compare" },
      mark: { type: "line", color: "#F46A25", strokeWidth: 2.5, invalid: "break-paths-filter-domains" },
      encoding: { x: base.encoding.x, y: base.encoding.y, detail: { field: "g", type: "nominal" } }
    });
    copy.layer.push({
      data: { name: "compare" },
      transform: [{ filter: "datum.v != null" }],
      mark: { type: "point", size: 260, opacity: 0.001, filled: true },
      encoding: {
        x: base.encoding.x, y: base.encoding.y,
        tooltip: [{ field: "s", title: "Series" }, { field: "period", title: "Period" }, { field: "value", title: "Value" }]
      }
    });
    return copy;
  }

  function withoutMarkRoles(spec) {
    // The chart is one image (role "img", named and described by the page), as the static one
    // is; Vega would otherwise give every group of marks a role of its own, without a name.
    var copy = JSON.parse(JSON.stringify(spec));
    copy.config = copy.config || {};
    copy.config.mark = Object.assign({}, copy.config.mark, { aria: false });
    return copy;
  }

  function draw(figure, spec) {
    var holder = figure.querySelector(".mt-figure__image") || figure;
    var labelled = figure.getAttribute("aria-labelledby");
    return loadRuntime().then(function (vegaEmbed) {
      var target = document.createElement("div");
      return vegaEmbed(target, withoutMarkRoles(spec), { renderer: "svg", actions: false, tooltip: { theme: "light" } }).then(function () {
        var svg = target.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          if (labelled) svg.setAttribute("aria-labelledby", labelled);
          var described = figure.querySelector(".mt-figure__description");
          if (described && described.id) svg.setAttribute("aria-describedby", described.id);
        }
        holder.replaceChildren(target);
        figure.classList.add("mt-interactive");
      });
    });
  }

  /* Choosing the held values of a crossed breakdown: one list per other breakdown, offering
     the combinations the data have (views.json, written with the page); each choice swaps in
     its chart and its description. Without JavaScript the page shows the default, and the
     table below has every figure. */
  function addChoices(figure, choices) {
    var options = choices.options || [];
    if (options.length < 2) return;
    var wrap = document.createElement("fieldset");
    wrap.className = "mt-choices";
    var legend = document.createElement("legend");
    legend.textContent = "Show the chart for";
    wrap.appendChild(legend);
    var status = document.createElement("p");
    status.className = "mt-visually-hidden";
    status.setAttribute("aria-live", "polite");
    var selects = {};
    choices.breakdowns.forEach(function (b) {
      var offered = {};
      options.forEach(function (o) { if (b.column in o.held) offered[o.held[b.column]] = true; });
      var id = figure.id + "-held-" + b.column;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = b.label + " ";
      var select = document.createElement("select");
      select.id = id;
      b.values.forEach(function (v) {
        if (!offered[v.value]) return;
        var option = document.createElement("option");
        option.value = v.value;
        option.textContent = v.label;
        select.appendChild(option);
      });
      select.value = options[0].held[b.column];
      selects[b.column] = select;
      label.appendChild(select);
      wrap.appendChild(label);
    });
    function matches(o, column, value) {
      return Object.keys(selects).every(function (c) {
        return c === column ? o.held[c] === value : o.held[c] === selects[c].value;
      });
    }
    function choose(column) {
      var value = selects[column].value;
      var found = options.filter(function (o) { return matches(o, column, value); })[0] ||
        options.filter(function (o) { return o.held[column] === value; })[0];
      if (!found) return;
      Object.keys(selects).forEach(function (c) { selects[c].value = found.held[c]; });
      draw(figure, found.spec).then(function () {
        var described = figure.querySelector(".mt-figure__description");
        if (described) described.textContent = found.description;
        status.textContent = "Showing the chart " + found.words + ".";
      });
    }
    Object.keys(selects).forEach(function (column) {
      selects[column].addEventListener("change", function () { choose(column); });
    });
    wrap.appendChild(status);
    figure.insertBefore(wrap, figure.querySelector(".mt-figure__image"));
  }

  function enhance(figure) {
    if (figure.dataset.mtReady) return;
    figure.dataset.mtReady = "1";
    var url = figure.dataset.spec;
    var breakdownsUrl = figure.dataset.breakdowns;
    var specs = Promise.all([
      fetch(url).then(function (r) { return r.json(); }),
      breakdownsUrl ? fetch(breakdownsUrl).then(function (r) { return r.json(); }) : Promise.resolve(null)
    ]);
    specs.then(function (both) {
      var spec = both[0], breakdowns = both[1];
      var current = withTooltips(spec);
      return draw(figure, current).then(function () {
        if (figure.dataset.views) {
          fetch(figure.dataset.views).then(function (r) { return r.json(); }).then(function (choices) {
            addChoices(figure, choices);
          });
        }
        if (!breakdowns || !breakdowns.datasets) return;
        var names = Object.keys(breakdowns.datasets).filter(function (k) { return /^series\d+$/.test(k); });
        if (!names.length) return;
        var wrap = document.createElement("p");
        wrap.className = "mt-compare";
        var id = figure.id + "-compare";
        var label = document.createElement("label");
        label.setAttribute("for", id);
        label.textContent = "Compare with: ";
        var select = document.createElement("select");
        select.id = id;
        var none = document.createElement("option");
        none.value = ""; none.textContent = "nothing (headline only)";
        select.appendChild(none);
        names.sort().forEach(function (name) {
          var rows = breakdowns.datasets[name];
          var option = document.createElement("option");
          option.value = name.replace("series", "");
          option.textContent = rows.length ? rows[0].s : name;
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          draw(figure, withTooltips(addSeries(spec, breakdowns, select.value)));
        });
        wrap.appendChild(label);
        wrap.appendChild(select);
        figure.insertBefore(wrap, figure.querySelector("figcaption"));
      });
    }).catch(function () {
      figure.dataset.mtReady = ""; // the static chart stays; try again on the next visit
    });
  }

  function initCharts(root) {
    root.querySelectorAll("figure[data-spec]").forEach(function (figure) {
      // Load on first intent (pointer, keyboard focus or touch), so a first view downloads
      // nothing but the page and its static chart.
      ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
        figure.addEventListener(type, function () { enhance(figure); }, { once: true, passive: true });
      });
    });
  }

  function nameSearchDialog() {
    // Material's search panel is a dialog without a name; screen readers announce it as
    // "dialog" alone. (Search needs JavaScript, so naming it here covers every case.)
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function init() {
    nameSearchDialog();
    initCopy(document);
    initCharts(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
