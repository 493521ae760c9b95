/* relgraph view: draws the view held in #view-data with vis-network.
   Every piece of data reaches the DOM as text (textContent, attributes set as values,
   canvas labels); nothing is parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  /* ---- header ---- */
  document.title = data.title;
  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;
  if (location.hash === "#snapshot") document.body.classList.add("snapshot");

  /* ---- the network ---- */
  /* Expand the compact data: shared styles, tooltip labels and line rows. */
  function rowsOf(rows) { return rows.map(function (r) { return [data.labels[r[0]], r[1]]; }); }
  data.nodes = data.nodes.map(function (n) {
    var node = Object.assign({}, data.styles[n.s], n);
    delete node.s;
    return node;
  });
  Object.keys(data.details).forEach(function (id) { data.details[id].rows = rowsOf(data.details[id].rows); });
  var lineRows = data.lineRows.map(rowsOf);
  /* A line's tooltip, by edge id; apart from data.details, whose keys are people's ids (which may be "e0"). */
  var lineDetails = {};
  data.edges = data.edges.map(function (e, i) {
    var id = "e" + i, name = function (n) { return data.details[n] ? data.details[n].name : n; };
    lineDetails[id] = { name: name(e[0]) + " \u2192 " + name(e[1]), rows: lineRows[e[3]] };
    return Object.assign({}, data.styles[e[2]], { id: id, from: e[0], to: e[1] });
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = { network: network, nodes: nodes, edges: edges, data: data, ready: !data.physics, firstDraw: null };
  window.relgraph = state;

  /* Time to first render, in ms since navigation started. */
  network.once("afterDrawing", function () { state.firstDraw = performance.now(); });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    state.ready = true;
  });
  /* Fit the whole map to the window until the reader moves or zooms it themselves. */
  var moved = false;
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });
  function refit() { if (!moved && state.ready) { network.redraw(); network.fit(); } }
  network.on("resize", refit);
  window.addEventListener("load", refit);
  if (document.fonts) document.fonts.ready.then(refit);
  setTimeout(refit, 300);
  if (!data.physics) network.once("afterDrawing", function () { network.fit(); });

  /* ---- tooltips: a DOM element filled with text ---- */
  var tooltip = document.getElementById("tooltip");

  function showTooltip(info, pointer) {
    if (!info) return;
    tooltip.replaceChildren();
    tooltip.appendChild(el("h3", info.name));
    var table = el("table");
    info.rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    tooltip.appendChild(table);
    tooltip.hidden = false;
    var box = container.getBoundingClientRect(), main = container.parentNode.getBoundingClientRect();
    var x = box.left - main.left + pointer.x + 14, y = box.top - main.top + pointer.y + 14;
    var maxX = main.width - tooltip.offsetWidth - 4, maxY = main.height - tooltip.offsetHeight - 4;
    tooltip.style.left = Math.max(0, Math.min(x, maxX)) + "px";
    tooltip.style.top = Math.max(0, Math.min(y, maxY)) + "px";
  }

  function hideTooltip() { tooltip.hidden = true; }
  network.on("hoverNode", function (p) { showTooltip(data.details[p.node], p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(lineDetails[p.edge], p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    if (p.nodes.length) showTooltip(data.details[p.nodes[0]], p.pointer.DOM);
    else if (p.edges.length) showTooltip(lineDetails[p.edges[0]], p.pointer.DOM);
    else hideTooltip();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTooltip(); });

  /* ---- search: by name or id; Enter or a click focuses the person ---- */
  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  var people = data.nodes.filter(function (n) { return data.details[n.id] && data.details[n.id].facets; })
    .map(function (n) {
      return { id: String(n.id), name: String(data.details[n.id].name), shown: String(data.details[n.id].id || "") };
    });

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    function rank(p) {
      var name = p.name.toLowerCase(), id = p.id.toLowerCase();
      if (id === q || name === q) return 0;
      if (id.indexOf(q) === 0 || name.indexOf(q) === 0) return 1;
      return (id.indexOf(q) >= 0 || name.indexOf(q) >= 0) ? 2 : 3;
    }
    return people.map(function (p) { return [rank(p), p]; })
      .filter(function (r) { return r[0] < 3; })
      .sort(function (a, b) { return a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1); })
      .slice(0, 30).map(function (r) { return r[1]; });
  }

  function focusPerson(id) {
    if (nodes.get(id) && nodes.get(id).hidden) resetFilters();
    network.selectNodes([id]);
    /* On big maps every frame of an animation redraws thousands of lines: jump instead. */
    var animation = data.nodes.length > 1000 ? false : { duration: 300 };
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: animation });
    state.focused = id;
  }

  search.addEventListener("input", function () {
    results.replaceChildren();
    matches(search.value).forEach(function (p) {
      var item = el("li"), button = el("button");
      button.type = "button";
      button.appendChild(el("span", p.name));
      if (p.shown) button.appendChild(el("span", p.shown, "id"));
      button.addEventListener("click", function () { focusPerson(p.id); });
      item.appendChild(button);
      results.appendChild(item);
    });
  });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var found = matches(search.value);
    if (found.length) focusPerson(found[0].id);
  });

  /* ---- filters: department, layer, stance ---- */
  var filterBox = document.getElementById("filters");
  var chosen = {};
  var count = el("p", "", "");
  count.id = "filter-count";

  data.filters.forEach(function (filter) {
    var set = el("fieldset"), title = el("legend", filter.label);
    set.appendChild(title);
    if (filter.facet === "department") {
      var select = el("select");
      select.id = "filter-department";
      select.setAttribute("aria-label", filter.label);
      var all = el("option", "all departments");
      all.value = "";
      select.appendChild(all);
      filter.values.forEach(function (v) { var o = el("option", v[1]); o.value = v[0]; select.appendChild(o); });
      select.addEventListener("change", function () {
        chosen.department = select.value ? [select.value] : null;
        applyFilters();
      });
      set.appendChild(select);
    } else {
      filter.values.forEach(function (v) {
        var label = el("label"), box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.value = v[0];
        box.dataset.facet = filter.facet;
        box.addEventListener("change", function () {
          var boxes = set.querySelectorAll("input:checked");
          chosen[filter.facet] = Array.prototype.map.call(boxes, function (b) { return b.value; });
          applyFilters();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + v[1]));
        label.style.fontWeight = "normal";
        label.style.display = "inline-block";
        label.style.marginRight = "8px";
        set.appendChild(label);
      });
    }
    filterBox.appendChild(set);
  });
  filterBox.appendChild(count);

  function visible(id) {
    var info = data.details[id];
    if (!info || !info.facets) return true;
    return Object.keys(chosen).every(function (facet) {
      var allowed = chosen[facet], value = info.facets[facet];
      return !allowed || value === null || value === undefined || allowed.indexOf(value) >= 0;
    });
  }

  function applyFilters() {
    var shown = 0;
    nodes.update(data.nodes.map(function (n) {
      var show = visible(n.id);
      if (show) shown += 1;
      return { id: n.id, hidden: !show };
    }));
    count.textContent = shown + " of " + data.nodes.length + " shown";
  }

  function resetFilters() {
    chosen = {};
    filterBox.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = true; });
    filterBox.querySelectorAll("select").forEach(function (s) { s.value = ""; });
    applyFilters();
  }
  count.textContent = data.nodes.length + " of " + data.nodes.length + " shown";

  /* ---- legend: every colour, shape and line, drawn as small SVGs ---- */
  function polygon(points) { return svg("polygon", { points: points.map(function (p) { return p.join(","); }).join(" ") }); }

  function regular(n, r, rotate) {
    var pts = [];
    for (var i = 0; i < n; i++) {
      var a = rotate + 2 * Math.PI * i / n;
      pts.push([12 + r * Math.cos(a), 12 + r * Math.sin(a)]);
    }
    return pts;
  }

  function shapeSwatch(spec) {
    var box = svg("svg", { width: 24, height: 24, viewBox: "0 0 24 24" }), shape;
    var s = spec.shape;
    if (s === "star") {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var r = i % 2 ? 4.5 : 10, a = -Math.PI / 2 + Math.PI * i / 5;
        pts.push([12 + r * Math.cos(a), 12 + r * Math.sin(a)]);
      }
      shape = polygon(pts);
    } else if (s === "diamond") shape = polygon([[12, 2], [22, 12], [12, 22], [2, 12]]);
    else if (s === "triangle") shape = polygon([[12, 2], [22, 20], [2, 20]]);
    else if (s === "triangleDown") shape = polygon([[2, 4], [22, 4], [12, 22]]);
    else if (s === "hexagon") shape = polygon(regular(6, 10, 0));
    else if (s === "square") shape = svg("rect", { x: 3, y: 3, width: 18, height: 18 });
    else shape = svg("circle", { cx: 12, cy: 12, r: 8 });
    shape.setAttribute("fill", spec.color);
    shape.setAttribute("stroke", spec.border || "#555555");
    shape.setAttribute("stroke-width", spec.border ? 3 : 1.5);
    if (spec.dashed) shape.setAttribute("stroke-dasharray", "4 2");
    if (spec.faded) shape.setAttribute("opacity", "0.35");
    if (spec.halo) {
      var halo = svg("circle", { cx: 12, cy: 12, r: 11.5, fill: spec.halo, opacity: 0.45 });
      box.appendChild(halo);
    }
    box.appendChild(shape);
    return box;
  }

  function lineSwatch(spec) {
    var box = svg("svg", { width: 40, height: 24, viewBox: "0 0 40 24" });
    var line = svg("line", { x1: 2, y1: 12, x2: spec.arrow ? 30 : 38, y2: 12, stroke: spec.color,
      "stroke-width": spec.width || 1.5 });
    if (spec.dashes) line.setAttribute("stroke-dasharray", spec.dashes.join(" "));
    box.appendChild(line);
    if (spec.arrow) {
      var head = polygon([[29, 6], [39, 12], [29, 18]]);
      head.setAttribute("fill", spec.color);
      box.appendChild(head);
    }
    return box;
  }

  var legend = document.getElementById("legend");
  data.legend.forEach(function (section) {
    var part = el("div", null, "legend-section");
    legend.appendChild(part);
    part.appendChild(el("h2", section.title));
    if (section.text) part.appendChild(el("p", section.text));
    if (!section.items) return;
    var list = el("ul");
    section.items.forEach(function (item) {
      var li = el("li");
      li.appendChild(item.node ? shapeSwatch(item.node) : lineSwatch(item.line));
      li.appendChild(el("span", item.label));
      list.appendChild(li);
    });
    part.appendChild(list);
  });

  state.search = function (text) { search.value = text; search.dispatchEvent(new Event("input")); return matches(text); };
  state.focusPerson = focusPerson;
}());
