// Browser tests of the studio pages (issue 14 items 1–4, 6 and 8; WEB.md §4.5) in real Chromium: a package with the
// fee preview's exact numbers, booking for tomorrow, the event in the calendar, complete / no-show / late cancel /
// cancel and what each consumes, 소진률 and its renewal flag, payments with the export, and an assistant who sees
// no money pages.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/studio.test.mjs
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { startStudio } from './harness.mjs';

const { base, page, newContext, step, shoot, fitsNarrow, expectingHttpError, login, finish } = await startStudio();

// Form POSTs from inside the page (signed in, with the page's CSRF token), for the set-up steps a test does not
// need to click through; returns the HTTP status.
const post = (path, data) => page.evaluate(async ([p, d]) => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const r = await fetch(p, { method: 'POST', body: new URLSearchParams(d), redirect: 'manual',
    headers: { 'X-CSRFToken': token, 'Content-Type': 'application/x-www-form-urlencoded' } });
  return r.status === 0 ? 303 : r.status;  // an opaque redirect is the 303 of a successful form
}, [path, data]);
const remaining = async (id) => {
  await page.goto(`${base}/sessions/packages/${id}/`);
  return (await page.textContent('#package-remaining')).trim();
};
const plusDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

let packageId, clientId, clientName, tomorrow;

