// Browser tests of the administration pages (issue 14 items 5, 7, 8; WEB.md §4.7): trainers, organisation settings,
// the invite page with a real invitation e-mail received by an SMTP server on loopback (tests/e2e/smtp_sink.py,
// Debian python3-aiosmtpd, started and stopped here), accepting it in a second browser, the new trainer's login with
// the invited role, notifications, the organisation dashboard and the audit log.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/admin.test.mjs
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startStudio } from './harness.mjs';

// --- the loopback SMTP server ------------------------------------------------------------------------------------
const here = path.dirname(fileURLToPath(import.meta.url));
const sink = spawn('/usr/bin/python3', [path.join(here, 'smtp_sink.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
const mails = [];
const smtpPort = await new Promise((resolve, reject) => {
  let buffer = '';
  const timer = setTimeout(() => reject(new Error('the SMTP sink did not start')), 15000);
  sink.stdout.on('data', (d) => {
    buffer += d;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const m = line.match(/^listening (\d+)$/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); } else if (line.trim()) mails.push(JSON.parse(line));
    }
  });
  sink.on('exit', (code) => reject(new Error(`the SMTP sink exited ${code}`)));
});
process.on('exit', () => sink.kill('SIGTERM'));

async function mailTo(address, timeout = 15000) {
  const start = Date.now();
  for (;;) {
    const m = mails.find((x) => x.to.includes(address));
    if (m) return m;
    if (Date.now() - start > timeout) throw new Error(`no e-mail to ${address}; got ${JSON.stringify(mails)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const { base, page, newContext, step, shoot, fitsNarrow, expectingHttpError, login, finish } = await startStudio({
  extraEnv: { EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(smtpPort), EMAIL_USE_TLS: 'false',
    DEFAULT_FROM_EMAIL: 'The5HC <noreply@the5hc.test>' },
});

const trainerIdOf = async (p, name) => {
  const href = await p.getAttribute(`#trainer-list a.strong:has-text("${name}")`, 'href');
  return Number(href.match(/\/trainers\/(\d+)\//)[1]);
};

page.setDefaultTimeout(10000);

try {
  await step('trainer list: the studio, search and the role filter', async () => {
    await login();
    await page.goto(`${base}/trainers/`);
    await page.waitForSelector('text=김대표');
    assert.match(await page.textContent('.page-header .muted'), /트레이너 3명/);
    await shoot(page, '40-trainers');
    await fitsNarrow(page);
    await page.fill('#id_search', '이트레');
    await page.waitForURL(/search=/);
    await page.waitForFunction(() => document.querySelectorAll('#trainer-list tbody tr').length === 1);
    await page.goto(`${base}/trainers/?role=assistant`);
    assert.equal(await page.locator('#trainer-list tbody tr').count(), 1);
    assert.match(await page.textContent('#trainer-list'), /박어시스턴트/);
  });

  await step('own trainer profile: edit with specialties one per line', async () => {
    await page.goto(`${base}/trainers/profile/edit/`);
    await page.fill('#id_specialties', '체형 교정\n재활 운동\n다이어트');
    await page.fill('#id_years', '7');
    await page.fill('#id_bio', '10년차 퍼스널 트레이너입니다.');
    await Promise.all([page.waitForURL(/\/trainers\/\d+\/$/), page.click('main form button[type=submit]')]);
    await page.waitForSelector('text=프로필이 저장되었습니다.');
    assert.match(await page.textContent('main'), /재활 운동/);
    assert.match(await page.textContent('main'), /7년/);
    await shoot(page, '41-trainer-detail');
    await fitsNarrow(page);
  });

  await step('organisation settings: rates as percent, 422 on a bad rate, saved as basis points', async () => {
    await page.goto(`${base}/trainers/organization/edit/`);
    assert.equal(await page.inputValue('#id_vat_rate'), '10');
    assert.equal(await page.inputValue('#id_card_fee_rate'), '3.5');
    await page.waitForSelector('text=변경한 요율은 이후 결제부터 적용됩니다.');
    await shoot(page, '42-organization-settings');
    await fitsNarrow(page);
    await page.fill('#id_card_fee_rate', '3.3');
    await page.fill('#id_business_hours', '평일: 06:00-23:00\n주말: 09:00-18:00');
    await Promise.all([page.waitForURL(`${base}/trainers/organization/edit/`), page.click('main form button[type=submit]')]);
    await page.waitForSelector('text=조직 설정이 저장되었습니다.');
    assert.equal(await page.inputValue('#id_card_fee_rate'), '3.3');
    assert.match(await page.inputValue('#id_business_hours'), /주말: 09:00-18:00/);
    const api = await page.evaluate(async () => (await fetch('/api/v1/organizations/')).json());
    assert.equal(api.results[0].card_fee_rate_bp, 330);
    await page.fill('#id_timezone', 'Mars/Olympus');
    await expectingHttpError(422, async () => {
      await page.click('main form button[type=submit]');
      await page.waitForSelector('.field-error');
    });
    assert.equal(await page.inputValue('#id_card_fee_rate'), '3.3');  // the form keeps what was typed
  });

  let link;
  await step('invite a trainer: the e-mail arrives over SMTP with the Korean text and the accept link', async () => {
    await page.goto(`${base}/trainers/invite/`);
    await page.fill('#id_email', 'new.senior@example.com');
    await page.fill('#id_name', '최시니어');
    await page.selectOption('#id_role', 'senior');
    await page.fill('#id_message', '함께 일해요!');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('text=new.senior@example.com에 초대를 보냈습니다. 7일 이내에 수락해야 합니다.');
    await page.waitForSelector('text=초대 메일을 보냈습니다.');
    link = await page.inputValue('#invite-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invitations\/accept\/[\w-]+\/$/);
    assert.match(await page.textContent('.pending-invitations'), /new\.senior@example\.com/);
    await shoot(page, '43-invite');
    await fitsNarrow(page);
    const mail = await mailTo('new.senior@example.com');
    assert.match(mail.subject, /트레이너 초대/);
    assert.match(mail.body, /김대표님이 .+에 시니어 트레이너\(으\)로 초대했습니다/);
    assert.match(mail.body, /함께 일해요!/);
    assert.ok(mail.body.includes(link), mail.body);
    assert.match(mail.from, /noreply@the5hc\.test/);
  });

  await step('accept in a second browser, then the new trainer logs in with the invited role', async () => {
    const mail = await mailTo('new.senior@example.com');
    const url = mail.body.match(/https?:\/\/\S+\/invitations\/accept\/\S+\//)[0];
    const other = await newContext();
    const p2 = other.pages()[0] || await other.newPage();
    p2.setDefaultTimeout(10000);
    await p2.goto(url);
    await p2.waitForSelector('text=시니어 트레이너');
    assert.equal(await p2.inputValue('#id_name'), '최시니어');
    await p2.fill('#id_username', 'new-senior');
    await p2.fill('#id_password', 'Senior-pass-2026');
    await p2.fill('#id_confirm_password', 'Senior-pass-2026');
    await Promise.all([p2.waitForURL(/\/accounts\/login\//), p2.click('form button.btn-primary')]);
    await login(p2, 'new-senior', 'Senior-pass-2026');
    await p2.waitForSelector('text=환영합니다, 최시니어님!');
    assert.equal((await p2.textContent('.navbar .role-badge')).trim(), '시니어 트레이너');
    // a senior sees the organisation dashboard and the invite page, not the settings or the audit log
    await p2.goto(`${base}/trainers/organization/dashboard/`);
    await p2.waitForSelector('text=트레이너 성과');
    assert.equal(await p2.locator('.nav-links a[href="/audit/"]').count(), 0);
    await expectingHttpError(403, async () => {
      const r = await p2.goto(`${base}/trainers/organization/edit/`);
      assert.equal(r.status(), 403);
    });
    await other.close();
  });

  await step('notifications: the bell counts, the page lists "trainer joined", a click opens it', async () => {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('#notification-badge')?.textContent || ''));
    await page.goto(`${base}/trainers/notifications/`);
    await page.waitForSelector('text=최시니어');
    await shoot(page, '44-notifications');
    await fitsNarrow(page);
    await Promise.all([page.waitForURL(/\/trainers\/\d+\/$/), page.click('.notification-item:has-text("최시니어")')]);
    await page.waitForSelector('h1:has-text("최시니어")');
  });

  await step('role change and deactivation of the new trainer; the last owner cannot be demoted', async () => {
    await page.goto(`${base}/trainers/`);
    const id = await trainerIdOf(page, '최시니어');
    await page.goto(`${base}/trainers/${id}/`);
    await page.selectOption('#id_role', 'trainer');
    await Promise.all([page.waitForURL(`${base}/trainers/${id}/`), page.click('form[action$="/role/"] button')]);
    await page.waitForSelector('text=최시니어의 역할이 변경되었습니다.');
    assert.match(await page.textContent('.page-header .role-badge'), /^트레이너$/);
    await page.click('button:has-text("비활성화")');  // the confirm dialog is accepted by the harness
    await page.waitForSelector('text=최시니어 트레이너가 비활성화되었습니다.');
    await page.waitForSelector('button:has-text("활성화")');
    // the demo owner is the only owner: no role change and no deactivation offered (the API refuses them too)
    await page.goto(`${base}/trainers/`);
    const owner = await trainerIdOf(page, '김대표');
    await page.goto(`${base}/trainers/${owner}/`);
    await page.waitForSelector('h1:has-text("김대표")');
    assert.equal(await page.locator('form[action$="/role/"]').count(), 0);
    assert.equal(await page.locator('button:has-text("비활성화")').count(), 0);
    let refused;
    await expectingHttpError(403, async () => { refused = await page.evaluate(async (id) => {
      const csrf = document.querySelector('meta[name=csrf-token]').content;
      const r = await fetch(`/api/v1/trainers/${id}/`, { method: 'PATCH', body: JSON.stringify({ role: 'senior' }),
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf } });
      return [r.status, (await r.json()).detail];
    }, owner); });
    assert.deepEqual(refused, [403, '조직에는 최소 한 명의 소유자가 필요합니다.']);
  });

  await step('cancel a pending invitation', async () => {
    await page.goto(`${base}/trainers/invite/`);
    await page.fill('#id_email', 'maybe@example.com');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.pending-invitations >> text=maybe@example.com');
    await page.click('.pending-invitations li:has-text("maybe@example.com") button.btn-danger');
    await page.waitForSelector('text=maybe@example.com 초대가 취소되었습니다.');
    assert.equal(await page.locator('.pending-invitations >> text=maybe@example.com').count(), 0);
  });

  await step('organisation dashboard: cards, trainer table by revenue, recent activity', async () => {
    await page.goto(`${base}/trainers/organization/dashboard/`);
    await page.waitForSelector('text=트레이너 성과');
    const rows = await page.locator('table tbody tr').count();
    assert.ok(rows >= 2, `rows ${rows}`);
    await page.waitForSelector('text=역할 변경');  // an audit entry in 최근 활동
    await shoot(page, '45-organization-dashboard');
    await fitsNarrow(page);
    const api = await page.evaluate(async () => {
      const orgs = await (await fetch('/api/v1/organizations/')).json();
      return (await fetch(`/api/v1/organizations/${orgs.results[0].id}/dashboard/`)).json();
    });
    assert.ok(Array.isArray(api.trainers) && api.trainers.length >= 2, JSON.stringify(api));
    assert.equal(api.recent_activity.length, 20);
    const revenues = api.trainers.map((t) => t.revenue_30d);
    assert.deepEqual(revenues, [...revenues].sort((a, b) => b - a));
  });

  await step('audit log: filter by action, a row opens its before/after diff', async () => {
    await page.goto(`${base}/audit/`);
    await page.waitForSelector('h1:has-text("감사 로그")');
    await page.selectOption('#id_action', 'organization_updated');
    await page.waitForURL(/action=organization_updated/);
    await page.waitForFunction(() => document.querySelectorAll('#audit-list .audit-entry').length === 1);
    await page.click('#audit-list .audit-entry summary');
    await page.waitForSelector('.audit-diff >> text=card_fee_rate_bp');
    assert.match(await page.textContent('.audit-diff'), /350[\s\S]*330/);
    await shoot(page, '46-audit');
    await fitsNarrow(page);
  });
} finally {
  sink.kill('SIGTERM');
  await finish();
}
