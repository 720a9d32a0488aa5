// Browser tests of the assessment workflow (issue 13, WEB.md §4.4) in real Chromium: list with filters and the
// compare selection, the five-step form whose live preview must equal POST /api/v1/assessments/preview/ for the
// same input (several inputs: complete, manual overrides, outdoor temperature, missing tests), save and reopen,
// drafts surviving a reload and an offline save, timers under a controlled clock, compare, questionnaire, phone
// width.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/assessments.test.mjs
import assert from 'node:assert/strict';
import { startStudio } from './harness.mjs';

const { base, page, context, cli, step, shoot, fitsNarrow, expectingHttpError, chartsDrawn, login, finish, problems } =
  await startStudio();

// A deliberate network failure makes the browser and htmx log errors; only those of `fn` are forgiven.
async function expectingOffline(fn) {
  const before = problems.length;
  await fn();
  const own = problems.splice(before).filter((q) => !/ERR_INTERNET_DISCONNECTED|htmx:sendError|htmx:afterRequest/.test(q));
  problems.push(...own);
}

// The API as a second client of the same studio (bearer token of the demo owner, or another user).
const apiAs = async (username, password) => {
  const r = await fetch(`${base}/api/v1/auth/login/`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_or_username: username, password }),
  });
  const { access } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method, headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: res.status === 204 ? null : await res.json() };
  };
};
const api = await apiAs('demo', 'demo-pass-1234');

// Fills the form from an API write body: each field's step is opened through its tab first (hidden steps cannot
// be typed into), checkboxes ticked, selects chosen, numbers typed.
async function fillForm(p, body) {
  for (const [name, value] of Object.entries(body)) {
    const stepNo = await p.$eval(`#assessment-form [name="${name}"]`, (el) => el.closest('[data-step]')?.dataset.step);
    if (stepNo) await p.click(`[data-step-tab="${stepNo}"]`);
    const sel = `#assessment-form [name="${name}"]`;
    const tag = await p.$eval(sel, (el) => el.tagName + ':' + el.type);
    if (tag === 'INPUT:checkbox') await p.setChecked(sel, !!value);
    else if (tag.startsWith('SELECT')) await p.selectOption(sel, String(value ?? ''));
    else await p.fill(sel, value === null ? '' : String(value));
  }
}

let probe = 0;
// Waits for the preview of the form as it is now: a unique note is typed last and the response to the request
// that carries it is the panel's final state.
async function settledPreview(p) {
  const mark = `probe-${++probe}`;
  await p.click('[data-step-tab="1"]');
  const response = p.waitForResponse((r) => r.url().endsWith('/assessments/preview/') &&
    (r.request().postData() || '').includes(mark));
  await p.fill('#id_notes', mark);
  await response;
  await p.waitForFunction((m) => document.querySelector('#score-preview') &&
    !document.querySelector('#score-preview').classList.contains('htmx-request'), mark);
  await p.waitForTimeout(50);
  return mark;
}

// The preview panel's numbers by API field name (null for "-" / not performed).
async function previewScores(p) {
  return p.$$eval('#score-preview [data-score]', (els) => {
    const out = {};
    for (const el of els) {
      const raw = el.dataset.value !== undefined ? el.dataset.value : el.textContent.trim();
      out[el.dataset.score] = raw === '' || raw === '-' ? null : Number(raw);
    }
    out.is_complete = !document.querySelector('#score-preview [data-incomplete]');
    return out;
  });
}

async function expectPreviewEqualsApi(p, clientId, body, label) {
  const notes = await settledPreview(p);
  const shown = await previewScores(p);
  const { status, json } = await api('POST', '/assessments/preview/', { client: clientId, ...body, notes });
  assert.equal(status, 200, JSON.stringify(json));
  for (const [field, value] of Object.entries(shown))
    assert.deepEqual(value, json[field] ?? null, `${label}: ${field} shows ${value}, the API says ${json[field]}`);
  assert.ok(Object.keys(shown).length >= 13, `${label}: every score is shown`);
  return json;
}

