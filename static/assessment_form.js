// The assessment pages' behaviour (WEB.md §4.4): the five-step wizard, manual score overrides, the debounced live
// preview request, draft autosave in localStorage, the test timers (stopwatch, balance count-up, Harvard step test
// guide with a WebAudio metronome), the compare selection of the list and the questionnaire's dependent questions.
// No scoring happens here: the preview panel is rendered by the server and this file only copies its derived
// values (%BW, asymmetry, PFI) into placeholders. Timers measure with timestamps (Date.now), never by counting
// ticks, so a tab in the background keeps correct time. Loaded by the assessment templates; binding is idempotent
// (full page load, HTMX swaps, and the script itself arriving with swapped content).
(function () {
  'use strict';
  if (window.the5hcAssessments) return;
  window.the5hcAssessments = true;

  function toast(level, text) {
    document.body.dispatchEvent(new CustomEvent('showMessage', { detail: { level: level, text: text } }));
  }
  function vibrate(pattern) {
    try {
      if (navigator.vibrate && navigator.userActivation && navigator.userActivation.hasBeenActive) navigator.vibrate(pattern);
    } catch (e) { /* not supported */ }
  }
  function fire(el) {
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
  function once(el, key) {
    if (el.dataset[key]) return false;
    el.dataset[key] = '1';
    return true;
  }
  // m:ss; a countdown rounds up (3:00 until a full second has gone), a count-up down
  function fmtMinutes(s, up) {
    s = Math.max(0, up ? Math.floor(s) : Math.ceil(s));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  // --- live preview: one debounced request 300 ms after the last change of the form ----------------------------
  var previewTimer = null;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      var target = document.getElementById('score-preview');
      if (target && window.htmx) window.htmx.trigger(target, 'refresh-preview');
    }, 300);
  }
  function onFormEdit(e) {
    var form = e.target.closest && e.target.closest('[data-assessment-form]');
    if (!form) return;
    schedulePreview();
    if (form.the5hcDraft) form.the5hcDraft.changed();
    var override = e.target.closest('[data-override]');
    if (override) override.classList.toggle('manual', e.target.value !== '');
    if (e.target.matches('[data-environment]')) outdoor(form);
  }
  document.addEventListener('input', onFormEdit);
  document.addEventListener('change', onFormEdit);

  // The preview panel brought derived values: placeholders and the live "PFI: 80.0 · 점수 3/4".
  function copyDerived() {
    var body = document.querySelector('#score-preview .preview-body');
    var form = document.querySelector('[data-assessment-form]');
    if (!form) return;
    var d = body ? body.dataset : {};
    form.querySelectorAll('[data-computed]').forEach(function (input) {
      var key = input.dataset.computed === 'farmer_percentage' ? 'derivedFarmerPercentage' : 'derivedAsymmetry';
      input.placeholder = d[key] || '';
    });
    var live = form.querySelector('[data-live-pfi]');
    if (live) live.textContent = d.derivedPfi ? 'PFI: ' + d.derivedPfi + (d.derivedHarvardScore ?
      ' · ' + form.dataset.msgScore + ' ' + d.derivedHarvardScore + '/4' : '') : '';
  }
  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail && e.detail.target && e.detail.target.id === 'score-preview') copyDerived();
  });

  // --- wizard ------------------------------------------------------------------------------------------------
  function outdoor(form) {
    var env = form.querySelector('[data-environment]');
    var show = env && env.value === 'outdoor';
    form.querySelectorAll('[data-outdoor-only]').forEach(function (el) { el.hidden = !show; });
  }

  function wizard(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll('[data-step]'));
    var tabs = Array.prototype.slice.call(form.querySelectorAll('[data-step-tab]'));
    var current = 1;
    function show(n) {
      current = Math.min(steps.length, Math.max(1, n));
      form.dataset.currentStep = String(current);
      steps.forEach(function (s) { s.classList.toggle('active', Number(s.dataset.step) === current); });
      tabs.forEach(function (t) {
        var on = Number(t.dataset.stepTab) === current;
        t.classList.toggle('active', on);
        if (on) t.setAttribute('aria-current', 'step'); else t.removeAttribute('aria-current');
        t.classList.toggle('has-error', !!steps[Number(t.dataset.stepTab) - 1].querySelector('.field-error'));
      });
      var prev = form.querySelector('[data-step-prev]'), next = form.querySelector('[data-step-next]');
      if (prev) prev.disabled = current === 1;
      if (next) next.disabled = current === steps.length;
    }
    form.classList.add('wizard');
    tabs.forEach(function (t) { t.addEventListener('click', function () { show(Number(t.dataset.stepTab)); }); });
    form.querySelector('[data-step-prev]').addEventListener('click', function () { show(current - 1); });
    form.querySelector('[data-step-next]').addEventListener('click', function () { show(current + 1); });
    // After a 422 the first step with an error opens (WEB.md §4.4 "jump to the first step with an error").
    var first = 1;
    if (form.querySelector('[data-error-summary]')) {
      for (var i = 0; i < steps.length; i++) if (steps[i].querySelector('.field-error')) { first = i + 1; break; }
    }
    show(first);
    outdoor(form);
    form.querySelectorAll('[data-override-reset]').forEach(function (b) {
      b.addEventListener('click', function () {
        var select = b.closest('[data-override]').querySelector('select');
        select.value = '';
        fire(select);
      });
    });
  }

  // --- draft autosave (key draft:{user}:{client|new|edit-id}) --------------------------------------------------
  function fieldsOf(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === 'csrfmiddlewaretoken' || el.type === 'submit' || el.type === 'button') return;
      out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
    });
    return out;
  }
  function restore(form, fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in fields) || el.type === 'hidden') return;
      if (el.type === 'checkbox') el.checked = !!fields[el.name]; else el.value = fields[el.name];
      var override = el.closest('[data-override]');
      if (override) override.classList.toggle('manual', el.value !== '');
    });
    outdoor(form);
    schedulePreview();
  }
  function drafts(form) {
    var key = form.dataset.draftKey, dirty = false, done = false;
    var banner = form.querySelector('[data-draft-banner]');
    function save() {
      if (!dirty || done) return;
      try { localStorage.setItem(key, JSON.stringify({ saved_at: Date.now(), fields: fieldsOf(form) })); } catch (e) { /* full */ }
    }
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { stored = null; }
    // A re-rendered form after a 422 already shows the posted values: no question then.
    if (stored && stored.fields && !form.querySelector('[data-error-summary]')) {
      banner.hidden = false;
      banner.querySelector('[data-draft-load]').addEventListener('click', function () {
        restore(form, stored.fields);
        banner.hidden = true;
        dirty = true;
        save();
      });
      banner.querySelector('[data-draft-discard]').addEventListener('click', function () {
        localStorage.removeItem(key);
        banner.hidden = true;
      });
    }
    var every = setInterval(function () {
      if (!document.body.contains(form)) { clearInterval(every); return; }
      save();
    }, 5000);
    form.the5hcDraft = {
      changed: function () { dirty = true; save(); },
      saved: function () { done = true; clearInterval(every); localStorage.removeItem(key); }
    };
    form.addEventListener('htmx:afterRequest', function (e) {
      var xhr = e.detail && e.detail.xhr;
      if (e.detail.elt !== form) return;
      var failed = form.querySelector('[data-save-failed]');
      if (xhr && xhr.status >= 200 && xhr.status < 300 && xhr.getResponseHeader('HX-Redirect')) form.the5hcDraft.saved();
      else if (!xhr || xhr.status === 0 || xhr.status >= 500) { save(); if (failed) failed.hidden = false; }
    });
    form.addEventListener('htmx:sendError', function () {
      save();
      var failed = form.querySelector('[data-save-failed]');
      if (failed) failed.hidden = false;
    });
    form.addEventListener('htmx:beforeRequest', function (e) {
      if (e.detail.elt !== form) return;
      var failed = form.querySelector('[data-save-failed]');
      if (failed) failed.hidden = true;
    });
  }

  // --- timers ----------------------------------------------------------------------------------------------
  // Elapsed time = carried + (now − started); the interval only repaints.
  function clock() {
    var started = null, carried = 0;
    return {
      running: function () { return started !== null; },
      elapsed: function () { return carried + (started === null ? 0 : (Date.now() - started) / 1000); },
      start: function () { if (started === null) started = Date.now(); },
      stop: function () { if (started !== null) { carried += (Date.now() - started) / 1000; started = null; } },
      reset: function () { started = null; carried = 0; }
    };
  }

  function simpleTimer(box, form) {
    var target = document.getElementById(box.dataset.target);
    var display = box.querySelector('[data-display]'), toggle = box.querySelector('[data-toggle]');
    var bar = box.querySelector('[data-progress]');
    var limit = Number(box.dataset.limit || 0), c = clock(), tick = null;
    function paint() {
      var s = c.elapsed();
      if (limit && s >= limit) s = limit;
      display.textContent = s.toFixed(1);
      if (bar && limit) {
        var pct = Math.min(100, s / limit * 100);
        bar.style.width = pct + '%';
        bar.className = pct < 33 ? 'low' : pct < 66 ? 'mid' : 'high';
      }
      return s;
    }
    function stop(reachedLimit) {
      c.stop();
      clearInterval(tick);
      var s = paint();
      target.value = (Math.round(s * 10) / 10).toFixed(1);
      fire(target);
      toggle.textContent = form.dataset.msgStart;
      box.classList.remove('running');
      vibrate(200);
      if (reachedLimit) toast('info', form.dataset.msgMax);
    }
    toggle.addEventListener('click', function () {
      if (c.running()) { stop(false); return; }
      c.start();
      box.classList.add('running');
      toggle.textContent = form.dataset.msgStop;
      tick = setInterval(function () {
        if (!document.body.contains(box)) { clearInterval(tick); return; }
        if (limit && c.elapsed() >= limit) stop(true); else paint();
      }, 100);
    });
    box.querySelector('[data-reset]').addEventListener('click', function () {
      clearInterval(tick);
      c.reset();
      paint();
      toggle.textContent = form.dataset.msgStart;
      box.classList.remove('running');
    });
    paint();
  }

  // Harvard step test: 준비 → 운동 (3:00 countdown, 96 BPM, accent every 4th beat) → 회복 (prompts at 1:00, 2:00,
  // 3:00 for the three pulse counts, 30 s each) → 완료. An early stop writes the elapsed exercise seconds.
  function harvardTimer(box, form) {
    var EXERCISE = 180, RECOVERY_END = 210, BEAT = 60 / 96;
    var duration = document.getElementById(box.dataset.target);
    var display = box.querySelector('[data-display]'), phaseEl = box.querySelector('[data-phase]');
    var prompt = box.querySelector('[data-prompt]'), bar = box.querySelector('[data-progress]');
    var toggle = box.querySelector('[data-toggle]'), early = box.querySelector('[data-early-stop]');
    var phase = 'ready', exercise = clock(), recovery = clock(), tick = null, prompted = 0;
    var audio = null, nextBeat = 0, beats = 0;
    var prompts = [form.dataset.msgHr1, form.dataset.msgHr2, form.dataset.msgHr3];

    function metronome() {
      if (!audio) return;
      // schedule the beats of the next 200 ms on the audio clock (exact tempo while the page is busy)
      while (nextBeat < audio.currentTime + 0.2) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = beats % 4 === 0 ? 1320 : 880;
        gain.gain.setValueAtTime(beats % 4 === 0 ? 0.5 : 0.25, nextBeat);
        gain.gain.exponentialRampToValueAtTime(0.001, nextBeat + 0.08);
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(nextBeat); osc.stop(nextBeat + 0.1);
        nextBeat += BEAT;
        beats++;
      }
    }
    function setPhase(p) {
      phase = p;
      box.dataset.phase = p;
      phaseEl.textContent = { ready: form.dataset.msgPrepare, exercise: form.dataset.msgExercise,
        recovery: form.dataset.msgRecovery, done: form.dataset.msgDone }[p];
      toggle.hidden = p !== 'ready';
      early.hidden = p !== 'exercise';
    }
    function finishExercise(seconds) {
      exercise.stop();
      if (audio) { try { audio.close(); } catch (e) { /* closed */ } audio = null; }
      duration.value = (Math.round(seconds * 10) / 10).toFixed(1);
      fire(duration);
      recovery.start();
      setPhase('recovery');
    }
    function paint() {
      if (phase === 'exercise') {
        var s = exercise.elapsed();
        if (s >= EXERCISE) { finishExercise(EXERCISE); return paint(); }
        display.textContent = fmtMinutes(EXERCISE - s);
        bar.style.width = (s / EXERCISE * 100) + '%';
        metronome();
      } else if (phase === 'recovery') {
        var r = recovery.elapsed();
        display.textContent = fmtMinutes(r, true);
        bar.style.width = Math.min(100, r / RECOVERY_END * 100) + '%';
        var due = r >= 180 ? 3 : r >= 120 ? 2 : r >= 60 ? 1 : 0;
        if (due > prompted) {
          prompted = due;
          prompt.textContent = prompts[due - 1];
          toast('info', prompts[due - 1]);
          vibrate([200, 100, 200]);
          var hr = document.getElementById('id_harvard_step_test_hr' + due);
          if (hr) hr.classList.add('prompted');
        }
        if (r >= RECOVERY_END) {
          recovery.stop();
          clearInterval(tick);
          setPhase('done');
          prompt.textContent = '';
        }
      }
    }
    toggle.addEventListener('click', function () {
      if (phase !== 'ready') return;
      try {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        if (Ctx) { audio = new Ctx(); nextBeat = audio.currentTime + 0.05; beats = 0; }
      } catch (e) { audio = null; }
      exercise.start();
      setPhase('exercise');
      tick = setInterval(function () {
        if (!document.body.contains(box)) { clearInterval(tick); return; }
        paint();
      }, 100);
      paint();
      early.focus();
    });
    early.addEventListener('click', function () {
      if (phase === 'exercise') { finishExercise(exercise.elapsed()); paint(); toggle.focus(); }
    });
    box.querySelector('[data-reset]').addEventListener('click', function () {
      clearInterval(tick);
      if (audio) { try { audio.close(); } catch (e) { /* closed */ } audio = null; }
      exercise.reset(); recovery.reset(); prompted = 0;
      form.querySelectorAll('input.prompted').forEach(function (i) { i.classList.remove('prompted'); });
      prompt.textContent = '';
      bar.style.width = '0%';
      display.textContent = fmtMinutes(EXERCISE);
      setPhase('ready');
    });
    setPhase('ready');
  }

  // --- the list's compare selection (2–5) -------------------------------------------------------------------
  function compareSelection(form) {
    var button = form.querySelector('#compare-button'), count = form.querySelector('#compare-count');
    function update() {
      var n = form.querySelectorAll('.compare-check:checked').length;
      button.disabled = n < 2 || n > 5;
      count.textContent = n ? (form.dataset.countText || '{n}').replace('{n}', n) : '';
    }
    form.addEventListener('change', function (e) {
      if (!e.target.classList.contains('compare-check')) return;
      if (e.target.checked && form.querySelectorAll('.compare-check:checked').length > 5) {
        e.target.checked = false;
        toast('warning', form.dataset.limitMessage);
      }
      update();
    });
    update();
  }

  // --- questionnaire: dependent questions and the "N / M 응답" progress --------------------------------------
  function mcqForm(form) {
    function answered(q) {
      return Array.prototype.some.call(q.querySelectorAll('input'), function (i) { return i.checked; }) ||
        Array.prototype.some.call(q.querySelectorAll('textarea'), function (t) { return t.value.trim() !== ''; });
    }
    function update() {
      var total = 0, done = 0;
      form.querySelectorAll('[data-question]').forEach(function (q) {
        var dep = q.dataset.dependsOnChoice;
        if (dep) {
          var choice = form.querySelector('input[data-choice-id="' + dep + '"]');
          var visible = !!(choice && choice.checked);
          q.hidden = !visible;
          // hidden questions are not sent (and ignored by the server anyway)
          q.querySelectorAll('input, textarea').forEach(function (i) { i.disabled = !visible; });
          if (!visible) return;
        }
        total++;
        if (answered(q)) done++;
      });
      var progress = form.querySelector('[data-mcq-progress]');
      if (progress) progress.textContent = (form.dataset.progressText || '{n} / {m}').replace('{n}', done).replace('{m}', total);
    }
    form.addEventListener('change', update);
    form.addEventListener('input', update);
    update();
  }

  function bindPreviewToggle(root) {
    root.querySelectorAll('[data-preview-toggle]').forEach(function (b) {
      if (!once(b, 'bound')) return;
      b.addEventListener('click', function () {
        var panel = b.closest('.preview-panel');
        var open = panel.classList.toggle('open');
        b.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    });
  }

  function init(root) {
    if (!root || !root.querySelectorAll) return;
    var forms = root.matches && root.matches('[data-assessment-form]') ? [root] : [];
    forms = forms.concat(Array.prototype.slice.call(root.querySelectorAll('[data-assessment-form]')));
    forms.forEach(function (form) {
      if (!once(form, 'bound')) return;
      wizard(form);
      drafts(form);
      form.querySelectorAll('[data-timer="stopwatch"], [data-timer="countup"]').forEach(function (b) { simpleTimer(b, form); });
      form.querySelectorAll('[data-timer="harvard"]').forEach(function (b) { harvardTimer(b, form); });
      copyDerived();
    });
    root.querySelectorAll('[data-compare-form]').forEach(function (f) { if (once(f, 'bound')) compareSelection(f); });
    if (root.matches && root.matches('[data-compare-form]') && once(root, 'bound')) compareSelection(root);
    root.querySelectorAll('[data-mcq-form]').forEach(function (f) { if (once(f, 'bound')) mcqForm(f); });
    bindPreviewToggle(root);
  }

  document.addEventListener('htmx:load', function (e) { init(e.detail && e.detail.elt); });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { init(document); });
  else init(document);
})();
