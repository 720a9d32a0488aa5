// The session calendar (WEB.md §4.5): FullCalendar 6 (month / week / list, locale ko, Monday first, the
// organisation's time zone) fed by /sessions/calendar/events/; colours per status through CSS classes; the
// trainer filter; the event modal with the session actions; an empty day opens the booking with that date; the
// view and date stay in the URL (?view=week&date=2025-06-09).
(function () {
  'use strict';

  var views = { month: 'dayGridMonth', week: 'timeGridWeek', list: 'listWeek' };
  var names = { dayGridMonth: 'month', timeGridWeek: 'week', listWeek: 'list' };
  // The legend's colours (app.css .legend .ev-*): scheduled blue, completed green, cancelled grey, no-show red.
  var colours = { scheduled: '#2563eb', completed: '#16a34a', cancelled: '#9ca3af', no_show: '#dc2626' };

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : '';
  }

  // FullCalendar inserts its CSS rule by rule into <style data-fullcalendar> when it first renders. Its icon font is
  // a data: URL, which the CSP (font-src 'self') refuses and Chromium fetches as soon as the rule exists, so that
  // one rule is skipped (the toolbar uses text arrows instead of the icons). This file is therefore loaded before
  // FullCalendar's bundles and waits for them (boot).
  function withoutIconFont() {
    var el = document.querySelector('style[data-fullcalendar]');
    if (!el) {
      el = document.createElement('style');
      el.setAttribute('data-fullcalendar', '');
      document.head.insertBefore(el, document.head.firstChild);
    }
    var sheet = el.sheet;
    if (sheet.__withoutIconFont) return;
    sheet.__withoutIconFont = true;
    var insert = sheet.insertRule.bind(sheet);
    sheet.insertRule = function (rule, index) {
      var at = Math.min(index === undefined ? 0 : index, sheet.cssRules.length);
      return /^\s*@font-face/.test(rule) ? at : insert(rule, at);
    };
  }

  function start(el) {
    if (el.dataset.ready === 'true') return;
    el.dataset.ready = 'true';
    var trainer = document.querySelector('[data-calendar-trainer]');
    var modal = document.getElementById('session-modal');
    var current = null;  // the event shown in the modal

    var calendar = new FullCalendar.Calendar(el, {
      locale: el.dataset.locale || 'ko',
      timeZone: el.dataset.zone,
      now: el.dataset.now,
      firstDay: 1,
      initialView: views[el.dataset.view] || 'dayGridMonth',
      initialDate: el.dataset.date,
      // FullCalendar's icon font is a data: URL, which the CSP (font-src 'self') refuses: text arrows instead
      buttonIcons: false,
      buttonText: { prev: '‹', next: '›' },
      headerToolbar: { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listWeek' },
      height: 'auto',
      nowIndicator: true,
      dayMaxEvents: 3,
      events: function (info, success, failure) {
        var q = new URLSearchParams({ start: info.startStr.slice(0, 10), end: info.endStr.slice(0, 10) });
        if (trainer && trainer.value) q.set('trainer', trainer.value);
        fetch('/sessions/calendar/events/?' + q.toString(), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
          .then(success, failure);
      },
      eventDataTransform: function (e) { e.color = colours[e.status] || colours.scheduled; return e; },
      eventClassNames: function (arg) { return ['ev-' + arg.event.extendedProps.status]; },
      eventClick: function (info) {
        info.jsEvent.preventDefault();
        open(info.event);
      },
      dateClick: function (info) {
        window.location.href = '/sessions/add/?date=' + info.dateStr.slice(0, 10);
      },
      datesSet: function (info) {
        var url = new URL(window.location.href);
        url.searchParams.set('view', names[info.view.type] || 'month');
        url.searchParams.set('date', calendar ? calendar.getDate().toISOString().slice(0, 10) : el.dataset.date);
        window.history.replaceState(window.history.state, '', url.toString());
      }
    });
    calendar.render();
    el.calendar = calendar;

    if (trainer) trainer.addEventListener('change', function () {
      var url = new URL(window.location.href);
      if (trainer.value) url.searchParams.set('trainer', trainer.value); else url.searchParams.delete('trainer');
      window.history.replaceState(window.history.state, '', url.toString());
      calendar.refetchEvents();
    });

    function open(event) {
      current = event;
      var p = event.extendedProps;
      modal.querySelectorAll('[data-field]').forEach(function (dd) {
        var v = p[dd.dataset.field];
        dd.textContent = v ? String(v) : '-';
      });
      modal.querySelectorAll('[data-scheduled-only]').forEach(function (x) { x.hidden = !p.scheduled; });
      modal.querySelector('[data-modal-detail]').setAttribute('href', event.url || '/sessions/');
      modal.querySelector('[data-modal-cancel]').reset();
      modal.showModal();
    }

    function act(action, values) {
      if (!current) return;
      var body = new URLSearchParams(values || {});
      fetch('/sessions/' + encodeURIComponent(current.id) + '/' + action + '/', {
        method: 'POST', credentials: 'same-origin', body: body,
        headers: { 'X-CSRFToken': csrf(), 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' }
      }).then(function (r) {
        var trigger = r.headers.get('HX-Trigger');
        if (trigger) {
          try {
            var events = JSON.parse(trigger);
            if (events.showMessage) document.body.dispatchEvent(new CustomEvent('showMessage', { detail: events.showMessage }));
          } catch (e) { /* not JSON: nothing to show */ }
        }
        modal.close();
        calendar.refetchEvents();
      });
    }

    modal.addEventListener('click', function (e) {
      var button = e.target.closest('[data-modal-action]');
      if (button) {
        var question = button.dataset.confirmText;
        if (question && !window.confirm(question)) return;
        act(button.dataset.modalAction);
      }
      if (e.target.closest('[data-modal-close]')) modal.close();
    });
    modal.querySelector('[data-modal-cancel]').addEventListener('submit', function (e) {
      e.preventDefault();
      var data = {};
      new FormData(e.target).forEach(function (v, k) { data[k] = v; });
      act('cancel', data);
    });
  }

  // The FullCalendar bundles may still be loading (scripts added by an HTMX swap run out of order): wait for them.
  function boot(tries) {
    var el = document.querySelector('[data-calendar]');
    if (!el) return;
    if (window.FullCalendar && FullCalendar.Calendar && FullCalendar.globalLocales && FullCalendar.globalLocales.length) {
      start(el);
    } else if (tries < 100) {
      setTimeout(function () { boot(tries + 1); }, 50);
    }
  }
  // before FullCalendar's core script runs (this file is loaded first), which inserts its CSS on load
  withoutIconFont();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { boot(0); });
  else boot(0);
  document.addEventListener('htmx:afterSettle', function () { boot(0); });
})();
