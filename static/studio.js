// Behaviour of the package, session and payment pages (WEB.md §4.5). Loaded by those pages' templates, possibly
// more than once across HTMX navigations, so it installs itself once and works by event delegation on the
// document: no inline script, no Alpine component needed (CSP: script-src 'self').
(function () {
  'use strict';
  if (window.__the5hcStudio) return;
  window.__the5hcStudio = true;

  function won(text) {
    var n = parseInt(String(text || '').replace(/[^0-9]/g, ''), 10);
    return isNaN(n) ? null : n;
  }
  function money(n) { return '₩' + n.toLocaleString('en-US'); }

  // New package: the per-session price the server will use when the field stays empty (round(total ÷ sessions)).
  function sessionPriceHint(form) {
    var amount = won(form.querySelector('[data-amount]') && form.querySelector('[data-amount]').value);
    var sessions = won(form.querySelector('[data-sessions]') && form.querySelector('[data-sessions]').value);
    var price = form.querySelector('[data-price]');
    if (!price) return;
    price.placeholder = amount && sessions ? String(Math.round(amount / sessions)) : '';
  }
  // Top-up: the sessions the server adds when the field stays empty (amount div price per session).
  function topUpHint(form) {
    var amount = won(form.querySelector('[data-amount]').value);
    var price = won(form.dataset.sessionPriceWon);
    var sessions = form.querySelector('[data-sessions]');
    sessions.placeholder = amount && price ? String(Math.floor(amount / price)) : '';
  }
  // Booking: the chosen package's session cost, read-only.
  function bookingCost(form) {
    var select = form.querySelector('[data-package-select]');
    var out = form.querySelector('[data-cost-output]');
    if (!select || !out) return;
    var option = select.options[select.selectedIndex];
    out.value = option && option.dataset.cost ? option.dataset.cost : '';
  }
  // Session list: the from/to fields only for "직접 입력".
  function periodFields(form) {
    var period = form.querySelector('[data-period]');
    form.querySelectorAll('[data-custom-range]').forEach(function (el) { el.hidden = period.value !== 'custom'; });
  }

  function refresh(root) {
    root.querySelectorAll('form[data-session-price]').forEach(sessionPriceHint);
    root.querySelectorAll('form[data-top-up]').forEach(topUpHint);
    root.querySelectorAll('form[data-booking]').forEach(bookingCost);
    root.querySelectorAll('form[data-period-form]').forEach(periodFields);
  }

  document.addEventListener('input', function (e) {
    var form = e.target.closest && e.target.closest('form');
    if (form) refresh(form.parentNode || document);
  });
  document.addEventListener('change', function (e) {
    var form = e.target.closest && e.target.closest('form');
    if (form) refresh(form.parentNode || document);
  });
  document.addEventListener('htmx:afterSettle', function () { refresh(document); });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { refresh(document); });
  else refresh(document);
  window.the5hcMoney = money;
})();
