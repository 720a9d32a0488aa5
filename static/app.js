// The5HC web UI behaviour (WEB.md §1–§3). No inline scripts exist (CSP script-src 'self'): every Alpine
// component is registered here by name, templates pass data in data-* attributes, HTMX is configured by the
// <meta name="htmx-config"> of the layout.
(function () {
  'use strict';

  // --- Alpine components (CSP build: templates only name properties and methods) ---------------------------
  document.addEventListener('alpine:init', function () {
    // The navbar's hamburger on small screens.
    Alpine.data('navMenu', function () {
      return {
        open: false,
        get expanded() { return this.open ? 'true' : 'false'; },
        get menuClass() { return this.open ? 'open' : ''; },
        toggle: function () { this.open = !this.open; },
        // Escape closes the open menu and gives the focus back to the hamburger (WEB.md §8 keyboard operation)
        close: function () {
          if (!this.open) return;
          this.open = false;
          if (this.$refs.toggle) this.$refs.toggle.focus();
        }
      };
    });

    // A flash message with a close button.
    Alpine.data('dismissible', function () {
      return { open: true, close: function () { this.open = false; } };
    });

    // A section that opens and closes ("고급 필터"); data-open="true" starts it open.
    Alpine.data('collapse', function () {
      return {
        open: false,
        init: function () { this.open = this.$el.dataset.open === 'true'; },
        toggle: function () { this.open = !this.open; }
      };
    });

    // Disables the submit button while the form is sent (the login spinner).
    Alpine.data('submitOnce', function () {
      return { busy: false, submit: function () { this.busy = true; } };
    });

    // Live "BMI 22.9 · 정상" under height and weight (WEB.md §4.3); category names come from data-labels.
    Alpine.data('bmiPreview', function () {
      return {
        text: '',
        visible: false,
        init: function () { this.update(); },
        update: function () {
          var h = parseFloat(this.$refs.height.value), w = parseFloat(this.$refs.weight.value);
          if (!(h > 0 && w > 0)) { this.visible = false; this.text = ''; return; }
          var bmi = Math.round((w / Math.pow(h / 100, 2)) * 10) / 10;
          var labels = JSON.parse(this.$el.dataset.labels || '{}');
          var code = bmi < 18.5 ? 'underweight' : bmi < 23 ? 'normal' : bmi < 25 ? 'overweight'
                   : bmi < 30 ? 'obese' : 'severely_obese';
          this.text = 'BMI ' + bmi.toFixed(1) + ' · ' + (labels[code] || code);
          this.visible = true;
        }
      };
    });
  });

  // --- toasts (HX-Trigger showMessage) and the title (HX-Trigger setTitle) ---------------------------------
  function toast(level, text) {
    var area = document.getElementById('toasts');
    if (!area) return;
    var el = document.createElement('div');
    el.className = 'toast toast-' + (level || 'info');
    el.setAttribute('role', 'status');
    el.textContent = text;
    area.appendChild(el);
    setTimeout(function () { el.remove(); }, 5000);
  }
  document.body.addEventListener('showMessage', function (e) {
    var d = e.detail || {};
    toast(d.level, d.text || d.value);
  });
  document.body.addEventListener('setTitle', function (e) {
    var d = e.detail || {};
    if (typeof d.value === 'string') document.title = d.value;
  });

  // --- loading bar while an HTMX request is in flight -----------------------------------------------------
  var inFlight = 0;
  function bar() {
    var el = document.getElementById('loading-bar');
    if (el) el.classList.toggle('active', inFlight > 0);
  }
  document.body.addEventListener('htmx:beforeRequest', function () { inFlight++; bar(); });
  document.body.addEventListener('htmx:afterRequest', function () { inFlight = Math.max(0, inFlight - 1); bar(); });
  // A network failure (no response at all) still deserves a word.
  document.body.addEventListener('htmx:sendError', function () {
    toast('error', document.documentElement.lang === 'en' ? 'Could not reach the server.' : '서버에 연결할 수 없습니다.');
  });

  // --- KPI cards count up to their number ("50명", "₩1,234,000"); not under reduced motion -------------------
  function countUp(root) {
    if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    root.querySelectorAll('[data-count-up]').forEach(function (el) {
      var text = el.textContent, match = text.match(/[\d,]+/);
      if (!match) return;
      var target = parseInt(match[0].replace(/,/g, ''), 10), start = null;
      if (!(target > 0)) return;
      function frame(t) {
        if (start === null) start = t;
        var p = Math.min(1, (t - start) / 700);
        el.textContent = text.replace(match[0], Math.round(target * p).toLocaleString('en-US'));
        if (p < 1) window.requestAnimationFrame(frame);
      }
      window.requestAnimationFrame(frame);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { countUp(document); });
  document.body.addEventListener('htmx:afterSwap', function (e) { if (e.detail && e.detail.target) countUp(e.detail.target); });

  // --- Escape closes an open dropdown (<details>: user menu, 세션 관리, 조직) and returns the focus to it ----------
  // Capture phase, so that the navbar's own Escape (the hamburger) only acts when no dropdown was open.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var closed = false;
    document.querySelectorAll('details.dropdown[open], .dropdown > details[open]').forEach(function (d) {
      var focused = d.contains(document.activeElement);
      d.open = false;
      closed = true;
      if (focused) d.querySelector('summary').focus();
    });
    if (closed) e.stopPropagation();
  }, true);

  // --- plain forms that ask first (logout): data-confirm="question" -------------------------------------
  document.addEventListener('submit', function (e) {
    var q = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (q && !window.confirm(q)) e.preventDefault();
  }, true);
})();
