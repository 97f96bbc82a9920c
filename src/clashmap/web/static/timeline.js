/* clashmap timeline: stacked weekly bars drawn as plain SVG (no chart library to ship).
   window.clashmapTimeline.render(svg, stats, key, colorFor, onWeekClick)
   stats = {event_types: [...], weeks: [{week: "YYYY-MM-DD", events: {type: n}, fatalities: {type: n}}]} */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  // A round upper bound for the y axis so tick labels read as 0 / 5 / 10, not 0 / 3.5 / 7.
  function niceMax(v) {
    if (v <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function render(svg, stats, key, colorFor, onWeekClick) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var W = Math.max(svg.clientWidth || 0, 300), H = 170;
    var m = {l: 38, r: 8, t: 8, b: 30};
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    var weeks = (stats && stats.weeks) || [], types = (stats && stats.event_types) || [];
    if (!weeks.length) {
      var t = el('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'empty'}, svg);
      t.textContent = 'No events for these filters';
      return;
    }
    var totals = weeks.map(function (w) {
      return types.reduce(function (s, ty) { return s + ((w[key] || {})[ty] || 0); }, 0);
    });
    var ymax = niceMax(Math.max.apply(null, totals));
    var pw = W - m.l - m.r, ph = H - m.t - m.b, bw = pw / weeks.length;
    var y = function (v) { return m.t + ph - (v / ymax) * ph; };

    // y axis: three ticks with light grid lines
    // counts are whole numbers: no "0.5 events" tick
    [0, ymax / 2, ymax].filter(function (v) { return Number.isInteger(v); }).forEach(function (v) {
      el('line', {x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), 'class': 'grid'}, svg);
      var lab = el('text', {x: m.l - 4, y: y(v) + 4, 'text-anchor': 'end', 'class': 'tick'}, svg);
      lab.textContent = Number.isInteger(v) ? String(v) : v.toFixed(1);
    });

    // x labels: about six, whatever the number of weeks
    var every = Math.max(1, Math.ceil(weeks.length / 6));
    weeks.forEach(function (w, i) {
      if (i % every) return;
      var lab = el('text', {x: m.l + i * bw + bw / 2, y: H - m.b + 14, 'text-anchor': 'middle', 'class': 'tick'}, svg);
      lab.textContent = w.week;
    });

    weeks.forEach(function (w, i) {
      var g = el('g', {'class': 'week', 'data-week': w.week}, svg);
      // bars keep a readable width: thin for years of weeks, never a wall for one week
      var width = Math.max(1, Math.min(48, bw - 2 * Math.min(1, bw * 0.1)));
      var x = m.l + i * bw + (bw - width) / 2;
      // a transparent column makes the whole week clickable, even an empty one
      el('rect', {x: m.l + i * bw, y: m.t, width: bw, height: ph, 'class': 'hit'}, g);
      var acc = 0, lines = [w.week + ' (week)'];
      types.forEach(function (ty) {
        var v = (w[key] || {})[ty] || 0;
        if (!v) return;
        el('rect', {x: x, y: y(acc + v), width: width, height: Math.max(0.5, y(acc) - y(acc + v)),
                    fill: colorFor(ty), 'class': 'bar', 'data-type': ty, 'data-value': v}, g);
        acc += v;
        lines.push(ty + ': ' + v);
      });
      lines.push('total: ' + acc);
      el('title', {}, g).textContent = lines.join('\n');
      if (onWeekClick) g.addEventListener('click', function () { onWeekClick(w.week); });
    });
  }

  window.clashmapTimeline = {render: render};
})();
