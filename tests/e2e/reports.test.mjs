// Browser tests of the reports and share links (issue 15, WEB.md §4.6) in real Chromium: the assessment's PDF from
// /assessments/{id}/report.pdf, the reports list, the share-link section of the client page, and the public page
// /s/{token}/ opened in a fresh browser context (no login) at phone width; a revoked link shows the 410 page.
// Keeps page 1 of the downloaded demo report as a PNG (pdftoppm) next to the screenshots.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/reports.test.mjs
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startStudio, shots } from './harness.mjs';

const { base, page, newContext, step, shoot, fitsNarrow, expectingHttpError, chartsDrawn, login, finish } =
  await startStudio();

// Clicks a link to `href` (a download) that the page itself does not show.
async function download(p, href) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    a.download = '';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, href)]);
  const target = path.join(shots, file.suggestedFilename());
  await file.saveAs(target);
  return { file, target };
}

try {
  let clientUrl, assessmentId;
  await step('the demo owner finds a client with assessments', async () => {
    await login(page);
    await page.goto(`${base}/clients/`);
    const links = await page.$$eval('#client-list tbody tr td a.strong', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      await page.goto(`${base}${href}`);
      const ids = await page.$$eval('a[href^="/assessments/"]', (as) => as.map((a) => a.getAttribute('href'))
        .map((h) => (h.match(/^\/assessments\/(\d+)\/$/) || [])[1]).filter(Boolean));
      if (ids.length >= 2) { clientUrl = href; assessmentId = ids[0]; break; }
    }
    assert.ok(assessmentId, 'a demo client with two assessments');
  });

  await step('the assessment PDF downloads from /assessments/{id}/report.pdf; page 1 kept as PNG', async () => {
    const { file, target } = await download(page, `/assessments/${assessmentId}/report.pdf`);
    assert.match(file.suggestedFilename(), /\.pdf$/);
    const bytes = fs.readFileSync(target);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    fs.copyFileSync(target, path.join(shots, 'demo-report.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', target,
      path.join(shots, 'demo-report-page1')]);
    assert.ok(fs.statSync(path.join(shots, 'demo-report-page1.png')).size > 10000);
    const info = execFileSync('pdfinfo', [target]).toString();
    assert.match(info, /Pages:\s+[12]\n/);
    assert.match(info, /595\.\d* x 841\.\d* pts \(A4\)/);
  });

  await step('reports list: the stored report with search, view and download', async () => {
    await page.goto(`${base}/reports/`);
    await page.waitForSelector('text=생성된 평가 보고서를 확인하고 관리할 수 있습니다.');
    await page.waitForSelector('#report-list .report-row');
    await shoot(page, '60-reports');
    await fitsNarrow(page);
    await page.fill('#id_search', '없는회원이름');
    await page.waitForURL(/search=/);
    await page.waitForSelector('text=생성된 보고서가 없습니다.');
    await page.goto(`${base}/reports/`);
    const view = await page.getAttribute('#report-list .report-row a[target=_blank]', 'href');
    const inline = await page.request.get(`${base}${view}`);
    assert.equal(inline.headers()['content-type'], 'application/pdf');
    assert.match(inline.headers()['content-disposition'], /^inline;/);
  });

  let shareUrl;
  await step('client page: create a share link (consent required) and copy it', async () => {
    await page.goto(`${base}${clientUrl}`);
    await page.waitForSelector('#share-link-form');
    assert.equal(await page.inputValue('#id_expires_in_days'), '30');
    await page.click('#share-link-form button[type=submit]');  // the browser asks for the consent box first
    assert.equal(await page.$$eval('.share-row', (rows) => rows.length), 0);
    await page.check('#share-link-form input[name=consent]');
    await page.click('#share-link-form button[type=submit]');
    await page.waitForSelector('#id_share_url');
    shareUrl = await page.inputValue('#id_share_url');
    assert.match(shareUrl, /\/s\/[A-Za-z0-9_-]{22}\/$/);
    await page.click('.share-created button');
    await page.waitForFunction(() => document.querySelector('.share-created [data-copied]').textContent.length > 0);
    await page.waitForSelector('.share-row >> text=사용 중');
    await shoot(page, '61-client-share-links');
    await fitsNarrow(page);
  });

  await step('the client opens the link on a phone without an account', async () => {
    const phone = await newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const p = phone.pages()[0] || await phone.newPage();
    await p.goto(shareUrl);
    await p.waitForSelector('text=님의 체력 평가 결과');
    assert.match(await p.title(), /체력 평가 결과/);
    assert.equal(await p.$$eval('.navbar', (n) => n.length), 0);
    await p.waitForSelector('svg.share-radar polygon.radar-shape');
    await chartsDrawn(p, 1);  // the score history
    await p.waitForSelector('text=다음 재평가 예정일');
    await p.screenshot({ path: path.join(shots, '62-share-page-phone.png'), fullPage: true });
    await shoot(p, '62-share-page');
    await fitsNarrow(p);
    const [file] = await Promise.all([p.waitForEvent('download'), p.click('text=PDF 보고서 다운로드')]);
    const target = path.join(shots, 'share-report.pdf');
    await file.saveAs(target);
    assert.equal(fs.readFileSync(target).subarray(0, 5).toString(), '%PDF-');
    await phone.close();
  });

  await step('a revoked link shows the Korean 410 page', async () => {
    await page.goto(`${base}${clientUrl}`);
    await page.waitForSelector('.share-row button');
    await page.click('.share-row button');  // confirm dialog accepted by the harness
    await page.waitForSelector('.share-row >> text=해지');
    const fresh = await newContext({ viewport: { width: 375, height: 812 } });
    const p = fresh.pages()[0] || await fresh.newPage();
    await expectingHttpError(410, async () => {
      const res = await p.goto(shareUrl);
      assert.equal(res.status(), 410);
      await p.waitForSelector('text=이 링크는 만료되었거나 더 이상 사용할 수 없습니다.');
      await shoot(p, '63-share-gone');
    });
    await fresh.close();
  });
} finally {
  await finish();
}
