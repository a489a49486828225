(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = data.nodes, says = data.words;
  var svg = document.getElementById("map"), tip = document.getElementById("tip");
  var frame = svg.parentNode, find = document.getElementById("find"), found = document.getElementById("found");
  var home = svg.getAttribute("data-view").split(" ").map(Number), view = home.slice();
  var marks = Array.prototype.slice.call(svg.querySelectorAll(".node"));
  var ties = Array.prototype.slice.call(svg.querySelectorAll(".tie"));
  var labels = Array.prototype.slice.call(svg.querySelectorAll(".label"));
  var partners = nodes.map(function () { return {}; });
  ties.forEach(function (t) {
    var a = +t.getAttribute("data-a"), b = +t.getAttribute("data-b");
    partners[a][b] = true; partners[b][a] = true;
  });

  function show() { svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" ")); }

  function line(parent, label, value) {
    if (value === "" || value === undefined || value === null) { return; }
    var row = document.createElement("div");
    row.textContent = label + ": " + value;
    parent.appendChild(row);
  }

  function tell(i, x, y) {
    var n = nodes[i];
    tip.textContent = "";
    var name = document.createElement("b");
    name.textContent = n.name;
    tip.appendChild(name);
    line(tip, says.sector, n.sector);
    line(tip, says.kind, n.kind);
    line(tip, says.tier, n.tier);
    line(tip, says.partners, String(n.partners));
    line(tip, says.provenance, n.provenance + (n.source ? " (" + says.source + " " + n.source + ")" : ""));
    tip.hidden = false;
    var box = frame.getBoundingClientRect();
    var left = Math.min(x - box.left + 12, box.width - tip.offsetWidth - 4);
    var top = y - box.top + 12;
    if (top + tip.offsetHeight > box.height) { top = y - box.top - tip.offsetHeight - 12; }
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = Math.max(0, top) + "px";
  }

  function hide() { tip.hidden = true; }

  function choose(i) {
    var keep = {};
    if (i !== null) { keep = Object.assign({}, partners[i]); keep[i] = true; }
    marks.forEach(function (m) {
      var j = +m.getAttribute("data-i");
      m.classList.toggle("dim", i !== null && !keep[j]);
      m.classList.toggle("chosen", i === j);
    });
    labels.forEach(function (l) {
      var j = +l.getAttribute("data-i");
      l.classList.toggle("dim", i !== null && !keep[j]);
    });
    ties.forEach(function (t) {
      var a = +t.getAttribute("data-a"), b = +t.getAttribute("data-b");
      t.classList.toggle("dim", i !== null && a !== i && b !== i);
    });
  }

  marks.forEach(function (m) {
    var i = +m.getAttribute("data-i");
    m.addEventListener("mouseenter", function (e) { tell(i, e.clientX, e.clientY); });
    m.addEventListener("mousemove", function (e) { tell(i, e.clientX, e.clientY); });
    m.addEventListener("mouseleave", hide);
    m.addEventListener("focus", function () {
      var r = m.getBoundingClientRect();
      tell(i, r.right, r.bottom);
    });
    m.addEventListener("blur", hide);
    m.addEventListener("click", function (e) { e.stopPropagation(); if (!moved) { choose(i); } });
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(i); }
    });
  });
  svg.addEventListener("click", function (e) { if (!moved) { choose(null); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { choose(null); hide(); } });

  find.addEventListener("input", function () {
    var q = find.value.trim().toLowerCase(), count = 0;
    marks.forEach(function (m) {
      var n = nodes[+m.getAttribute("data-i")];
      var hit = q !== "" && (n.name + " " + n.find).toLowerCase().indexOf(q) >= 0;
      if (hit) { count += 1; }
      m.classList.toggle("match", hit);
      m.classList.toggle("dim", q !== "" && !hit);
    });
    labels.forEach(function (l) { l.classList.toggle("dim", q !== ""); });
    ties.forEach(function (t) { t.classList.toggle("dim", q !== ""); });
    found.textContent = q === "" ? "" : count + " " + says.matches;
  });

  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view[0] + view[2] / 2; cy = view[1] + view[3] / 2; }
    var w = Math.min(Math.max(view[2] * factor, home[2] / 20), home[2] * 4);
    var h = w * view[3] / view[2];
    view = [cx - (cx - view[0]) * w / view[2], cy - (cy - view[1]) * h / view[3], w, h];
    show();
  }

  function toMap(e) {
    var r = svg.getBoundingClientRect();
    return [view[0] + (e.clientX - r.left) / r.width * view[2], view[1] + (e.clientY - r.top) / r.height * view[3]];
  }

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = toMap(e);
    zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, p[0], p[1]);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1 / 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.4); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view = home.slice(); show(); });
  svg.addEventListener("keydown", function (e) {
    var step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (e.target !== svg) { return; }
    if (step) { e.preventDefault(); view[0] += step[0] * view[2] / 10; view[1] += step[1] * view[3] / 10; show(); }
    if (e.key === "+" || e.key === "=") { zoom(1 / 1.4); }
    if (e.key === "-") { zoom(1.4); }
    if (e.key === "0") { view = home.slice(); show(); }
  });

  var start = null, moved = false;
  svg.addEventListener("pointerdown", function (e) {
    start = [e.clientX, e.clientY, view[0], view[1]];
    moved = false;
  });
  svg.addEventListener("pointermove", function (e) {
    if (!start) { return; }
    var r = svg.getBoundingClientRect();
    var dx = e.clientX - start[0], dy = e.clientY - start[1];
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    if (!moved) { svg.setPointerCapture(e.pointerId); svg.classList.add("dragging"); hide(); }
    moved = true;
    view[0] = start[2] - dx / r.width * view[2];
    view[1] = start[3] - dy / r.height * view[3];
    show();
  });
  function stop() { start = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  document.body.dataset.ready = "1";
}());
