/* clashmap map page: one set of filters (kept in the URL) drives the map, the timeline and the
   table. Every string from the data is put in the page with textContent, never innerHTML. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('clashmap-config').textContent);
  var form = document.getElementById('filters');
  var statusEl = document.getElementById('status');
  var tbody = document.querySelector('#events-table tbody');

  // One colour per ACLED event type (colour-blind-safe Okabe-Ito hues); others fall back to grey.
  var COLORS = {
    'Battles': '#D55E00',
    'Explosions/Remote violence': '#E69F00',
    'Violence against civilians': '#CC79A7',
    'Strategic developments': '#0072B2',
    'Protests': '#009E73',
    'Riots': '#56B4E9'
  };
  function colorFor(type) { return COLORS[type] || '#777777'; }

  // ---- filters <-> URL ---------------------------------------------------------------------

  function pageParams() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim() !== '') p.append(k, String(v).trim()); });
    return p;
  }
  // The page says "show aggregates"; the API filters on aggregate=true/false.
  function apiParams(page) {
    var p = new URLSearchParams(page);
    if (!p.has('show_aggregates')) p.set('aggregate', 'false');
    p.delete('show_aggregates');
    return p;
  }
  function setForm(params) {
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) return;
      if (input.type === 'checkbox') input.checked = params.has(input.name);
      else input.value = params.get(input.name) || '';
    });
  }

  // ---- map ---------------------------------------------------------------------------------

  var map = null, cluster = null;
  var mapDiv = document.getElementById('map');
  if (window.L && L.markerClusterGroup && !mapDiv.hasAttribute('data-missing')) {
    map = L.map(mapDiv, {minZoom: 1, maxZoom: 12, worldCopyJump: true}).setView([19.5, 96.5], 5);
    var bases = {};
    if (config.tiles.offline) {
      // the MBTiles stop at offline_maxzoom; past it Leaflet scales the last level up
      bases['Offline basemap'] = L.tileLayer(config.tiles.offline, {
        minZoom: 0, maxNativeZoom: config.tiles.offline_maxzoom, maxZoom: 12,
        attribution: config.tiles.offline_attribution
      });
    }
    if (config.tiles.online) {
      bases['Online tiles'] = L.tileLayer(config.tiles.online, {maxZoom: 12, attribution: config.tiles.online_attribution});
    }
    var names = Object.keys(bases);
    // an online layer is only there because the operator asked for it, so it is the default
    if (names.length) bases[config.tiles.online ? 'Online tiles' : names[0]].addTo(map);
    if (names.length > 1) L.control.layers(bases).addTo(map);

    cluster = L.markerClusterGroup({
      maxClusterRadius: 45,
      // a cluster takes the colour of the event type most of its events have
      iconCreateFunction: function (c) {
        var counts = {}, best = null;
        c.getAllChildMarkers().forEach(function (mk) {
          var t = mk.options.eventType;
          counts[t] = (counts[t] || 0) + 1;
          if (best === null || counts[t] > counts[best]) best = t;
        });
        var n = c.getChildCount(), size = Math.round(26 + 8 * Math.log10(n));
        return L.divIcon({
          html: '<span style="background:' + colorFor(best) + ';width:' + size + 'px;height:' + size +
                'px;line-height:' + size + 'px">' + n + '</span>',
          className: 'cm-cluster', iconSize: L.point(size, size)
        });
      }
    });
    map.addLayer(cluster);
  } else if (!mapDiv.hasAttribute('data-missing')) {
    var msg = document.createElement('p');
    msg.className = 'error';
    msg.id = 'map-missing';
    msg.textContent = 'The map library did not load; run scripts/build_web.sh and reload. ' +
                      'The timeline and the table still work.';
    mapDiv.appendChild(msg);
  }

  function radiusFor(ev) {
    // area grows with fatalities; "not reported" keeps the smallest size
    return ev.fatalities ? Math.min(28, 5 + 3 * Math.sqrt(ev.fatalities)) : 5;
  }

  function placeOf(ev) {
    return [ev.location, ev.admin3, ev.admin1].filter(function (x) { return x; })
      .filter(function (x, i, a) { return a.indexOf(x) === i; }).join(', ');
  }

  function popup(ev) {
    var div = document.createElement('div');
    var h = document.createElement('strong');
    h.textContent = ev.event_type + (ev.sub_event_type ? ': ' + ev.sub_event_type : '');
    div.appendChild(h);
    [ev.date + (ev.date_end && ev.date_end !== ev.date ? ' – ' + ev.date_end : ''), placeOf(ev),
     [ev.actor1, ev.actor2].filter(Boolean).join(' vs '),
     'fatalities: ' + (ev.fatalities === null || ev.fatalities === undefined ? 'not reported' : ev.fatalities)
    ].forEach(function (line) {
      if (!line) return;
      div.appendChild(document.createElement('br'));
      div.appendChild(document.createTextNode(line));
    });
    div.appendChild(document.createElement('br'));
    var a = document.createElement('a');
    a.href = '/events/' + encodeURIComponent(ev.event_id);
    a.textContent = 'Open event';
    div.appendChild(a);
    return div;
  }

  function drawMap(events) {
    if (!cluster) return 0;
    cluster.clearLayers();
    var markers = [];
    events.forEach(function (ev) {
      if (typeof ev.latitude !== 'number' || typeof ev.longitude !== 'number') return;
      var mk = L.circleMarker([ev.latitude, ev.longitude], {
        radius: radiusFor(ev), color: '#222', weight: 1, fillColor: colorFor(ev.event_type),
        fillOpacity: 0.8, dashArray: ev.aggregate ? '3 3' : null, eventType: ev.event_type
      });
      mk.bindPopup(function () { return popup(ev); });
      markers.push(mk);
    });
    cluster.addLayers(markers);
    // new filters show their events: the view follows the data (never zooming in past 7)
    if (markers.length) map.fitBounds(cluster.getBounds(), {maxZoom: 7, padding: [20, 20]});
    return markers.length;
  }

  // ---- legend, table, datalists ------------------------------------------------------------

  (function legend() {
    var box = document.getElementById('legend');
    config.event_types.forEach(function (t) {
      var item = document.createElement('span');
      var sw = document.createElement('i');
      sw.style.background = colorFor(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      box.appendChild(item);
    });
    var note = document.createElement('span');
    note.textContent = 'size: fatalities · dashed: summary claim';
    box.appendChild(note);
  })();

  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    tr.appendChild(td);
    return td;
  }

  function drawTable(events) {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    events.forEach(function (ev) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-event-id', ev.event_id);
      var td = cell(tr, '');
      var a = document.createElement('a');
      a.href = '/events/' + encodeURIComponent(ev.event_id);
      a.textContent = ev.date || 'undated';
      td.appendChild(a);
      var tcell = cell(tr, ev.event_type + (ev.aggregate ? ' (summary' +
                       (ev.event_count ? ' of ' + ev.event_count + ' events)' : ')') : ''));
      var sw = document.createElement('i');
      sw.className = 'dot';
      sw.style.background = colorFor(ev.event_type);
      tcell.insertBefore(sw, tcell.firstChild);
      cell(tr, ev.sub_event_type);
      cell(tr, placeOf(ev));
      cell(tr, [ev.actor1, ev.actor2].filter(Boolean).join(' vs '));
      cell(tr, ev.fatalities);
      cell(tr, ev.verified === true ? 'yes' : ev.verified === false ? 'no' : '—');
      cell(tr, ev.review_status || 'unreviewed');
      if (ev.aggregate) tr.className = 'aggregate';
      tbody.appendChild(tr);
    });
  }

  function fillDatalists(events) {
    var fields = {'dl-country': ['country'], 'dl-admin1': ['admin1'], 'dl-admin3': ['admin3'],
                  'dl-actor': ['actor1', 'actor2']};
    Object.keys(fields).forEach(function (id) {
      var dl = document.getElementById(id), seen = {};
      events.forEach(function (ev) { fields[id].forEach(function (f) { if (ev[f]) seen[ev[f]] = 1; }); });
      Object.keys(seen).sort().forEach(function (v) {
        if (dl.querySelector('option[value="' + CSS.escape(v) + '"]')) return;
        var o = document.createElement('option');
        o.value = v;
        dl.appendChild(o);
      });
    });
  }

  // ---- refresh -----------------------------------------------------------------------------

  var lastStats = null, seq = 0;

  function drawTimeline() {
    ['events', 'fatalities'].forEach(function (key) {
      window.clashmapTimeline.render(document.getElementById('chart-' + key), lastStats, key, colorFor, onWeek);
    });
  }

  function onWeek(week) {
    var d = new Date(week + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 6);
    form.elements.date_from.value = week;
    form.elements.date_to.value = d.toISOString().slice(0, 10);
    refresh(true);
  }

  function fetchJSON(url) {
    return fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}}).then(function (r) {
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (b) {
        throw new Error((b && b.detail ? JSON.stringify(b.detail) : '') || ('HTTP ' + r.status));
      });
      return r.json();
    });
  }

  function refresh(push) {
    var page = pageParams();
    if (push) {
      var qs = page.toString(), target = qs ? '?' + qs : location.pathname;
      // Enter in a text box fires both "change" and "submit": one history entry, not two,
      // so Back really goes to the previous view
      if (location.search !== (qs ? '?' + qs : '')) history.pushState(null, '', target);
    }
    var api = apiParams(page).toString(), mine = ++seq;
    statusEl.textContent = 'Loading events…';
    statusEl.setAttribute('data-state', 'loading');
    Promise.all([
      fetchJSON('/api/events?' + api + (api ? '&' : '') + 'limit=' + config.limit),
      fetchJSON('/api/stats?' + api)
    ]).then(function (res) {
      if (mine !== seq) return; // a newer request superseded this one
      var events = res[0].events;
      lastStats = res[1];
      var onMap = drawMap(events);
      drawTable(events);
      drawTimeline();
      fillDatalists(events);
      var fat = events.reduce(function (s, e) { return s + (e.fatalities || 0); }, 0);
      var text = events.length + ' event' + (events.length === 1 ? '' : 's') + ', ' + fat + ' reported fatalities';
      if (map) text += '; ' + onMap + ' on the map';
      if (events.length >= config.limit) text += ' (first ' + config.limit + ' shown: narrow the filters)';
      statusEl.textContent = text;
      statusEl.setAttribute('data-state', 'ready');
      statusEl.setAttribute('data-count', String(events.length));
      statusEl.setAttribute('data-markers', String(onMap));
    }).catch(function (err) {
      if (mine !== seq) return;
      statusEl.textContent = 'Could not load events: ' + err.message;
      statusEl.setAttribute('data-state', 'error');
    });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); refresh(true); });
  form.addEventListener('change', function () { refresh(true); });
  window.addEventListener('popstate', function () {
    setForm(new URLSearchParams(location.search));
    refresh(false);
  });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (lastStats) drawTimeline(); }, 150);
  });
  refresh(false);
})();
