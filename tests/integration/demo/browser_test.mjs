// Clicks through the demo in headless Chromium, as a person would, and runs axe-core on every
// page state it visits: no accessibility violations allowed.
//   node browser_test.mjs <demo url> <screenshot dir>
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [url, shots] = process.argv.slice(2);
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(error.stack || error).split('\n').join('\n  ')}`);
  }
}

async function axe(page, name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s): ${v.help}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// The fake ETS serves its documents with the demo's throwaway CA, which this browser does not
// trust; ssrlink itself always verifies. bypassCSP lets axe-core be injected.
const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true,
  viewport: { width: 390, height: 844 } });
const page = await context.newPage();

await check('admin sees report buttons for a student with reports', async () => {
  await page.goto(`${url}?student=1010&role=admin`);
  await page.screenshot({ path: `${shots}/admin.png`, fullPage: true });
  const buttons = page.locator('section.ssrlink a[href^="https://"]');
  assert.ok(await buttons.count() > 0, 'no report buttons');
  assert.equal(await page.locator('section.ssrlink [role="status"]').count(), 1,
    'the 30-minute notice is missing');
  await axe(page, 'admin page');
});

await check('a PDF button opens the report in a new tab and serves a PDF', async () => {
  await page.goto(`${url}?student=1010&role=admin`);
  const pdf = page.locator('section.ssrlink a[href^="https://"]', { hasText: 'PDF' }).first();
  assert.equal(await pdf.getAttribute('target'), '_blank');
  assert.equal(await pdf.getAttribute('rel'), 'noopener noreferrer');
  const href = await pdf.getAttribute('href');
  const response = await context.request.get(href);
  assert.equal(response.status(), 200);
  const body = await response.body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  // The click opens a new tab whose navigation asks for exactly that link.
  const [popup, request] = await Promise.all([
    context.waitForEvent('page'),
    context.waitForEvent('request', { predicate: (r) => r.url() === href }),
    pdf.click(),
  ]);
  assert.notEqual(popup, page, 'the link opened in the same tab');
  assert.equal(request.url(), href);
  await popup.close();
});

await check('the picker switches role and student, and the refresh link works', async () => {
  await page.goto(url);
  await page.selectOption('#student', '1010');
  await page.selectOption('#role', 'parent');
  await Promise.all([page.waitForLoadState('load'), page.click('form.host-picker button')]);
  assert.match(page.url(), /role=parent/);
  const refresh = page.locator('section.ssrlink [role="status"] a');
  assert.equal(await refresh.count(), 1, 'no refresh link in the notice');
  await Promise.all([page.waitForLoadState('load'), refresh.click()]);
  assert.ok(await page.locator('section.ssrlink a[href^="https://"]').count() > 0);
  await axe(page, 'parent page after refresh');
});

await check('every outcome page is accessible (denied, no SSID, errors, Spanish)', async () => {
  // Walk every student of the demo district as a parent and as a teacher.
  await page.goto(url);
  const ids = await page.locator('#student option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(ids.length >= 10, 'the demo district is too small');
  const outcomes = new Set();
  for (const id of ids) {
    for (const query of [`role=teacher`, `role=parent&lang=es`]) {
      await page.goto(`${url}?student=${id}&${query}`);
      const footer = await page.locator('footer').innerText();
      outcomes.add(footer.match(/outcome (\w+)/)?.[1]);
    }
  }
  await page.goto(`${url}?student=${ids[0]}&role=teacher`);
  await axe(page, 'teacher page');
  for (const wanted of ['reports', 'denied', 'no_ssid', 'ets_error']) {
    assert.ok(outcomes.has(wanted), `no demo student shows the outcome ${wanted}: ${[...outcomes]}`);
  }
  // One page per outcome through axe.
  for (const id of ids.slice(0, 40)) {
    await page.goto(`${url}?student=${id}&role=parent&lang=es`);
    await axe(page, `student ${id} as a Spanish-speaking parent`);
  }
});

await browser.close();
console.log(`browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
