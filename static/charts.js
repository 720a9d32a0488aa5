// Every chart of the web UI (WEB.md §5), one module. A <canvas data-chart="type" data-chart-data="json"> is drawn
// on page load and after each HTMX swap that contains one; a chart already on the canvas is destroyed first (no
// "Canvas is already in use"). Korean tooltips and ₩ ticks; no animation under prefers-reduced-motion.
(function () {
  'use strict';

  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var font = "Pretendard, 'Apple SD Gothic Neo', 'Malgun Gothic', 'NanumGothic', sans-serif";
  var en = function () { return document.documentElement.lang === 'en'; };

  function won(v) { return '₩' + Math.round(v).toLocaleString('en-US'); }
  function wonShort(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return '₩' + (v / 1e9).toFixed(1).replace(/\.0$/, '') + 'B';
    if (a >= 1e6) return '₩' + (v / 1e6).toFixed(1).replace(/\.0$/, '') + 'M';
    if (a >= 1e3) return '₩' + (v / 1e3).toFixed(0) + 'K';
    return '₩' + v;
  }
  function points(v) { return en() ? v.toFixed(1) + ' pts' : v.toFixed(1) + '점'; }

  var palette = ['#667eea', '#00c9a7', '#fbbc05', '#ea4335', '#764ba2'];

  function scoreLabel(c) {
    var v = c.parsed && (c.parsed.r !== undefined ? c.parsed.r : c.parsed.y);
    return c.dataset.label + ': ' + (v == null ? '-' : points(v));
  }
  function radar(d) {
    return {
      type: 'radar',
      data: { labels: d.labels, datasets: d.datasets.map(function (ds, i) {
        var colour = palette[i % palette.length];
        return { label: ds.label, data: ds.data, borderColor: colour, backgroundColor: colour + '33',
          pointBackgroundColor: colour, borderWidth: i === 0 ? 2.5 : 1.5, spanGaps: true };
      }) },
      options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 20, backdropColor: 'transparent' } } },
        plugins: { tooltip: { callbacks: { label: scoreLabel } } } }
    };
  }

  var builders = {
    'weekly-sessions': function (d) {
      return {
        type: 'line',
        data: { labels: d.labels, datasets: [{ label: en() ? 'Sessions' : '세션', data: d.values,
          borderColor: '#667eea', backgroundColor: 'rgba(102,126,234,0.15)', fill: true, tension: 0.3 }] },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) {
            if (!en()) return c.parsed.y + '회';
            return c.parsed.y + (c.parsed.y === 1 ? ' session' : ' sessions'); } } } } }
      };
    },
    'monthly-revenue': function (d) {
      return {
        type: 'bar',
        data: { labels: d.labels, datasets: [{ label: en() ? 'Revenue' : '매출', data: d.values,
          backgroundColor: 'rgba(118,75,162,0.7)' }] },
        options: { scales: { y: { beginAtZero: true, ticks: { callback: wonShort } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return won(c.parsed.y); } } } } }
      };
    },
    // WEB.md §4.4: the four categories 0–100; a second dataset is the previous assessment (or each compared one).
    'assessment-radar': function (d) { return radar(d); },
    'compare-radar': function (d) { return radar(d); },
    'compare-bars': function (d) {
      return {
        type: 'bar',
        data: { labels: d.labels, datasets: d.datasets.map(function (ds, i) {
          return { label: ds.label, data: ds.data, backgroundColor: palette[i % palette.length] };
        }) },
        options: { scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } } },
          plugins: { tooltip: { callbacks: { label: scoreLabel } } } }
      };
    },
    'score-history': function (d) {
      var keys = ['overall', 'strength', 'mobility', 'balance', 'cardio'];
      var colours = ['#764ba2'].concat(palette.slice(0, 4));
      return {
        type: 'line',
        data: { labels: d.labels, datasets: keys.map(function (k, i) {
          return { label: d.names[k], data: d[k], borderColor: colours[i], backgroundColor: colours[i],
            borderWidth: k === 'overall' ? 3 : 1.5, spanGaps: true, tension: 0.2 };
        }) },
        options: { scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } } },
          plugins: { tooltip: { callbacks: { label: function (c) {
            return c.dataset.label + ': ' + (c.parsed.y == null ? '-' : points(c.parsed.y)); } } } } }
      };
    }
  };

  function draw(canvas) {
    var build = builders[canvas.dataset.chart];
    if (!build || typeof Chart === 'undefined') return;
    var existing = Chart.getChart(canvas);
    if (existing) existing.destroy();
    var config = build(JSON.parse(canvas.dataset.chartData || '{}'));
    config.options = config.options || {};
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = reduced ? false : { duration: 600 };
    new Chart(canvas, config);
    canvas.dataset.chartReady = 'true';
  }

  function drawAll(root) {
    if (typeof Chart !== 'undefined') Chart.defaults.font.family = font;
    (root || document).querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  document.addEventListener('htmx:historyRestore', function () { drawAll(document); });
  // Only swaps that bring a chart: the notification badge and inline checks never redraw.
  document.addEventListener('htmx:afterSwap', function (e) {
    var target = e.detail && e.detail.target;
    if (target && target.querySelector && target.querySelector('canvas[data-chart]')) drawAll(target);
  });
})();