const assessmentA = {  // DOMAIN.md §12 #25 on a demo client
  push_up_reps: 26, push_up_type: 'standard', farmer_carry_weight: 40, farmer_carry_time: 50,
  single_leg_balance_right_eyes_open: 35, single_leg_balance_left_eyes_open: 28,
  single_leg_balance_right_eyes_closed: 12, single_leg_balance_left_eyes_closed: 9,
  toe_touch_distance: 2, shoulder_mobility_score: 2, shoulder_mobility_asymmetry: 3,
  overhead_squat_performed: true, overhead_squat_forward_lean: true,
  harvard_step_test_hr1: 85, harvard_step_test_hr2: 78, harvard_step_test_hr3: 72,
};

let clientId, secondClientId, savedUrl;

try {
  await login();
  const clients = (await api('GET', '/clients/?page_size=5&ordering=name')).json.results;
  clientId = clients[0].id;
  secondClientId = clients[1].id;

  await step('assessment list: stat cards, filters, legacy/incomplete badges, phone width', async () => {
    await page.goto(`${base}/assessments/`);
    await page.waitForSelector('#assessment-list tbody tr');
    assert.match(await page.textContent('#stat-average'), /\d+\.\d점/);
    await shoot(page, '20-assessments');
    await fitsNarrow(page);
    await page.click('text=고급 필터');
    await page.selectOption('#id_is_complete', 'false');
    await page.waitForURL(/is_complete=false/);
    await page.waitForLoadState('networkidle');
    const rows = await page.$$eval('#assessment-list tbody tr', (trs) => trs.map((tr) => tr.textContent));
    for (const r of rows) assert.ok(r.includes('미완료'), 'only incomplete rows, each with its badge');
    await page.goto(`${base}/assessments/?score_range=80-89`);
    const overall = await page.$$eval('#assessment-list tbody tr td:nth-child(4)', (tds) => tds.map((td) => Number(td.textContent)));
    for (const v of overall) assert.ok(v >= 80 && v < 90, `overall ${v} in 80-89`);
  });

  await step('compare selection: a 6th box cannot be ticked; three compared with charts', async () => {
    await page.goto(`${base}/assessments/`);
    const boxes = await page.$$('.compare-check');
    assert.equal(await page.isDisabled('#compare-button'), true);
    for (let i = 0; i < 5; i++) await boxes[i].check();
    await boxes[5].click();
    assert.equal(await boxes[5].isChecked(), false);
    await page.waitForSelector('.toast >> text=최대 5개까지 비교할 수 있습니다.');
    await boxes[3].uncheck();
    await boxes[4].uncheck();
    await Promise.all([page.waitForURL(/\/assessments\/compare\/\?ids=/), page.click('#compare-button')]);
    await page.waitForSelector('.compare-table');
    assert.equal(await page.$$eval('.compare-table thead th', (th) => th.length), 4);
    await page.waitForSelector('text=최고');
    await chartsDrawn(page, 2);
    await shoot(page, '21-compare');
    await fitsNarrow(page);
    await page.goto(`${base}/assessments/compare/?ids=1`);
    await page.waitForURL(`${base}/assessments/`);
    await page.waitForSelector('text=비교를 위해 2-5개의 평가를 선택해주세요.');
  });

  await step('wizard: a complete assessment through the steps; the preview equals the API', async () => {
    await page.goto(`${base}/assessments/add/?client=${clientId}`);
    await page.waitForSelector('.client-banner');
    assert.equal(await page.isVisible('[data-step="2"]'), false, 'one step at a time');
    for (let s = 1; s < 5; s++) {
      await page.click('[data-step-next]');
      assert.equal(await page.getAttribute('#assessment-form', 'data-current-step'), String(s + 1));
    }
    await page.click('[data-step-prev]');
    await fillForm(page, assessmentA);
    const json = await expectPreviewEqualsApi(page, clientId, assessmentA, 'complete');
    assert.equal(json.is_complete, true);
    assert.equal(await page.getAttribute('#id_farmer_carry_percentage', 'placeholder'), String(json.farmer_carry_percentage.toFixed(1)));
    await page.click('[data-step-tab="5"]');
    await page.waitForSelector(`[data-live-pfi] >> text=PFI: ${json.harvard_step_test_pfi.toFixed(1)}`);
    await shoot(page, '22-form');
    await fitsNarrow(page);
  });

  await step('preview equals the API: manual overrides, outdoor temperature, missing tests', async () => {
    await fillForm(page, { push_up_score: 2, farmer_carry_score: '3.5' });
    const manual = await page.$$eval('.score-field.manual [data-manual-badge]', (els) => els.filter((e) => e.offsetParent).length);
    assert.equal(manual, 2, 'the visible step shows "수동 입력됨" on both overrides');
    await expectPreviewEqualsApi(page, clientId, { ...assessmentA, push_up_score: 2, farmer_carry_score: 3.5 }, 'manual');
    await page.click('[data-step-tab="2"]');
    await page.click('#id_push_up_score ~ [data-override-reset]');
    assert.equal(await page.inputValue('#id_push_up_score'), '');
    await fillForm(page, { test_environment: 'outdoor', temperature: 5 });
    await expectPreviewEqualsApi(page, clientId, { ...assessmentA, farmer_carry_score: 3.5, test_environment: 'outdoor', temperature: 5 }, 'outdoor');
    const missing = { harvard_step_test_hr1: null, harvard_step_test_hr2: null, harvard_step_test_hr3: null, toe_touch_distance: null };
    await fillForm(page, missing);
    const json = await expectPreviewEqualsApi(page, clientId, { ...assessmentA, ...missing, farmer_carry_score: 3.5, test_environment: 'outdoor', temperature: 5 }, 'missing');
    assert.equal(json.is_complete, false);
    await page.waitForSelector('#score-preview >> text=미완료 (심폐지구력 없음)');
  });

  await step('a range error re-renders the form at its step; save goes to the detail with flash', async () => {
    await fillForm(page, { push_up_reps: 500 });
    await page.waitForSelector('#score-preview .preview-errors');
    await expectingHttpError(422, async () => {
      await page.click('[data-save]');
      await page.waitForSelector('#assessment-form [data-error-summary]');
    });
    // the swapped-in form is set up by its htmx:load handler, a moment after the swap under load
    await page.waitForSelector('#assessment-form[data-current-step]');
    assert.equal(await page.getAttribute('#assessment-form', 'data-current-step'), '2');
    assert.equal(await page.inputValue('#id_toe_touch_distance'), '', 'the posted values stay');
    assert.equal(await page.inputValue('#id_farmer_carry_time'), '50');
    await fillForm(page, { push_up_reps: 26, harvard_step_test_hr1: 85, harvard_step_test_hr2: 78, harvard_step_test_hr3: 72 });
    await Promise.all([page.waitForURL(/\/assessments\/\d+\/$/), page.click('[data-save]')]);
    await page.waitForSelector('text=평가가 성공적으로 저장되었습니다.');
    savedUrl = page.url();
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('draft:')).length), 0, 'draft removed');
  });

  await step('detail: radar with the previous assessment, test table, risk, percentiles, reports', async () => {
    await page.goto(savedUrl);
    await chartsDrawn(page, 1);
    const datasets = await page.$eval('canvas[data-chart="assessment-radar"]', (c) => JSON.parse(c.dataset.chartData).datasets.length);
    assert.equal(datasets, 2, 'the client has a previous assessment');
    const id = Number(savedUrl.match(/(\d+)\/$/)[1]);
    const detail = (await api('GET', `/assessments/${id}/`)).json;
    assert.equal(await page.textContent('.overall-card [data-score="overall_score"]'), detail.overall_score.toFixed(1));
    await page.waitForSelector('text=발끝 닿기');
    await page.waitForSelector('.test-table >> text=미실시');
    await page.waitForSelector('.test-table >> text=수동');
    await page.waitForSelector('text=실외 · 5.0 °C');
    await page.waitForSelector('text=백분위 순위');
    await page.waitForSelector(`a[href="/assessments/${id}/report.pdf"]`);
    await shoot(page, '23-detail');
    await fitsNarrow(page);
    // reopen: the edit form holds what was saved
    await page.goto(savedUrl + 'edit/');
    assert.equal(await page.inputValue('#id_push_up_reps'), '26');
    assert.equal(await page.inputValue('#id_farmer_carry_score'), '3.5');
    assert.equal(await page.inputValue('#id_test_environment'), 'outdoor');
    // the edit form's preview scores as the save will (the stored snapshot): the saved overall again
    await page.waitForSelector(`#score-preview [data-score="overall_score"] >> text=${detail.overall_score.toFixed(1)}`);
  });

  await step('draft survives a reload and an offline save', async () => {
    const url = `${base}/assessments/add/?client=${secondClientId}`;
    await page.goto(url);
    await fillForm(page, { push_up_reps: 31, toe_touch_distance: -3 });
    await page.waitForTimeout(100);
    await page.reload();
    await page.waitForSelector('[data-draft-banner]:not([hidden])');
    await shoot(page, '24-draft');
    await page.click('[data-draft-load]');
    await page.click('[data-step-tab="2"]');
    assert.equal(await page.inputValue('#id_push_up_reps'), '31');
    const before = page.url();
    await expectingOffline(async () => {
      await context.setOffline(true);
      await page.click('[data-save]');
      await page.waitForSelector('[data-save-failed]:not([hidden]) >> text=저장하지 못했습니다. 연결을 확인한 뒤 다시 시도하세요.');
      assert.equal(page.url(), before);
      assert.equal(await page.inputValue('#id_push_up_reps'), '31');
      await shoot(page, '26-offline');
      await context.setOffline(false);
    });
    await page.reload();
    await page.click('[data-draft-load]');
    await Promise.all([page.waitForURL(/\/assessments\/\d+\/$/), page.click('[data-save]')]);
    await page.waitForSelector('text=평가가 성공적으로 저장되었습니다.');
    await page.goto(url);
    assert.equal(await page.isHidden('[data-draft-banner]'), true, 'no draft after a successful save');
  });

  await step('timers under a controlled clock: stopwatch, balance auto-stop, Harvard guide', async () => {
    const p = await context.newPage();
    // paused fake time: nothing moves between the test's steps except through runFor
    await p.clock.install({ time: new Date('2026-01-05T09:00:00+09:00') });
    await p.goto(`${base}/assessments/add/?client=${secondClientId}`);
    await p.waitForSelector('#assessment-form.wizard');
    await p.clock.pauseAt(new Date('2026-01-05T09:00:05+09:00'));
    await p.click('[data-step-tab="2"]');
    await p.click('#timer-farmer [data-toggle]');
    await p.clock.runFor(12340);
    await p.focus('#timer-farmer [data-toggle]');
    await p.keyboard.press('Space');  // keyboard operable
    assert.equal(await p.inputValue('#id_farmer_carry_time'), '12.3');
    await p.click('[data-step-tab="3"]');
    await p.click('#timer-single_leg_balance_right_eyes_open [data-toggle]');
    await p.clock.runFor(61000);
    assert.equal(await p.inputValue('#id_single_leg_balance_right_eyes_open'), '60.0');
    await p.waitForSelector('.toast >> text=최대 시간 도달!');
    await p.click('[data-step-tab="5"]');
    await p.click('#timer-harvard [data-toggle]');
    await p.clock.runFor(30000);
    assert.equal(await p.textContent('#timer-harvard [data-display]'), '2:30');
    await p.clock.runFor(60000);
    await p.click('#timer-harvard [data-early-stop]');
    assert.equal(await p.inputValue('#id_harvard_step_test_duration'), '90.0', 'early stop writes the elapsed seconds');
    await p.clock.runFor(60500);
    await p.waitForSelector('#timer-harvard [data-prompt] >> text=첫 번째 심박수 측정 (1:00–1:30)');
    await p.clock.runFor(60000);
    await p.waitForSelector('#timer-harvard [data-prompt] >> text=두 번째 심박수 측정 (2:00–2:30)');
    await p.clock.runFor(60000);
    await p.waitForSelector('#timer-harvard [data-prompt] >> text=세 번째 심박수 측정 (3:00–3:30)');
    await p.clock.runFor(31000);
    assert.equal(await p.getAttribute('#timer-harvard', 'data-phase'), 'done');
    await p.click('#timer-harvard [data-reset]');
    await p.click('#timer-harvard [data-toggle]');
    await p.clock.runFor(181000);
    assert.equal(await p.inputValue('#id_harvard_step_test_duration'), '180.0', 'a full run writes 3:00');
    await shoot(p, '25-timers');
    await p.close();
  });
  await step('questionnaire: a dependent question appears, is ignored when hidden, answers saved and printed', async () => {
    // the platform superuser adds a question shown only to smokers ("흡연하십니까?" → the first choice)
    const password = cli(['create-user', 'root', '--email', 'root@example.com', '--superuser']).match(/password: (\S+)/)[1];
    const root = await apiAs('root', password);
    const smoking = (await root('GET', '/mcq/questions/?search=smok')).json;
    const smokingQ = (smoking.results || smoking)[0];
    const yes = smokingQ.choices[0];
    const created = await root('POST', '/mcq/questions/', {
      category: smokingQ.category.id ?? smokingQ.category, question_text: 'How many cigarettes a day?',
      question_text_ko: '하루 흡연량은 얼마입니까?', question_type: 'single', points: 2, is_required: true, order: 99,
      depends_on: smokingQ.id, depends_on_choice: yes.id,
      choices: [{ choice_text: 'Under 10', choice_text_ko: '10개비 미만', points: 1 },
        { choice_text: '10 or more', choice_text_ko: '10개비 이상', points: 0 }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const dependent = created.json.id;
    const id = Number(savedUrl.match(/(\d+)\/$/)[1]);
    await page.goto(`${base}/assessments/${id}/mcq/`);
    await page.waitForSelector('text=님의 지식, 생활습관, 준비도 평가');
    assert.equal(await page.isHidden(`[data-question="${dependent}"]`), true, 'hidden until its choice is picked');
    const questions = await page.$$eval('[data-question]', (qs) => qs.map((q) => Number(q.dataset.question)));
    for (const q of questions) {
      if (q === dependent || q === smokingQ.id) continue;
      await page.click(`[data-question="${q}"] input >> nth=0`);
    }
    // not a smoker: the (required) dependent question stays hidden and the save succeeds without it
    await page.click(`[data-question="${smokingQ.id}"] input[data-choice-id="${smokingQ.choices[1].id}"]`);
    assert.match(await page.textContent('[data-mcq-progress]'), new RegExp(`^${questions.length - 1} / ${questions.length - 1} 응답$`));
    await page.click(`[data-question="${smokingQ.id}"] input[data-choice-id="${yes.id}"]`);
    await page.waitForSelector(`[data-question="${dependent}"]:not([hidden])`);
    assert.match(await page.textContent('[data-mcq-progress]'), new RegExp(`^${questions.length - 1} / ${questions.length} 응답$`));
    await shoot(page, '27-mcq');
    await fitsNarrow(page);
    await page.click(`[data-question="${smokingQ.id}"] input[data-choice-id="${smokingQ.choices[1].id}"]`);
    await page.waitForSelector(`[data-question="${dependent}"]`, { state: 'hidden' });
    await Promise.all([page.waitForURL(savedUrl), page.click('#mcq-form button[type=submit]')]);
    await page.waitForSelector('text=설문이 저장되었습니다.');
    await page.waitForSelector('text=종합 건강 점수');
    const status = (await api('GET', `/assessments/${id}/mcq/`)).json;
    assert.equal(status.responses.length, questions.length - 1);
    assert.ok(!status.responses.some((r) => r.question_id === dependent));
    const detail = (await api('GET', `/assessments/${id}/`)).json;
    await page.waitForSelector(`text=${detail.comprehensive_score.toFixed(1)}점`);
    await page.goto(`${base}/assessments/${id}/mcq/print/`);
    await page.waitForSelector('.print-answers');
    assert.ok((await page.textContent('main')).includes(smokingQ.choices[1].choice_text_ko));
    await page.goto(`${base}/assessments/${id}/mcq/`);
    await Promise.all([page.waitForURL(`${base}/assessments/${id}/mcq/`), page.click('text=응답 초기화')]);
    await page.waitForSelector('text=모든 응답이 삭제되었습니다.');
    assert.equal((await api('GET', `/assessments/${id}/mcq/`)).json.responses.length, 0);
  });

  await step('English pages', async () => {
    await page.click('.user-menu summary');
    await Promise.all([page.waitForNavigation(), page.click('button[value=en]')]);
    await page.goto(savedUrl);
    await page.waitForSelector('text=Assessment result');
    await page.waitForSelector('text=Test results');
    await page.goto(`${base}/assessments/add/?client=${clientId}`);
    await page.waitForSelector('text=Register a fitness assessment');
    await page.goto(`${base}/assessments/`);
    await page.click('.user-menu summary');
    await Promise.all([page.waitForNavigation(), page.click('button[value=ko]')]);
  });
} finally {
  await finish();
}
