// Browser tests of the page frame and the accounts pages (issue 12, WEB.md §2, §3, §4.1, §8) in real Chromium:
// accessibility of every page of the issue (labels, one h1, lang, landmarks, contrast, visible focus), keyboard
// operation of the navbar, flash messages kept in the web session (one-shot, survive the redirect), login `next`
// same-origin only, English formatting (plurals, dates, money), the superuser's organisation selector, the public
// invitation page, and no horizontal scroll at 360 px.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/frame.test.mjs
import assert from 'node:assert/strict';
import { startStudio, shots } from './harness.mjs';
import { auditPage, focusIsVisible } from './a11y.mjs';

const { base, page, newContext, cli, step, shoot, fitsNarrow, expectingHttpError, chartsDrawn, finish, problems } =
  await startStudio();

// The pages of issue 12 a signed-in owner opens, by path (the detail and edit forms of a demo client are added).
const pages = ['/', '/clients/', '/clients/add/', '/accounts/profile/', '/accounts/password/'];

try {
  await step('login page: accessible, keyboard only, next stays on this site', async () => {
    await page.goto(`${base}/accounts/login/?next=https://evil.example/steal`);
    await auditPage(page, { lang: 'ko' });
    await fitsNarrow(page);
    // autofocus on the identifier; Tab to the password; Enter submits
    assert.equal(await page.evaluate(() => document.activeElement.id), 'id_login');
    await page.keyboard.type('demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-pass-1234');
    await Promise.all([page.waitForURL(`${base}/`), page.keyboard.press('Enter')]);
    const flash = page.locator('.flash[role=alert]');
    assert.match(await flash.textContent(), /환영합니다, .+님!/);
    await chartsDrawn(page, 2);
  });

  await step('a flash shows once, after a redirect, and only in its own browser', async () => {
    await page.reload();
    await page.waitForSelector('#main-content h1');
    assert.equal(await page.locator('.flash').count(), 0, 'the welcome flash was taken by the first page');
    await page.goto(`${base}/accounts/profile/`);
    await page.fill('#id_name', '데모 원장');
    await Promise.all([page.waitForURL(`${base}/accounts/profile/`), page.click('#main-content button[type=submit]')]);
    assert.match(await page.locator('.flash-success').textContent(), /프로필이 저장되었습니다./);
    await page.locator('.flash-close').click();
    await page.waitForSelector('.flash-success', { state: 'hidden' });
    await page.reload();
    assert.equal(await page.locator('.flash').count(), 0);
    const cookies = await page.context().cookies();
    assert.ok(!cookies.some((c) => c.name === 'flash'), 'no flash cookie: the web session keeps it');
  });

  await step('every page of the issue: lang, one h1, labels, landmarks, contrast, 360 px', async () => {
    await page.goto(`${base}/clients/`);
    const detail = await page.getAttribute('#client-list tbody tr td a', 'href');
    for (const path of [...pages, detail, `${detail}edit/`]) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await auditPage(page, { lang: 'ko' });
      await fitsNarrow(page);
    }
    // a refused form: errors tied to their fields (aria-invalid, aria-describedby), still accessible
    await page.goto(`${base}/clients/add/`);
    await page.$eval('#id_age', (el) => { el.removeAttribute('min'); el.removeAttribute('max'); });
    await page.fill('#id_name', '접근성');
    await page.fill('#id_age', '300');
    await page.fill('#id_height', '170');
    await page.fill('#id_weight', '70');
    await page.selectOption('#id_gender', 'female');
    await expectingHttpError(422, async () => {
      await page.click('#client-form button[type=submit]');
      await page.waitForSelector('#id_age[aria-invalid="true"]');
    });
    await auditPage(page, { lang: 'ko' });
    await expectingHttpError(404, async () => {
      await page.goto(`${base}/clients/999999/`);
      await auditPage(page, { lang: 'ko' });
      await fitsNarrow(page);
    });
  });

  await step('dashboard: Korean relative times; list filters survive back and reload', async () => {
    await page.goto(`${base}/`);
    assert.match(await page.textContent('#main-content'), /(\d+(분|시간|일) 전|방금 전)/);
    await page.goto(`${base}/clients/`);
    await page.selectOption('#id_gender', 'female');
    await page.waitForURL(/gender=female/);
    await page.click('.nav-links a[href="/"]');
    await page.waitForURL(`${base}/`);
    await page.goBack();
    await page.waitForURL(/\/clients\/\?.*gender=female/);
    await page.waitForSelector('#client-list');
    assert.equal(await page.inputValue('#id_gender'), 'female', 'the back button restores the filtered list');
    await page.reload();
    assert.equal(await page.inputValue('#id_gender'), 'female', 'a reload restores it too');
    assert.doesNotMatch(await page.textContent('#client-list'), /\/ 남성/);
  });

  // The tooltips and ticks of the dashboard's charts, as the chart module formats them (WEB.md §5).
  const chartTexts = (p) => p.evaluate(() => {
    const chart = (type) => window.Chart.getChart(document.querySelector(`canvas[data-chart="${type}"]`));
    const sessions = chart('weekly-sessions').options.plugins.tooltip.callbacks.label;
    const revenue = chart('monthly-revenue');
    return {
      sessions: [sessions({ parsed: { y: 1 } }), sessions({ parsed: { y: 3 } })],
      revenue: revenue.options.plugins.tooltip.callbacks.label({ parsed: { y: 1234000 } }),
      tick: revenue.options.scales.y.ticks.callback(1500000),
    };
  });

  await step('chart tooltips in Korean: "3회", "₩1,234,000", ticks ₩…M', async () => {
    await page.goto(`${base}/`);
    await chartsDrawn(page, 2);
    const t = await chartTexts(page);
    assert.deepEqual(t.sessions, ['1회', '3회']);
    assert.equal(t.revenue, '₩1,234,000');
    assert.match(t.tick, /^₩1\.5M$/);
  });

  await step('charts respect prefers-reduced-motion (no animation)', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${base}/`);
    await chartsDrawn(page, 2);
    const animations = await page.evaluate(() => [...document.querySelectorAll('canvas[data-chart]')]
      .map((c) => window.Chart.getChart(c).options.animation));
    assert.deepEqual(animations, [false, false]);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  await step('keyboard: visible focus, user menu and hamburger open and close (Escape)', async () => {
    await page.goto(`${base}/`);
    await focusIsVisible(page, 14);
    await page.focus('.user-menu summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('.user-menu', 'open'), '');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('.user-menu', 'open'), null);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'focus back on the menu');

    await page.setViewportSize({ width: 375, height: 812 });
    await page.focus('.hamburger');
    assert.equal(await page.getAttribute('.hamburger', 'aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nav-links a[href="/clients/"]', { state: 'visible' });
    assert.equal(await page.getAttribute('.hamburger', 'aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.nav-links a[href="/clients/"]', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.className), 'hamburger');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('an HTMX error is a toast in the live region', async () => {
    await page.goto(`${base}/clients/`);
    await expectingHttpError(404, async () => {
      await page.evaluate(() => window.htmx.ajax('GET', '/clients/999999/', { target: '#main-content' }));
      const toast = page.locator('#toasts .toast');
      await toast.waitFor();
      assert.match(await toast.textContent(), /찾을 수 없습니다/);
      assert.ok(['status', 'alert'].includes(await toast.getAttribute('role')));
    });
    // htmx logs the deliberate 404 in its own words too
    problems.splice(0, problems.length, ...problems.filter((q) => !q.includes('Error Code 404 from /clients/999999/')));
    assert.equal(await page.getAttribute('#toasts', 'aria-live'), 'polite');
  });

  await step('English: lang, plurals, dates and money as WEB.md §8', async () => {
    await page.goto(`${base}/`);
    await page.click('.user-menu summary');
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[value=en]')]);
    await page.waitForSelector('text=Welcome');
    await auditPage(page, { lang: 'en' });
    await chartsDrawn(page, 2);
    assert.deepEqual((await chartTexts(page)).sessions, ['1 session', '3 sessions'], 'English plural in the tooltip');
    const activity = await page.textContent('#main-content');
    assert.match(activity, /₩\d{1,3}(,\d{3})+/, 'money ₩1,234,567 in English too');
    assert.doesNotMatch(activity, /\b1 (minute|hour|day)s ago|\b([2-9]|\d\d+) (minute|hour|day) ago/, 'English plurals');
    assert.match(activity, /\b(just now|\d+ (minute|hour|day)s? ago)\b/, 'relative times in English');
    // names are the studio's data (Korean); the interface around them is English
    assert.doesNotMatch(activity, /(분|시간|일) 전|회원|평가|세션|매출/, 'no Korean interface text on the English dashboard');
    await page.goto(`${base}/clients/`);
    const detail = await page.getAttribute('#client-list tbody tr td a', 'href');
    await page.goto(`${base}${detail}`);
    await auditPage(page, { lang: 'en' });
    assert.match(await page.textContent('#main-content'), /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/);
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      await auditPage(page, { lang: 'en' });
    }
    await page.click('.user-menu summary');
    await Promise.all([page.waitForNavigation(), page.click('button[value=ko]')]);
  });

  await step('the public invitation page: accessible at 360 px', async () => {
    await page.goto(`${base}/`);
    const url = await page.evaluate(async () => {
      const token = document.querySelector('meta[name=csrf-token]').content;
      const r = await fetch('/api/v1/invitations/', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
        body: JSON.stringify({ email: 'frame-invitee@example.com', role: 'trainer' }),
      });
      return (await r.json()).accept_url;
    });
    const guest = await newContext();
    const p = guest.pages()[0] || await guest.newPage();
    await p.goto(`${base}${new URL(url).pathname}`);
    await p.waitForSelector('h1');
    await auditPage(p, { lang: 'ko' });
    await fitsNarrow(p);
    await shoot(p, '31-invitation');
  });

  await step('superuser: organisation selector (전체 / each), pages scoped, kept in the session', async () => {
    const out = cli(['create-user', 'root', '--email', 'root@example.com', '--superuser']);
    const password = out.match(/password: (\S+)/)[1];
    const admin = await newContext();
    const p = admin.pages()[0] || await admin.newPage();
    await p.goto(`${base}/accounts/login/`);
    await p.fill('#id_login', 'root');
    await p.fill('#id_password', password);
    await Promise.all([p.waitForURL(`${base}/`), p.click('button[type=submit]')]);
    const selector = p.locator('#organization-selector');
    assert.equal(await selector.inputValue(), '', '전체 by default');
    assert.equal(await p.locator('#organization-selector option').first().textContent(), '전체');
    await auditPage(p, { lang: 'ko' });
    await fitsNarrow(p);
    const studio = await p.locator('#organization-selector option').nth(1);
    const studioName = (await studio.textContent()).trim();
    await selector.selectOption(await studio.getAttribute('value'));
    await Promise.all([p.waitForURL(`${base}/`), p.click('.org-selector button[type=submit]')]);
    assert.equal((await p.locator('#organization-selector option:checked').textContent()).trim(), studioName);
    await chartsDrawn(p, 2);
    await shoot(p, '32-superuser-dashboard');
    await p.goto(`${base}/clients/`);
    assert.match(await p.textContent('#client-list'), /총 \d+명의 회원/);
    assert.equal((await p.locator('#organization-selector option:checked').textContent()).trim(), studioName,
      'the choice is kept in the session');
    await auditPage(p, { lang: 'ko' });
    await fitsNarrow(p);
    // on a phone the selector sits in the hamburger menu
    await p.setViewportSize({ width: 375, height: 812 });
    await p.click('.hamburger');
    await p.waitForSelector('#organization-selector', { state: 'visible' });
    await p.screenshot({ path: `${shots}/33-superuser-menu-375.png` });
    await p.setViewportSize({ width: 1280, height: 900 });
  });
} finally {
  await finish();
}
