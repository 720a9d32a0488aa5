// Browser tests of the web UI part 1 in real Chromium (issue 12, WEB.md §2–§6): login, dashboard, clients, exports,
// language, phone width, error pages. The studio, server and browser come from harness.mjs.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/web.test.mjs
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { startStudio, shots } from './harness.mjs';

const { base, page, step, shoot, fitsNarrow, expectingHttpError, chartsDrawn, finish } = await startStudio();

try {
  await step('login page → dashboard with drawn charts', async () => {
    await page.goto(`${base}/clients/`);
    assert.match(page.url(), /\/accounts\/login\/\?next=%2Fclients%2F/);
    await shoot(page, '01-login');
    await fitsNarrow(page);
    await page.goto(`${base}/accounts/login/`);
    await page.fill('#id_login', 'demo');
    await page.fill('#id_password', 'demo-pass-1234');
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    await page.waitForSelector('text=환영합니다');
    await chartsDrawn(page, 2);
    assert.equal(await page.title(), '대시보드 - The5HC');
    await shoot(page, '02-dashboard');
    await fitsNarrow(page);
  });

  await step('menu navigation is an HTMX swap of #main-content', async () => {
    await page.evaluate(() => { window.__stay = 'same document'; });
    await page.click('.nav-links a[href="/clients/"]');
    await page.waitForURL(`${base}/clients/`);
    await page.waitForSelector('#client-list');
    assert.equal(await page.evaluate(() => window.__stay), 'same document');
    assert.equal(await page.title(), '회원 관리 - The5HC');
    await page.click('.nav-links a[href="/"]');
    await chartsDrawn(page, 2);  // re-drawn after the swap, no "Canvas is already in use"
  });

  await step('client list: debounced search pushes the URL', async () => {
    await page.goto(`${base}/clients/`);
    await page.waitForSelector('text=명의 회원');
    await shoot(page, '03-clients');
    await fitsNarrow(page);
    const first = (await page.textContent('#client-list tbody tr td a')).trim();
    const word = first.slice(0, 2);
    await page.fill('#id_search', word);
    await page.waitForURL(/search=/);
    await page.waitForFunction((w) => [...document.querySelectorAll('#client-list tbody tr td:first-child')]
      .every((td) => td.textContent.includes(w)), word);
    // the list replaces itself (outerHTML): no card nested in the card after a swap
    assert.equal(await page.locator('[id=client-list]').count(), 1);
  });

  let detailUrl;
  await step('add a client: BMI preview, inline validation, detail with flash', async () => {
    await page.goto(`${base}/clients/add/`);
    await page.fill('#id_height', '175');
    await page.fill('#id_weight', '70');
    await page.waitForSelector('text=BMI 22.9 · 정상');
    await page.fill('#id_email', 'not-an-email');
    await page.click('#id_phone');
    await page.waitForSelector('#email-check .field-error');
    await page.fill('#id_email', 'e2e@example.com');
    await page.click('#id_phone');
    await page.waitForFunction(() => !document.querySelector('#email-check .field-error'));
    await page.fill('#id_name', '이투이');
    await page.fill('#id_age', '34');
    await page.selectOption('#id_gender', 'female');
    await shoot(page, '04-client-form');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(/\/clients\/\d+\/$/), page.click('#client-form button[type=submit]')]);
    await page.waitForSelector('text=이투이님이 등록되었습니다.');
    detailUrl = page.url();
    await page.goto(`${base}/clients/add/`);
    await page.fill('#id_name', '이투이');
    await page.waitForSelector('#name-check .field-warning');  // duplicate name warning
    await page.fill('#id_name', '');
    await page.fill('#id_age', '30');
    await page.fill('#id_height', '160');
    await page.fill('#id_weight', '50');
    await page.selectOption('#id_gender', 'male');
    await page.$eval('#id_name', (el) => el.removeAttribute('required'));
    await expectingHttpError(422, async () => {
      await page.click('#client-form button[type=submit]');
      await page.waitForSelector('#client-form .form-error');  // 422 re-render inside the form
    });
  });

  await step('client detail with score-history chart', async () => {
    await page.goto(`${base}/clients/`);
    await page.click('text=고급 필터');
    await page.selectOption('#id_score', '80-89');
    await page.waitForURL(/latest_score=80-89/);
    await page.waitForLoadState('networkidle');
    const link = await page.$('#client-list tbody tr td a');
    if (link) {
      await link.click();
      await page.waitForSelector('text=회원번호');
      if (await page.$('canvas[data-chart="score-history"]')) await chartsDrawn(page, 1);
      await shoot(page, '05-client-detail');
      await fitsNarrow(page);
    }
    await page.goto(detailUrl);
    await page.waitForSelector('text=평가 기록이 2회 이상 있으면 추이가 표시됩니다.');
  });

  await step('edit and delete a client', async () => {
    await page.goto(detailUrl.replace(/\/$/, '/edit/'));
    await page.fill('#id_weight', '72.5');
    await Promise.all([page.waitForURL(detailUrl), page.click('#client-form button[type=submit]')]);
    await page.waitForSelector('text=회원 정보가 수정되었습니다.');
    await page.waitForSelector('text=72.5 kg');
    await Promise.all([page.waitForURL(`${base}/clients/`), page.click('button.btn-danger')]);
    await page.waitForSelector('text=이투이님이 삭제되었습니다.');
  });

  await step('CSV and Excel downloads', async () => {
    await page.goto(`${base}/clients/?gender=female`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=CSV 내보내기')]);
    const csvBytes = fs.readFileSync(await csv.path());
    assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = csvBytes.toString('utf8');
    assert.match(text, /^\uFEFF이름,나이,성별,/);
    assert.ok(text.includes('\r\n'));
    assert.ok(!text.includes(',남성,'), 'the gender filter applies to the export');
    assert.match(csv.suggestedFilename(), /^clients_\d{8}\.csv$/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('text=Excel 내보내기')]);
    const xlsxBytes = fs.readFileSync(await xlsx.path());
    assert.equal(xlsxBytes.subarray(0, 2).toString(), 'PK');
    assert.match(xlsx.suggestedFilename(), /^clients_\d{8}\.xlsx$/);
  });

  await step('English switch', async () => {
    await page.goto(`${base}/`);
    await page.click('.user-menu summary');
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[value=en]')]);
    await page.waitForSelector('text=Welcome');
    await chartsDrawn(page, 2);
    await shoot(page, '06-dashboard-en');
    await page.goto(`${base}/clients/`);
    await page.waitForSelector('text=clients in total');
    await shoot(page, '07-clients-en');
    await page.click('.user-menu summary');
    await Promise.all([page.waitForNavigation(), page.click('button[value=ko]')]);
    await page.waitForSelector('text=명의 회원');
  });

  await step('the hamburger menu opens on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${base}/`);
    assert.equal(await page.isVisible('.nav-links a[href="/clients/"]'), false);
    await page.click('.hamburger');
    await page.waitForSelector('.nav-links a[href="/clients/"]', { state: 'visible' });
    await page.screenshot({ path: path.join(shots, '09-menu-375.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('error page and logout', async () => {
    await expectingHttpError(404, async () => {
      const r = await page.goto(`${base}/clients/999999/`);
      assert.equal(r.status(), 404);
      await page.waitForSelector('text=페이지를 찾을 수 없습니다.');
      await shoot(page, '08-not-found');
    });
    await page.click('.user-menu summary');
    await Promise.all([page.waitForURL(/\/accounts\/login\//), page.click('text=로그아웃')]);
    await page.waitForSelector('text=로그아웃되었습니다.');
  });
} finally {
  await finish();
}
