// Clout report: the map's zoom, pan, tooltip and selection, the search, the sortable and
// filterable ranking table and the explanation panel, from the JSON data block.
// Every string from the data reaches the page through textContent or setAttribute, never
// as markup; links are set only for https: addresses (Clout built them). The page names no
// address outside the data block, which a test checks, hence the regular expression below.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('c-data').textContent);
  var A = data.accounts;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function link(url, text) {
    if (typeof url !== 'string' || !/^https:\/\/[^\s"'<>`]+$/.test(url)) return el('span', text);
    var a = el('a', text);
    a.setAttribute('href', url);
    a.setAttribute('rel', 'noopener noreferrer');
    a.setAttribute('target', '_blank');
    return a;
  }
  function accountButton(index, text) {
    var b = el('button', text, 'c-link');
    b.type = 'button';
    b.setAttribute('data-account', String(index));
    return b;
  }
  function label(a) { return a.name ? a.name + ' (@' + a.handle + ')' : '@' + a.handle; }
  function fixed(x, places) { return Number(x).toFixed(places); }

  // Neighbours and the edges touching each account, from the map's edge list.
  var neighbours = A.map(function () { return {}; });
  var edgesOf = A.map(function () { return []; });
  data.edges.forEach(function (edge, k) {
    neighbours[edge[0]][edge[1]] = true;
    neighbours[edge[1]][edge[0]] = true;
    edgesOf[edge[0]].push(k);
    edgesOf[edge[1]].push(k);
  });

  // ---- Map -------------------------------------------------------------------------------
  var mapBox = document.getElementById('c-map');
  var svg = document.getElementById('c-svg');
  var tip = document.getElementById('c-tip');
  var nodeEls = new Array(A.length);
  var labelEls = new Array(A.length);
  var edgeEls = new Array(data.edges.length);
  var home = null;
  var view = null;

  if (svg) {
    // Graphviz's own tooltips (title elements, xlink:title) would double the script's.
    Array.prototype.slice.call(svg.querySelectorAll('g.node')).forEach(function (g) {
      var title = g.querySelector('title');
      var labelMatch = title && /^l(\d+)$/.exec(title.textContent);
      var idMatch = /^node(\d+)$/.exec(g.id);
      if (labelMatch) {
        labelEls[Number(labelMatch[1]) - 1] = g;
        g.setAttribute('data-account', String(Number(labelMatch[1]) - 1));
      } else if (idMatch && Number(idMatch[1]) <= A.length) {
        var index = Number(idMatch[1]) - 1;
        nodeEls[index] = g;
        g.setAttribute('data-account', String(index));
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', tipText(index));
      }
    });
    Array.prototype.slice.call(svg.querySelectorAll('g.edge')).forEach(function (g) {
      var match = /^edge(\d+)$/.exec(g.id);
      if (match && Number(match[1]) <= data.edges.length) edgeEls[Number(match[1]) - 1] = g;
    });
    Array.prototype.slice.call(svg.querySelectorAll('title')).forEach(function (t) { t.remove(); });
    Array.prototype.slice.call(svg.querySelectorAll('a')).forEach(function (a) {
      a.removeAttribute('xlink:title');
      a.removeAttribute('title');
    });
    var box = svg.viewBox.baseVal;
    home = { x: box.x, y: box.y, w: box.width, h: box.height };
    view = { x: home.x, y: home.y, w: home.w, h: home.h };
    // A map wider than the box's shape floated in empty bands above and below it (a 150-account
    // RumourEval map, 3.3 times as wide as tall, filled 300 of the box's 800 pixels): the box
    // takes the map's own shape when that is lower, never below 240 pixels. A CSS variable, so
    // the print stylesheet's height still wins.
    var shapeBox = function () {
      var fitted = mapBox.clientWidth * home.h / home.w;
      mapBox.style.setProperty('--c-map-height', Math.max(240, Math.round(fitted)) + 'px');
    };
    shapeBox();
    window.addEventListener('resize', shapeBox);
  }

  function tipText(i) {
    var a = A[i];
    return label(a) + ', ' + a.platform + ', rank ' + a.rank + ', score ' + a.score +
      ', community ' + a.community + (a.bridge ? ', bridge' : '');
  }
  function setView() {
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].map(function (v) {
      return v.toFixed(2);
    }).join(' '));
  }
  function toSVG(clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(factor, cx, cy) {
    var w = Math.min(home.w * 4, Math.max(home.w / 40, view.w / factor));
    var actual = view.w / w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) / actual;
    view.y = cy - (cy - view.y) / actual;
    view.w = w;
    view.h = view.h / actual;
    setView();
  }
  function pan(dx, dy) { view.x += dx; view.y += dy; setView(); }
  function fit() { view = { x: home.x, y: home.y, w: home.w, h: home.h }; setView(); }
  // The centre of account i's circle in the SVG's coordinates.
  function centre(i) {
    var g = nodeEls[i];
    var shape = g && g.querySelector('ellipse, polygon');
    if (!shape) return null;
    var b = shape.getBBox();
    var point = svg.createSVGPoint();
    point.x = b.x + b.width / 2;
    point.y = b.y + b.height / 2;
    return point.matrixTransform(svg.getScreenCTM().inverse().multiply(shape.getScreenCTM()));
  }
  function centreOn(i) {
    var c = centre(i);
    if (!c) return;
    if (view.w > home.w / 2) { view.w = home.w / 2; view.h = home.h / 2; }
    view.x = c.x - view.w / 2;
    view.y = c.y - view.h / 2;
    setView();
  }

  function showTip(i, anchor) {
    var a = A[i];
    tip.textContent = '';
    tip.appendChild(el('b', '@' + a.handle));
    if (a.name) tip.appendChild(el('div', a.name));
    tip.appendChild(el('div', a.platform + ' · rank ' + a.rank + ' · score ' + a.score));
    tip.appendChild(el('div', data.parts.map(function (p, k) {
      return p + ' ' + a.parts[k];
    }).join(' + ')));
    tip.appendChild(el('div', 'community ' + a.community +
      (a.bridge ? ' · bridge reaching ' + a.bridge + ' communities' : '')));
    var engagers = a.explain.engagers.slice(0, 3).map(function (e) { return '@' + e.handle; });
    tip.appendChild(el('div', 'top engagers: ' + (engagers.length ? engagers.join(', ') : 'none')));
    if (a.trend) tip.appendChild(el('div', 'trend: ' + a.trend));
    tip.hidden = false;
    var box = mapBox.getBoundingClientRect();
    var r = anchor.getBoundingClientRect();
    var x = r.right - box.left + 8;
    var y = r.top - box.top;
    if (x + tip.offsetWidth > box.width) x = Math.max(0, r.left - box.left - tip.offsetWidth - 8);
    if (y + tip.offsetHeight > box.height) y = Math.max(0, box.height - tip.offsetHeight);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }

  function accountOf(target) {
    var g = target && target.closest ? target.closest('[data-account]') : null;
    return g ? Number(g.getAttribute('data-account')) : -1;
  }

  if (svg) {
    var drag = null;
    var moved = false;
    mapBox.addEventListener('wheel', function (event) {
      event.preventDefault();
      var p = toSVG(event.clientX, event.clientY);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    mapBox.addEventListener('pointerdown', function (event) {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y } };
      moved = false;
    });
    window.addEventListener('pointermove', function (event) {
      if (!drag) return;
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) { moved = true; mapBox.classList.add('c-dragging'); hideTip(); }
      var scale = svg.getScreenCTM().a;
      view.x = drag.view.x - dx / scale;
      view.y = drag.view.y - dy / scale;
      setView();
    });
    window.addEventListener('pointerup', function () {
      drag = null;
      mapBox.classList.remove('c-dragging');
    });
    svg.addEventListener('click', function (event) {
      if (moved) { moved = false; return; }
      var i = accountOf(event.target);
      if (i >= 0) select(i, { scrollRow: true });
      else clearSelection();
    });
    svg.addEventListener('pointerover', function (event) {
      var i = accountOf(event.target);
      if (i >= 0 && !drag) showTip(i, nodeEls[i] || event.target);
    });
    svg.addEventListener('pointerout', function (event) {
      if (accountOf(event.target) >= 0) hideTip();
    });
    svg.addEventListener('focusin', function (event) {
      var i = accountOf(event.target);
      if (i >= 0) showTip(i, nodeEls[i]);
    });
    svg.addEventListener('focusout', hideTip);
    mapBox.addEventListener('keydown', function (event) {
      var step = view.w / 10;
      var i = accountOf(event.target);
      switch (event.key) {
        case '+': case '=': zoom(1.25); break;
        case '-': case '_': zoom(1 / 1.25); break;
        case '0': fit(); break;
        case 'ArrowLeft': pan(-step, 0); break;
        case 'ArrowRight': pan(step, 0); break;
        case 'ArrowUp': pan(0, -step); break;
        case 'ArrowDown': pan(0, step); break;
        case 'Enter': case ' ':
          if (i >= 0) { select(i, { scrollRow: true }); break; }
          return;
        case 'Escape': clearSelection(); break;
        default: return;
      }
      event.preventDefault();
    });
    document.getElementById('c-zoom-in').addEventListener('click', function () { zoom(1.25); });
    document.getElementById('c-zoom-out').addEventListener('click', function () { zoom(1 / 1.25); });
    document.getElementById('c-zoom-reset').addEventListener('click', fit);
  }

  // ---- Selection ---------------------------------------------------------------------------
  var selected = -1;
  function clearSelection() {
    selected = -1;
    if (mapBox) mapBox.classList.remove('c-focusing');
    Array.prototype.slice.call(document.querySelectorAll('.c-selected, .c-dim, .c-on'))
      .forEach(function (n) { n.classList.remove('c-selected', 'c-dim', 'c-on'); });
    rows.forEach(function (row) { row.setAttribute('aria-selected', 'false'); });
  }
  function select(i, options) {
    options = options || {};
    clearSelection();
    selected = i;
    if (svg) {
      mapBox.classList.add('c-focusing');
      for (var k = 0; k < A.length; k++) {
        var near = k === i || neighbours[i][k];
        [nodeEls[k], labelEls[k]].forEach(function (g) {
          if (g) g.classList.toggle('c-dim', !near);
        });
      }
      edgeEls.forEach(function (g) { if (g) g.classList.add('c-dim'); });
      edgesOf[i].forEach(function (k) {
        if (edgeEls[k]) { edgeEls[k].classList.remove('c-dim'); edgeEls[k].classList.add('c-on'); }
      });
      if (nodeEls[i]) nodeEls[i].classList.add('c-selected');
      if (options.centre) centreOn(i);
    }
    var row = rows[i];
    if (row.hidden) { platformFilter.value = ''; communityFilter.value = ''; applyFilters(); }
    row.setAttribute('aria-selected', 'true');
    if (options.scrollRow) row.scrollIntoView({ block: 'nearest' });
    explain(i);
  }

  // ---- Search ------------------------------------------------------------------------------
  var search = document.getElementById('c-search');
  var searchResult = document.getElementById('c-search-result');
  var best = -1;
  function find(query) {
    var q = query.trim().toLowerCase().replace(/^@/, '');
    if (!q) return [];
    var hits = [];
    A.forEach(function (a, i) {
      var handle = a.handle.toLowerCase();
      var name = (a.name || '').toLowerCase();
      var quality = handle === q ? 0 : handle.indexOf(q) === 0 ? 1 : handle.indexOf(q) >= 0 ? 2 :
        name.indexOf(q) >= 0 ? 3 : -1;
      if (quality >= 0) hits.push([quality, i]);
    });
    hits.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    return hits.map(function (h) { return h[1]; });
  }
  if (search) {
    search.addEventListener('input', function () {
      Array.prototype.slice.call(document.querySelectorAll('.c-hit'))
        .forEach(function (n) { n.classList.remove('c-hit'); });
      var hits = find(search.value);
      best = hits.length ? hits[0] : -1;
      if (!search.value.trim()) { searchResult.textContent = ''; return; }
      if (best < 0) { searchResult.textContent = 'no account on the map matches'; return; }
      if (nodeEls[best]) { nodeEls[best].classList.add('c-hit'); centreOn(best); }
      searchResult.textContent = (hits.length === 1 ? '1 match: ' : hits.length + ' matches, best: ') +
        label(A[best]) + ', rank ' + A[best].rank + ' (Enter opens it)';
    });
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && best >= 0) {
        event.preventDefault();
        select(best, { scrollRow: true, centre: true });
      }
    });
  }

  // ---- Table -------------------------------------------------------------------------------
  var table = document.getElementById('c-table');
  var tbody = table.tBodies[0];
  var platformFilter = document.getElementById('c-platform');
  var communityFilter = document.getElementById('c-community');
  var count = document.getElementById('c-count');
  function trendValue(a) {
    if (!a.trend) return 0;
    return a.previousRank === null || a.previousRank === undefined ? 1e9 : a.previousRank - a.rank;
  }
  function value(a, key) {
    if (key.indexOf('part') === 0) return Number(a.parts[Number(key.slice(4))]);
    if (key === 'trend') return trendValue(a);
    if (key === 'name') return (a.name || '').toLowerCase();
    if (key === 'handle' || key === 'platform') return a[key].toLowerCase();
    // No count in the data sorts below every count (Number(undefined) is NaN, unsortable).
    if (key === 'followers') return a.followers === undefined || a.followers === null ? -1 : a.followers;
    return Number(a[key]);
  }
  var rows = A.map(function (a, i) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-account', String(i));
    tr.setAttribute('tabindex', '0');
    tr.setAttribute('aria-selected', 'false');
    function cell(text, className) { tr.appendChild(el('td', text, className)); }
    cell(a.rank, 'n');
    cell('@' + a.handle);
    var name = el('td', a.name || '', 'name');
    if (a.name) name.title = a.name;
    tr.appendChild(name);
    cell(a.platform);
    cell(fixed(a.score, 4), 'n');
    a.parts.forEach(function (p) { cell(fixed(p, 4), 'n'); });
    cell(a.depth, 'n');
    cell(a.repliers, 'n');
    var community = el('td', null, 'n');
    var swatch = el('span', null, 'c-swatch');
    swatch.style.background = /^#[0-9A-Fa-f]{6}$/.test(a.color) ? a.color : '#BBBBBB';
    community.appendChild(swatch);
    community.appendChild(document.createTextNode(String(a.community)));
    tr.appendChild(community);
    cell(a.bridge ? 'yes (' + a.bridge + ')' : '', 'n');
    cell(a.followers === undefined || a.followers === null ? '' : String(a.followers), 'n');
    if (data.hasTrends) cell(a.trend || '');
    tbody.appendChild(tr);
    return tr;
  });
  tbody.addEventListener('click', function (event) {
    var i = accountOf(event.target);
    if (i >= 0) select(i, { centre: true });
  });
  tbody.addEventListener('keydown', function (event) {
    var i = accountOf(event.target);
    if (i < 0) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(i, { centre: true });
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var row = rows[i];
      do { row = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling; }
      while (row && row.hidden);
      if (row) row.focus();
    }
  });
  var sortKey = 'rank';
  var sortDescending = false;
  function sortBy(key, numeric) {
    if (key === sortKey) sortDescending = !sortDescending;
    else { sortKey = key; sortDescending = numeric && key !== 'rank' && key !== 'community'; }
    var order = A.map(function (a, i) { return i; });
    order.sort(function (x, y) {
      var p = value(A[x], key);
      var q = value(A[y], key);
      var c = p < q ? -1 : p > q ? 1 : 0;
      if (sortDescending) c = -c;
      return c || x - y;
    });
    order.forEach(function (i) { tbody.appendChild(rows[i]); });
    Array.prototype.slice.call(table.tHead.querySelectorAll('th')).forEach(function (th) {
      var button = th.querySelector('button');
      th.setAttribute('aria-sort', button.getAttribute('data-key') !== key ? 'none' :
        sortDescending ? 'descending' : 'ascending');
    });
  }
  table.tHead.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (button) sortBy(button.getAttribute('data-key'), button.getAttribute('data-numeric') === '1');
  });
  function applyFilters() {
    var platform = platformFilter.value;
    var community = communityFilter.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var visible = (!platform || A[i].platform === platform) &&
        (!community || String(A[i].community) === community);
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = shown + ' of ' + A.length + ' accounts';
  }
  platformFilter.addEventListener('change', applyFilters);
  communityFilter.addEventListener('change', applyFilters);
  applyFilters();
  sortKey = 'rank';
  table.tHead.querySelector('th').setAttribute('aria-sort', 'ascending');

  // ---- Explanation -------------------------------------------------------------------------
  var panel = document.getElementById('c-explain');
  panel.classList.add('c-empty');
  function explain(i) {
    var a = A[i];
    var x = a.explain;
    panel.textContent = '';
    panel.classList.remove('c-empty');
    panel.appendChild(el('h3', 'Explanation'));
    var who = el('p', null, 'c-who');
    who.appendChild(el('span', '@' + a.handle));
    if (a.name) who.appendChild(el('span', ' — ' + a.name));
    panel.appendChild(who);
    var line = el('p');
    line.appendChild(document.createTextNode(a.platform + ' · rank ' + a.rank + ' of the ' +
      A.length + ' shown · score ' + a.score + (a.trend ? ' · trend ' + a.trend : '') + ' · '));
    line.appendChild(a.profile ? link(a.profile, 'profile') : el('span', 'no profile link'));
    panel.appendChild(line);
    panel.appendChild(el('p', a.why, 'c-note'));

    var parts = el('table', null, 'c-grid');
    parts.appendChild(el('caption', 'Score parts: weight × feature / highest = contribution'));
    var head = el('tr');
    ['part', 'weight', 'feature', 'highest', 'contribution'].forEach(function (h, k) {
      var th = el('th', h, k ? 'n' : '');
      th.setAttribute('scope', 'col');
      head.appendChild(th);
    });
    parts.appendChild(el('thead')).appendChild(head);
    var body = parts.appendChild(el('tbody'));
    x.breakdown.forEach(function (p) {
      var tr = el('tr');
      var name = el('td', p.label);
      name.title = p.formula;
      tr.appendChild(name);
      [p.weight, p.feature, p.maximum, p.contribution].forEach(function (v) {
        tr.appendChild(el('td', fixed(v, 4), 'n'));
      });
      body.appendChild(tr);
    });
    panel.appendChild(parts);
    x.notes.forEach(function (n) { panel.appendChild(el('p', n, 'c-note')); });
    panel.appendChild(el('p', 'Replies: deepest thread ' + a.depth + ' levels, ' + a.repliers +
      ' distinct repliers, ' + a.replies + ' direct replies; engaged by ' + a.engagers +
      ' accounts (' + a.interactionsIn + ' interactions). ' + x.communityText + '.'));

    panel.appendChild(el('h3', 'Who engages it most'));
    if (!x.engagers.length) panel.appendChild(el('p', 'Nobody in the selected data.', 'c-note'));
    var list = panel.appendChild(el('ol'));
    x.engagers.forEach(function (e) {
      var li = el('li');
      li.appendChild(e.account !== null && e.account !== undefined ?
        accountButton(e.account, '@' + e.handle) : el('span', '@' + e.handle));
      li.appendChild(document.createTextNode(' (' + e.platform + '), weight ' + e.weight +
        ': ' + e.kinds));
      list.appendChild(li);
    });
    if (x.engagerTotal > x.engagers.length) {
      panel.appendChild(el('p', 'and ' + (x.engagerTotal - x.engagers.length) + ' more', 'c-note'));
    }

    panel.appendChild(el('h3', 'Deepest conversations it started'));
    if (!x.conversations.length) {
      panel.appendChild(el('p', 'None with replies from others.', 'c-note'));
    }
    var threads = panel.appendChild(el('ol'));
    x.conversations.forEach(function (c) {
      var li = el('li');
      li.appendChild(document.createTextNode('depth ' + c.depth + ', ' + c.repliers + ' repliers' +
        (c.date ? ', ' + c.date : '') + ' '));
      if (c.url) li.appendChild(link(c.url, 'open post'));
      else li.appendChild(el('span', '(post ' + c.key + ')', 'c-note'));
      if (c.text) li.appendChild(el('blockquote', c.text));
      threads.appendChild(li);
    });
  }

  // Buttons naming an account anywhere on the page (communities, trends, engagers).
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-account]');
    if (button) select(Number(button.getAttribute('data-account')), { scrollRow: true, centre: true });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && selected >= 0) clearSelection();
  });

  // ---- Self-test (?selftest): what scripts/browser-test.sh reads from the DOM -------------
  if (/[?&]selftest\b/.test(location.search)) {
    setTimeout(function () {
      var out = [];
      function check(name, ok, detail) {
        out.push((ok ? 'PASS ' : 'FAIL ') + name + (ok ? '' : ': ' + detail));
      }
      var mapped = nodeEls.filter(Boolean).length;
      check('map', !!svg && mapped === A.length, mapped + ' of ' + A.length + ' circles found');
      var before = view ? view.w : 0;
      mapBox.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
      check('zoom', view && view.w < before, 'viewBox width ' + before + ' → ' + (view && view.w));
      fit();
      check('rows', tbody.rows.length === A.length, tbody.rows.length + ' rows');
      var handleButton = table.tHead.querySelector('button[data-key="handle"]');
      handleButton.click();
      var handles = Array.prototype.map.call(tbody.rows, function (r) {
        return A[Number(r.getAttribute('data-account'))].handle.toLowerCase();
      });
      var sorted = handles.slice().sort();
      check('sort handle', handles.join('\n') === sorted.join('\n') &&
        handleButton.parentNode.getAttribute('aria-sort') === 'ascending', handles.slice(0, 3).join(','));
      var scoreButton = table.tHead.querySelector('button[data-key="score"]');
      scoreButton.click();
      var scores = Array.prototype.map.call(tbody.rows, function (r) {
        return Number(r.cells[4].textContent);
      });
      var descending = scores.every(function (s, k) { return k === 0 || scores[k - 1] >= s; });
      check('sort score', descending && scoreButton.parentNode.getAttribute('aria-sort') === 'descending',
        scores.slice(0, 3).join(','));
      var target = Math.min(2, A.length - 1);
      search.value = A[target].handle;
      search.dispatchEvent(new Event('input', { bubbles: true }));
      check('search', nodeEls[target] && nodeEls[target].classList.contains('c-hit') &&
        searchResult.textContent.indexOf(A[target].handle) >= 0, searchResult.textContent);
      rows[0].click();
      check('explain', panel.textContent.indexOf('@' + A[0].handle) >= 0 &&
        panel.querySelectorAll('tbody tr').length === A[0].explain.breakdown.length &&
        rows[0].getAttribute('aria-selected') === 'true', panel.textContent.slice(0, 80));
      var other = Math.min(1, A.length - 1);
      nodeEls[other].dispatchEvent(new MouseEvent('click', { bubbles: true }));
      check('node click', rows[other].getAttribute('aria-selected') === 'true' &&
        nodeEls[other].classList.contains('c-selected'), 'row not selected');
      showTip(other, nodeEls[other]);
      check('tooltip', !tip.hidden && tip.textContent.indexOf('@' + A[other].handle) >= 0,
        tip.textContent);
      hideTip();
      check('no injected script ran', window.__cloutInjected === undefined,
        'window.__cloutInjected = ' + window.__cloutInjected);
      var images = document.querySelectorAll('img:not(.c-summary img)').length;
      check('no injected element', images === 0 && document.scripts.length === 2 &&
        !document.querySelector('[onerror], [onload]'), images + ' stray images, ' +
        document.scripts.length + ' scripts');
      var fetched = performance.getEntriesByType('resource').length;
      check('no network', fetched === 0, fetched + ' resources fetched');
      var names = A.filter(function (a) { return a.name && a.name.indexOf('<') >= 0; });
      check('hostile names shown as text', names.every(function (a) {
        return table.textContent.indexOf(a.name) >= 0;
      }), names.length + ' names');
      var result = document.getElementById('c-selftest');
      result.textContent = 'SELFTEST\n' + out.join('\n') + '\nEND\n';
      result.hidden = false;
      // Leave the page as a reader would see it for the screenshot: at the top, map fitted,
      // the last account clicked still selected.
      search.value = '';
      search.dispatchEvent(new Event('input', { bubbles: true }));
      fit();
      var anchor = location.hash && document.getElementById(location.hash.slice(1));
      if (anchor) anchor.scrollIntoView(); else window.scrollTo(0, 0);
      document.documentElement.setAttribute('data-selftest', 'done');
    }, 300);
  }
})();
