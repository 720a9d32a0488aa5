// Stored XSS in a real Chromium (issue 17 part 4): payloads saved through the web forms into every text a trainer
// types (client name, package name and notes, payment memo, trainer bio, organisation texts), then every
// page that shows them is opened. No script of a payload may run (no dialog opens, no global is set) and the CSP
// reports nothing (the harness fails the suite on any violation or console error).
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/hostile.test.mjs
import assert from 'node:assert/strict';
import { startStudio } from './harness.mjs';

const { base, page, step, shoot, fitsNarrow, login, finish } = await startStudio();

const payload = (tag) => `XSS-${tag}<img src=x onerror="window.__pwned='${tag}';alert('${tag}')">` +
  `<script>window.__pwned='${tag}'</script>"'{{csrf_token}}`;
const dialogs = [];
page.on('dialog', (d) => dialogs.push(d.message()));

// A form POST from inside the signed-in page with its CSRF token; the status (303 for a saved form).
const post = (path, data) => page.evaluate(async ([p, d]) => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const r = await fetch(p, { method: 'POST', body: new URLSearchParams(d), redirect: 'manual',
    headers: { 'X-CSRFToken': token, 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (r.status !== 0) console.log(`  ${p}: ${r.status} ${(await r.text()).match(/class="(?:field-error|form-error)[^>]*>[^<]*/g)}`);
  return r.status === 0 ? 303 : r.status;
}, [path, data]);

// The page shows the payload as text and ran none of it.
async function inert(path, tag) {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  const pwned = await page.evaluate(() => window.__pwned || null);
  assert.equal(pwned, null, `a payload ran on ${path}`);
  assert.equal(await page.locator('img[src="x"]').count(), 0, `an injected <img> on ${path}`);
  if (tag) assert.ok((await page.content()).includes(`XSS-${tag}&lt;img`), `the ${tag} payload is shown escaped on ${path}`);
}

try {
  await login();
  let clientId, packageId;

  await step('payloads are saved through the forms', async () => {
    await page.goto(`${base}/clients/add/`);
    assert.equal(await post('/clients/add/', { name: payload('client').slice(0, 190), age: '33', gender: 'female',
      height: '161', weight: '52' }), 303);
    await page.goto(`${base}/sessions/packages/add/`);
    const option = page.locator('#id_client option', { hasText: 'XSS-client' });
    clientId = await option.getAttribute('value');
    assert.ok(clientId, 'the new client is offered');
    assert.equal(await post('/sessions/packages/add/', { client: clientId, package_name: payload('package').slice(0, 190),
      total_amount: '300000', total_sessions: '10', payment_method: 'cash', notes: payload('notes') }), 303);
    await page.goto(`${base}/clients/${clientId}/`);
    const link = page.locator('a[href^="/sessions/packages/"]', { hasText: 'XSS-package' }).first();
    packageId = (await link.getAttribute('href')).match(/packages\/(\d+)/)[1];
    assert.equal(await post('/sessions/payments/add/', { client: clientId, amount: '10000', payment_method: 'cash',
      description: payload('memo') }), 303);
    await page.goto(`${base}/trainers/profile/edit/`);
    const email = await page.inputValue('input[name="email"]');
    assert.equal(await post('/trainers/profile/edit/', { name: payload('trainer').slice(0, 90), email, bio: payload('bio'), certifications: payload('cert').slice(0, 90),
      specialties: payload('spec').slice(0, 90), years_of_experience: '3', session_price: '50000' }), 303);
    await page.goto(`${base}/trainers/organization/edit/`);
    assert.equal(await post('/trainers/organization/edit/', { name: payload('org').slice(0, 95), timezone: 'Asia/Seoul',
      description: payload('orgdesc'), address: payload('address'), vat_rate: '10', card_fee_rate: '3' }), 303);
  });

  await step('no payload runs on any page that shows them', async () => {
    await inert('/clients/', 'client');
    await inert(`/clients/${clientId}/`, 'client');
    await inert(`/clients/${clientId}/edit/`);
    await inert('/sessions/packages/', 'package');
    await inert(`/sessions/packages/${packageId}/`, 'package');
    await inert('/sessions/payments/');
    await inert('/sessions/add/');
    await inert('/sessions/');
    await inert('/assessments/add/');
    await inert('/trainers/');
    await inert('/trainers/profile/edit/');
    await inert('/trainers/organization/edit/');
    await inert('/trainers/organization/dashboard/');
    await inert('/');
    await inert('/audit/');
    await inert(`/clients/${clientId}/`, 'client');
    await shoot(page, '90-hostile-client');
    await fitsNarrow(page);  // a name with no space to break at must not widen the page on a phone
    assert.deepEqual(dialogs, [], 'no alert() of a payload');
  });
} finally {
  await finish();
}