try {
  await login();

  await step('new package: the live fee preview shows the server-computed numbers (₩600,000 by card)', async () => {
    await page.goto(`${base}/sessions/packages/add/`);
    const option = page.locator('#id_client option:nth-child(2)');
    clientId = await option.getAttribute('value');
    clientName = (await option.textContent()).trim();
    await page.selectOption('#id_client', clientId);
    await page.fill('#id_package_name', '10회 퍼스널 트레이닝 (e2e)');
    await page.fill('#id_total_sessions', '10');
    await page.fill('#id_total_amount', '600000');
    await page.waitForSelector('#fee-preview [data-fee="vat"]:has-text("₩54,545")');
    assert.equal(await page.textContent('#fee-preview [data-fee="supply"]'), '₩545,455');
    assert.equal(await page.textContent('#fee-preview [data-fee="card_fee"]'), '₩21,000');
    assert.equal(await page.textContent('#fee-preview [data-fee="net"]'), '₩524,455');
    assert.equal(await page.getAttribute('#id_session_price', 'placeholder'), '60000');
    await page.selectOption('#id_payment_method', 'cash');  // no card fee for cash
    await page.waitForFunction(() => !document.querySelector('#fee-preview [data-fee="card_fee"]'));
    assert.equal(await page.textContent('#fee-preview [data-fee="net"]'), '₩545,455');
    await page.selectOption('#id_payment_method', 'card');
    await page.waitForSelector('#fee-preview [data-fee="card_fee"]');
    await shoot(page, 'studio-01-package-form');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(/\/sessions\/packages\/\d+\/$/), page.click('#package-form button[type=submit]')]);
    await page.waitForSelector('text="10회 퍼스널 트레이닝 (e2e)" 패키지가 성공적으로 생성되었습니다.');
    packageId = page.url().match(/packages\/(\d+)\//)[1];
    assert.equal((await page.textContent('#package-remaining')).trim(), '남은 10회 / 총 10회');
    await page.waitForSelector('text=₩524,455');  // 실 수령액 in the payment card
    await shoot(page, 'studio-02-package-detail');
    await fitsNarrow(page);
  });

  await step('a form with errors is re-rendered with 422 and the messages', async () => {
    await page.goto(`${base}/sessions/packages/add/`);
    await page.fill('#id_package_name', 'x');
    await page.fill('#id_total_sessions', '10');
    await page.fill('#id_total_amount', '600000');
    await page.evaluate(() => document.querySelector('#id_client').removeAttribute('required'));
    await expectingHttpError(422, async () => {
      await page.click('#package-form button[type=submit]');
      await page.waitForSelector('#package-form .form-error');
    });
    assert.equal(await page.textContent('#package-form .field-error'), '이 필드는 필수입니다.');
  });

  await step('book a session for tomorrow from the package', async () => {
    await page.goto(`${base}/sessions/packages/${packageId}/`);
    await Promise.all([page.waitForURL(/\/sessions\/add\/\?client=/), page.click('.header-actions a:has-text("세션 예약")')]);
    assert.equal(await page.inputValue('#id_package'), packageId);
    assert.equal(await page.inputValue('#id_cost'), '₩60,000');  // the package's price per session
    tomorrow = plusDays(await page.getAttribute('#id_session_date', 'min'), 1);
    await page.fill('#id_session_date', tomorrow);
    await page.fill('#id_session_time', '10:00');
    await shoot(page, 'studio-03-booking');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(`${base}/sessions/`), page.click('#booking-form button[type=submit]')]);
    await page.waitForSelector('text=세션이 성공적으로 예약되었습니다.');
    assert.equal((await remaining(packageId)), '남은 10회 / 총 10회');  // booked, nothing consumed yet
  });

  await step('the booking form lists the chosen client\'s bookable packages and refuses a past date', async () => {
    await page.goto(`${base}/sessions/add/`);
    await page.selectOption('#id_client', clientId);
    await page.waitForSelector(`#id_package option[value="${packageId}"]`, { state: 'attached' });
    await page.selectOption('#id_package', packageId);
    await page.evaluate(() => document.querySelector('#id_session_date').removeAttribute('min'));
    await page.fill('#id_session_date', '2020-01-01');
    await expectingHttpError(422, async () => {
      await page.click('#booking-form button[type=submit]');
      await page.waitForSelector('text=세션 날짜는 과거일 수 없습니다.');
    });
  });

  await step('the session appears in the calendar (week view in the URL) and opens its modal', async () => {
    await page.goto(`${base}/sessions/calendar/?view=week&date=${tomorrow}`);
    const event = page.locator('.fc-event', { hasText: clientName }).first();
    await event.waitFor();
    assert.ok(await page.locator('.fc-timeGridWeek-view').count(), 'week view from the URL');
    assert.equal(await page.locator('.fc-col-header-cell').first().getAttribute('data-date') !== null, true);
    const firstDay = await page.locator('.fc-col-header-cell').first().getAttribute('data-date');
    assert.equal(new Date(`${firstDay}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
    await event.click();
    await page.waitForSelector('#session-modal[open]');
    assert.equal(await page.textContent('#session-modal [data-field="client"]'), clientName);
    assert.equal(await page.textContent('#session-modal [data-field="statusLabel"]'), '예약됨');
    await shoot(page, 'studio-04-calendar-modal');
    await page.click('#session-modal [data-modal-close]');
    await page.click('.fc-dayGridMonth-button');
    await page.waitForURL(/view=month/);
    await shoot(page, 'studio-05-calendar-month');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(/\/sessions\/add\/\?date=\d{4}-\d{2}-\d{2}/),
      page.locator('.fc-daygrid-day:not(.fc-day-other) .fc-daygrid-day-frame').last().click({ position: { x: 5, y: 60 } })]);
    assert.match(await page.inputValue('#id_session_date'), /^\d{4}-\d{2}-\d{2}$/);
  });

  await step('complete in the session list: the row swaps, a toast, remaining drops to 9', async () => {
    await page.goto(`${base}/sessions/?package=${packageId}`);
    await shoot(page, 'studio-06-sessions');
    await fitsNarrow(page);
    const row = page.locator('#session-list tr.session-row').first();
    await row.locator('[data-action="complete"]').click();
    await page.waitForSelector('#session-list .badge.status-completed');
    await page.waitForSelector('.toast:has-text("남은 세션 9회")');
    assert.equal(await remaining(packageId), '남은 9회 / 총 10회');
  });

  await step('no-show and late cancel consume a session, a normal cancel does not', async () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(await post('/sessions/add/', { client: clientId, package: packageId, session_date: tomorrow,
        session_time: `1${i + 1}:00`, session_duration: '60' }), 303);
    }
    await page.goto(`${base}/sessions/?package=${packageId}&status=scheduled`);
    await page.locator('#session-list tr.session-row').first().locator('[data-action="no-show"]').click();  // confirm accepted
    await page.waitForSelector('#session-list .badge.status-no_show');
    assert.equal(await remaining(packageId), '남은 8회 / 총 10회');

    await page.goto(`${base}/sessions/?package=${packageId}&status=scheduled`);
    let row = page.locator('#session-list tr.session-row').first();
    await row.locator('.cancel-box summary').click();
    await row.locator('input[name=late]').check();
    await row.locator('input[name=reason]').fill('당일 연락');
    await shoot(page, 'studio-07-cancel-dialog');
    await row.locator('[data-action="cancel"]').click();
    await page.waitForSelector('.toast:has-text("당일 취소")');
    assert.equal(await remaining(packageId), '남은 7회 / 총 10회');

    await page.goto(`${base}/sessions/?package=${packageId}&status=scheduled`);
    row = page.locator('#session-list tr.session-row').first();
    await row.locator('.cancel-box summary').click();
    await row.locator('[data-action="cancel"]').click();
    await page.waitForSelector('.toast:has-text("세션이 취소되었습니다.")');
    assert.equal(await remaining(packageId), '남은 7회 / 총 10회');
  });

  await step('소진률 on the package list, detail and client page; 80 % used flags 재등록 상담 필요', async () => {
    await page.goto(`${base}/sessions/packages/?search=${encodeURIComponent('(e2e)')}`);
    await page.waitForSelector('#package-list td:has-text("30.0%")');
    for (let i = 0; i < 5; i++) {
      assert.equal(await post('/sessions/add/', { client: clientId, package: packageId, session_date: tomorrow,
        session_duration: '60' }), 303);
    }
    const ids = await page.evaluate(async (id) => {
      const html = await (await fetch(`/sessions/?package=${id}&status=scheduled`)).text();
      return [...html.matchAll(/id="session-(\d+)"/g)].map((m) => m[1]);
    }, packageId);
    assert.equal(ids.length, 5);
    for (const id of ids) assert.equal(await post(`/sessions/${id}/complete/`, {}), 303);
    assert.equal(await remaining(packageId), '남은 2회 / 총 10회');
    await page.waitForSelector('.card:has-text("소진률") >> text=80.0%');
    await page.waitForSelector('text=재등록 상담 필요');
    await page.goto(`${base}/sessions/packages/`);
    await page.waitForSelector('#package-list tr:has-text("(e2e)") >> text=재등록 상담 필요');
    assert.match(await page.textContent('.renewal-note'), /^재등록 상담 필요: \d+개$/);
    await shoot(page, 'studio-08-packages');
    await fitsNarrow(page);
    await page.goto(`${base}/clients/${clientId}/`);
    await page.waitForSelector('text=재등록 상담 필요');
    await page.waitForSelector('text=80.0%');
  });

  await step('top-up with preview adds sessions and credits', async () => {
    await page.goto(`${base}/sessions/packages/${packageId}/top-up/`);
    await page.fill('#id_amount', '120000');
    await page.waitForSelector('#fee-preview [data-fee="vat"]:has-text("₩10,909")');
    assert.equal(await page.getAttribute('#id_sessions', 'placeholder'), '2');
    await shoot(page, 'studio-09-top-up');
    await Promise.all([page.waitForURL(`${base}/sessions/packages/${packageId}/`), page.click('#top-up-form button[type=submit]')]);
    await page.waitForSelector('text=크레딧이 충전되었습니다.');
    assert.equal((await page.textContent('#package-remaining')).trim(), '남은 4회 / 총 12회');
  });

  await step('payments: list with totals per method, add with preview, CSV and Excel export', async () => {
    await page.goto(`${base}/sessions/payments/?client=${clientId}`);
    await page.waitForSelector('#payment-list td:has-text("₩600,000")');
    await shoot(page, 'studio-10-payments');
    await fitsNarrow(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="csv"]')]);
    const bytes = fs.readFileSync(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.match(text, /^\uFEFF결제일,회원,패키지,종류,수단,금액,부가세,카드 수수료,실 수령액,/);
    assert.ok(text.includes('\r\n'));
    assert.ok(text.includes(',600000,54545,21000,524455,'), 'the package purchase with its breakdown');
    assert.ok(text.split('\r\n').filter((l) => l && !l.includes(clientName)).length === 1, 'the client filter applies');
    assert.match(csv.suggestedFilename(), /^payments_\d{8}\.csv$/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="xlsx"]')]);
    assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK');
    assert.match(xlsx.suggestedFilename(), /^payments_\d{8}\.xlsx$/);

    await page.goto(`${base}/sessions/payments/add/`);
    await page.selectOption('#id_client', clientId);
    await page.waitForSelector(`#id_package option[value="${packageId}"]`, { state: 'attached' });
    await page.fill('#id_amount', '55000');
    await page.selectOption('#id_payment_method', 'cash');
    await page.waitForSelector('#fee-preview [data-fee="vat"]:has-text("₩5,000")');
    await page.fill('#id_description', '운동복 구매');
    await shoot(page, 'studio-11-payment-form');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(`${base}/sessions/payments/`), page.click('#payment-form button[type=submit]')]);
    await page.waitForSelector('text=결제가 성공적으로 기록되었습니다.');
    await page.waitForSelector('#payment-list td:has-text("₩55,000")');
  });

  await step('English: the same pages in English', async () => {
    const en = await newContext({ locale: 'en-US' });
    const p = en.pages()[0] || await en.newPage();
    await login(p);
    await p.click('.user-menu summary');
    await Promise.all([p.waitForURL(`${base}/`), p.click('button[value=en]')]);
    await p.goto(`${base}/sessions/packages/${packageId}/`);
    await p.waitForSelector('text=Package information');
    await p.waitForSelector('text=Utilisation');
    await p.waitForSelector('text=4 left / 12 total');
    await p.goto(`${base}/sessions/calendar/`);
    await p.waitForSelector('.fc-dayGridMonth-view');
    await en.close();
  });

  await step('an assistant sees no money menu and gets 403 on the money pages', async () => {
    const ctx = await newContext();
    const p = ctx.pages()[0] || await ctx.newPage();
    await login(p, 'demo-assistant');
    assert.equal(await p.locator('.nav-links a[href="/sessions/payments/"]').count(), 0);
    assert.equal(await p.locator('.nav-links summary:has-text("세션 관리")').count(), 0);
    await expectingHttpError(403, async () => {
      for (const path of ['/sessions/payments/', '/sessions/packages/', '/sessions/', '/sessions/calendar/',
        '/sessions/payments/export/?format=csv']) {
        const r = await p.goto(`${base}${path}`);
        assert.equal(r.status(), 403, path);
      }
      await p.waitForSelector('text=접근 권한이 없습니다.');
    });
    await ctx.close();
  });
} finally {
  await finish();
}
