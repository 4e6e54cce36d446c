// Draws the fleet page from the JSON in #fleet-data. No libraries, nothing fetched: the page must
// open from a file at 2 a.m. without any network.
(function () {
  'use strict';
  var started = performance.now();
  var data = JSON.parse(document.getElementById('fleet-data').textContent);
  var SYMBOL_CLASS = {'I': 'I', 'R': 'R', 'U': 'U', 'L': 'L', 'M': 'M', '.': 'E'};
  var RANK = {'I': 0, 'R': 1, 'U': 2, 'L': 3, 'M': 4, '.': 5};
  var MEANING = {};
  data.legend.forEach(function (l) { MEANING[l.symbol] = l.meaning; });
  var byName = {};
  data.topics.forEach(function (t, i) { t.order = i; t.worst = worstOf(t.cells); byName[t.topic] = t; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function worstOf(cells) {
    var worst = 5;
    for (var i = 0; i < cells.length; i++) { worst = Math.min(worst, RANK[cells[i]]); }
    return worst;
  }
  function hourLabel(i) { return data.hourLabels[i]; }
  function isDayStart(i) { return i > 0 && hourLabel(i).slice(8) === '00'; }
  // not toLocaleString: 14,400 calls of it took most of a second
  function fmt(n) { return n === null ? '-' : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

  function copyButton(code, button) {
    button.addEventListener('click', function () {
      var text = code.textContent;
      var done = function () { button.textContent = 'copied'; setTimeout(function () { button.textContent = 'copy'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { selectAndCopy(code); done(); });
      } else {
        selectAndCopy(code);
        done();
      }
    });
  }
  function selectAndCopy(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { document.execCommand('copy'); } catch (e) { /* the text stays selected for Ctrl+C */ }
  }
  function commandLine(text) {
    var div = el('div', {'class': 'cmd'});
    var code = el('code', {}, text);
    var button = el('button', {'type': 'button', 'class': 'copy'}, 'copy');
    div.appendChild(code);
    div.appendChild(button);
    copyButton(code, button);
    return div;
  }

  // A bar per hour; colour per bar optional. Null values (not read) leave a gap.
  function barPlot(values, colours, height, label, unit) {
    var ns = 'http://www.w3.org/2000/svg';
    var barWidth = Math.max(3, Math.min(16, Math.floor(900 / values.length)));
    var width = values.length * barWidth + 60;
    var max = 0;
    values.forEach(function (v) { if (v !== null && v > max) { max = v; } });
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height + 30);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    var top = document.createElementNS(ns, 'text');
    top.setAttribute('x', 0); top.setAttribute('y', 10); top.textContent = 'max ' + fmt(max);
    svg.appendChild(top);
    values.forEach(function (v, i) {
      var x = 55 + i * barWidth;
      if (v !== null && v > 0) {
        var h = Math.max(1, Math.round(v / max * height));
        var rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', x); rect.setAttribute('y', 14 + height - h);
        rect.setAttribute('width', barWidth - 1); rect.setAttribute('height', h);
        rect.setAttribute('class', colours ? colours[i] : 'M');
        var title = document.createElementNS(ns, 'title');
        title.textContent = hourLabel(i) + ': ' + fmt(v) + ' ' + (unit || 'records');
        rect.appendChild(title);
        svg.appendChild(rect);
      }
      if (i === 0 || isDayStart(i)) {
        var t = document.createElementNS(ns, 'text');
        t.setAttribute('x', x); t.setAttribute('y', height + 26);
        t.textContent = hourLabel(i).slice(0, 4) + '-' + hourLabel(i).slice(4, 6) + '-' + hourLabel(i).slice(6, 8);
        svg.appendChild(t);
      }
    });
    return svg;
  }

  function drawTotals() {
    var target = document.getElementById('records-plot');
    if (!data.recordsRead) {
      target.appendChild(el('p', {'class': 'note'}, 'Records per hour were not read for this page.'));
      return;
    }
    var totals = data.hourLabels.map(function (_, i) {
      return data.topics.reduce(function (sum, t) { return sum + (t.records[i] || 0); }, 0);
    });
    target.appendChild(barPlot(totals, null, 80, 'records per hour of all topics'));
  }

  // The lag the commands of each hour measured, summed over the topics measured; an hour none measured is a gap.
  function drawLagTotals() {
    var target = document.getElementById('lag-plot');
    if (!data.lagHistoryRead) {
      target.appendChild(el('p', {'class': 'note'}, 'Lag per hour was not read for this page.'));
      return;
    }
    var totals = data.hourLabels.map(function (_, i) {
      var measured = data.topics.filter(function (t) { return t.lag[i] !== null; });
      return measured.length ? measured.reduce(function (sum, t) { return sum + t.lag[i]; }, 0) : null;
    });
    target.appendChild(barPlot(totals, totals.map(function () { return 'lag'; }), 60,
      'messages behind Kafka per hour of all topics', 'messages behind'));
  }

  function drawLegend() {
    var legend = document.getElementById('legend');
    data.legend.forEach(function (l) {
      legend.appendChild(el('span', {'class': 'sw ' + SYMBOL_CLASS[l.symbol]}));
      legend.appendChild(document.createTextNode(l.symbol + ' ' + l.meaning));
    });
  }

  var filter = {text: '', onlyAction: false, order: 'worst'};
  function drawControls() {
    var controls = document.getElementById('controls');
    var input = el('input', {'type': 'search', 'id': 'topic-filter', 'placeholder': 'filter topics'});
    input.addEventListener('input', function () { filter.text = input.value; drawHeatmap(); });
    var only = el('input', {'type': 'checkbox', 'id': 'only-action'});
    only.addEventListener('change', function () { filter.onlyAction = only.checked; drawHeatmap(); });
    var label = el('label', {'for': 'only-action'}, ' only topics that need action');
    var order = el('select', {'id': 'order'});
    order.appendChild(el('option', {'value': 'worst'}, 'worst first'));
    order.appendChild(el('option', {'value': 'config'}, 'as configured'));
    order.addEventListener('change', function () { filter.order = order.value; drawHeatmap(); });
    [input, only, label, order].forEach(function (e) { controls.appendChild(e); });
  }

  function shownTopics() {
    var topics = data.topics.filter(function (t) {
      return t.topic.indexOf(filter.text) >= 0 && (!filter.onlyAction || t.actions > 0);
    });
    if (filter.order === 'worst') {
      topics.sort(function (a, b) { return (b.actions > 0) - (a.actions > 0) || a.worst - b.worst || a.order - b.order; });
    }
    return topics;
  }

  function esc(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // Built as one string: 300 topics x 48 hours are 14,400 cells, which element by element took a
  // second on a busy machine.
  function drawHeatmap() {
    var html = ['<table class="heat"><thead><tr><th class="t">topic</th>'];
    data.hourLabels.forEach(function (h, i) {
      html.push('<th class="' + (isDayStart(i) ? 'day' : '') + '" title="' + h + '">' + h.slice(8) + '</th>');
    });
    html.push('<th>actions</th></tr></thead><tbody>');
    shownTopics().forEach(function (t) {
      var name = esc(t.topic);
      html.push('<tr data-topic="' + name + '"><th class="t" title="' + name + '">' + name + '</th>');
      for (var i = 0; i < t.cells.length; i++) {
        var s = t.cells[i];
        var note = t.notes[i] ? '\n' + t.notes[i] : '';
        html.push('<td class="c ' + SYMBOL_CLASS[s] + (isDayStart(i) ? ' day' : '') + '" data-state="' + s
          + '" title="' + esc(t.topic + ' ' + hourLabel(i) + ': ' + MEANING[s] + ', ' + fmt(t.records[i])
          + ' records' + note) + '"></td>');
      }
      html.push('<td class="n">' + (t.actions > 0 ? t.actions : '') + '</td></tr>');
    });
    html.push('</tbody></table>');
    var target = document.getElementById('heatmap');
    target.innerHTML = html.join('');
    markSelected();
  }

  function selectedTopic() {
    var m = /^#topic=(.+)$/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function markSelected() {
    var name = selectedTopic();
    document.querySelectorAll('table.heat tbody tr').forEach(function (r) {
      r.classList.toggle('selected', r.getAttribute('data-topic') === name);
    });
  }

  function drawDetail() {
    var panel = document.getElementById('detail');
    var t = byName[selectedTopic()];
    markSelected();
    if (!t) { panel.hidden = true; panel.replaceChildren(); return; }
    var close = el('button', {'type': 'button', 'class': 'close'}, 'close');
    close.addEventListener('click', function () { history.replaceState(null, '', location.pathname); drawDetail(); });
    var nodes = [close, el('h2', {'id': 'detail-topic'}, t.topic)];
    var h = t.hours;
    nodes.push(el('p', {}, 'complete ' + h.complete + ', not merged ' + h.notMerged + ', lost ' + h.lost
      + ', incomplete ' + h.incomplete + ', running ' + h.running + ', no data ' + h.noData
      + '; newest complete hour ' + (t.newestCompleteHour || '-') + '; days complete: '
      + (t.daysComplete.length ? t.daysComplete.join(', ') : '-')));
    nodes.push(el('p', {}, 'Partition by partition (the grid of one day):'));
    nodes.push(commandLine(t.gridCommand));
    data.actions.filter(function (a) { return a.topic === t.topic; }).forEach(function (a) {
      nodes.push(el('p', {'class': 'detail-action'}, a.urgency + ': ' + a.problem));
      nodes.push(commandLine(a.command));
    });
    if (data.recordsRead) {
      nodes.push(el('h3', {}, 'Records per hour'));
      nodes.push(barPlot(t.records, t.cells.split('').map(function (s) { return SYMBOL_CLASS[s]; }), 60,
        'records per hour of ' + t.topic));
    }
    if (data.lagHistoryRead) {
      nodes.push(el('h3', {}, 'Lag per hour (messages behind Kafka)'));
      nodes.push(barPlot(t.lag, t.lag.map(function () { return 'lag'; }), 60, 'messages behind Kafka per hour of '
        + t.topic, 'messages behind'));
    }
    nodes.push(el('h3', {}, 'Hours, newest first'));
    var table = el('table', {'id': 'detail-hours'});
    var head = el('tr');
    ['hour', 'state', 'records', 'what'].forEach(function (c) { head.appendChild(el('th', {}, c)); });
    table.appendChild(head);
    for (var i = t.cells.length - 1; i >= 0; i--) {
      var row = el('tr', {'data-hour': hourLabel(i), 'data-state': t.cells[i]});
      row.appendChild(el('td', {}, hourLabel(i)));
      var state = el('td', {'class': SYMBOL_CLASS[t.cells[i]]}, t.cells[i] + ' ' + MEANING[t.cells[i]]);
      row.appendChild(state);
      row.appendChild(el('td', {'class': 'num'}, fmt(t.records[i])));
      row.appendChild(el('td', {}, t.notes[i] || ''));
      table.appendChild(row);
    }
    nodes.push(table);
    panel.replaceChildren.apply(panel, nodes);
    panel.hidden = false;
  }

  document.getElementById('heatmap').addEventListener('click', function (event) {
    var name = event.target.closest('tbody th.t');
    if (name) { location.hash = 'topic=' + encodeURIComponent(name.parentNode.getAttribute('data-topic')); }
  });
  document.querySelectorAll('#actions li').forEach(function (li) {
    copyButton(li.querySelector('code'), li.querySelector('button.copy'));
  });
  drawTotals();
  drawLagTotals();
  drawLegend();
  drawControls();
  drawHeatmap();
  drawDetail();
  window.addEventListener('hashchange', drawDetail);
  document.body.setAttribute('data-rendered', String(Math.round(performance.now() - started)));
})();
