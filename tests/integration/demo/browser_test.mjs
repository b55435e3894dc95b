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

// The one sentence every viewer who is not entitled to a student gets, whatever the reason
// (plugin/core/i18n/ui_text.cpp, not_permitted), and the one an entitled parent of a Do Not
// Release student gets (tests_inaccessible).
const REFUSAL = "You do not have permission to view this student's test score reports.";
const ASK_THE_SCHOOL = "This student's test score reports cannot be shown here. Please ask the school for a copy.";
const reportButtons = () => page.locator('section.ssrlink a[href^="https://"]');
const anyHttpsLink = () => page.locator('a[href^="https://"]');
const shown = async (query) => {
  await page.goto(`${url}?${query}`);
  const footer = await page.locator('footer').innerText();
  const message = await page.locator('section.ssrlink .ssrlink-error').allInnerTexts();
  return { outcome: footer.match(/outcome (\w+)/)?.[1], message: message.join(' ').trim() };
};

await check('admin sees report buttons for a student with reports', async () => {
  await page.goto(`${url}?student=1010&as=admin`);
  await page.screenshot({ path: `${shots}/admin.png`, fullPage: true });
  assert.ok(await reportButtons().count() > 0, 'no report buttons');
  assert.equal(await page.locator('section.ssrlink [role="status"]').count(), 1,
    'the 30-minute notice is missing');
  await axe(page, 'admin page');
});

await check('a page with a PDF has the phone and tablet tip, closed, accessible at 390 px', async () => {
  await page.goto(`${url}?student=1010&as=admin`);
  // After the buttons, one <details> (plugin/core/render/pdf_tip.hpp), closed until opened.
  const tip = page.locator('section.ssrlink details.ssrlink-tip');
  assert.equal(await tip.count(), 1, 'no phone and tablet tip on a page with PDF buttons');
  assert.equal(await tip.evaluate((d) => d.open), false, 'the tip starts open');
  assert.ok(await tip.locator('summary').isVisible(), 'the tip\'s summary is not visible');
  assert.match(await tip.locator('summary').innerText(), /PDF/);
  assert.equal(await tip.locator('li').first().isVisible(), false, 'a closed tip shows its list');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page scrolls sideways at 390 px');
  // Opened, as a tap on the summary would, its text passes axe too (a closed one is skipped).
  await tip.evaluate((d) => { d.open = true; });
  assert.equal(await tip.locator('li').count(), 3);
  assert.ok(await tip.locator('li').first().isVisible(), 'an opened tip hides its list');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the opened tip scrolls sideways at 390 px');
  await axe(page, 'page with the PDF tip opened');
  await page.goto(`${url}?student=1010&as=parent:parent-1010-1&lang=es`);
  assert.match(await page.locator('section.ssrlink details.ssrlink-tip summary').innerText(),
    /¿No se abre un informe PDF/);
});

await check('a PDF button opens the report in a new tab and serves a PDF', async () => {
  await page.goto(`${url}?student=1010&as=admin`);
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

await check('the sign-in picker offers only the district\'s portal accounts and school staff', async () => {
  await page.goto(url);
  const offered = await page.locator('#as option').evaluateAll((o) => o.map((x) => x.value));
  for (const wanted of ['admin', 'staff', 'staff:1', 'teacher:2', 'parent:parent-1010-1',
    'parent:relative-1010-2', 'parent:family-garcia', 'student:student-1010']) {
    assert.ok(offered.includes(wanted), `the picker does not offer ${wanted}`);
  }
  assert.ok(!offered.includes('parent') && !offered.includes('teacher'),
    'a bare role without an account or a school is offered');
  const family = await page.locator('#as option[value="parent:family-garcia"]')
    .getAttribute('data-students');
  assert.equal(family, '1001 1022', 'the family account does not serve both siblings');
  // A sign-in the database does not hold is refused by the host; ssrlink is not asked.
  await page.goto(`${url}?student=1010&as=parent:parent-9999-1`);
  assert.equal(await anyHttpsLink().count(), 0);
  assert.match(await page.locator('main [role="alert"]').innerText(), /no such sign-in/);
});

await check('the picker switches sign-in and student, and the refresh link works', async () => {
  await page.goto(url);
  await page.selectOption('#student', '1010');
  await page.selectOption('#as', 'parent:parent-1010-1');
  await Promise.all([page.waitForLoadState('load'), page.click('form.host-picker button')]);
  assert.match(page.url(), /as=parent%3Aparent-1010-1/);
  const refresh = page.locator('section.ssrlink [role="status"] a');
  assert.equal(await refresh.count(), 1, 'no refresh link in the notice');
  await Promise.all([page.waitForLoadState('load'), refresh.click()]);
  assert.match(page.url(), /as=parent%3Aparent-1010-1/, 'the refresh link lost the sign-in');
  assert.ok(await reportButtons().count() > 0);
  await axe(page, 'parent page after refresh');
});

await check('a linked parent with educational rights sees report buttons, a family for each child', async () => {
  for (const [student, account] of [[1010, 'parent-1010-1'], [1011, 'parent-1011-1'],
    [1022, 'family-garcia']]) {
    const { outcome } = await shown(`student=${student}&as=parent:${account}`);
    assert.equal(outcome, 'reports', `${account} on student ${student}`);
    assert.ok(await reportButtons().count() > 0, `${account} sees no buttons for ${student}`);
  }
  // The same family account on the TK sibling: entitled, and ETS has no tests for TK.
  const sibling = await shown('student=1001&as=parent:family-garcia');
  assert.equal(sibling.outcome, 'no_reports');
  assert.notEqual(sibling.message, REFUSAL);
  await page.screenshot({ path: `${shots}/family.png`, fullPage: true });
});

await check('a relative without rights and a parent of another child get the one refusal sentence', async () => {
  const refused = {
    'relative without educational rights': 'student=1010&as=parent:relative-1010-2',
    'parent of another child': 'student=1011&as=parent:parent-1010-1',
    'family account on a child outside the family': 'student=1010&as=parent:family-garcia',
    'deleted former contact': 'student=1002&as=parent:parent-1002-3',
    'relative of a Do Not Release student': 'student=1004&as=parent:relative-1004-2',
    'relative of a Hide Contact Info student': 'student=1025&as=parent:relative-1025-2',
    'parent of another child, who is Do Not Release': 'student=1004&as=parent:parent-1010-1',
    'another student': 'student=1011&as=student:student-1010',
    'teacher of another school': 'student=1010&as=teacher:1',
    'office of another school': 'student=1010&as=staff:3',
  };
  for (const [who, query] of Object.entries(refused)) {
    const { outcome, message } = await shown(query);
    assert.equal(outcome, 'denied', who);
    assert.equal(message, REFUSAL, `${who} is told something else`);
    assert.equal(await anyHttpsLink().count(), 0, `${who} sees an https link`);
    assert.equal(await page.locator('section.ssrlink [role="status"]').count(), 0,
      `${who} sees the refresh notice`);
  }
  await page.goto(`${url}?student=1010&as=parent:relative-1010-2`);
  await page.screenshot({ path: `${shots}/refused.png`, fullPage: true });
  await axe(page, 'refusal page');
  await page.goto(`${url}?student=1011&as=parent:parent-1010-1&lang=es`);
  await axe(page, 'Spanish refusal page');
});

await check('entitled viewers: the own student, a teacher of the school, the held-back notice', async () => {
  // 1025 hides contact info: staff still see the reports.
  for (const query of ['student=1010&as=student:student-1010', 'student=1010&as=teacher:2',
    'student=1010&as=staff:2', 'student=1025&as=staff']) {
    const { outcome } = await shown(query);
    assert.equal(outcome, 'reports', query);
    assert.ok(await reportButtons().count() > 0, `${query}: no report buttons`);
  }
  // Only an entitled viewer learns that the records are held back (Do Not Release, Hide
  // Contact Info).
  for (const query of ['student=1004&as=parent:parent-1004-1',
    'student=1025&as=parent:parent-1025-1', 'student=1025&as=teacher:3']) {
    const { outcome, message } = await shown(query);
    assert.equal(outcome, 'denied', query);
    assert.equal(message, ASK_THE_SCHOOL, query);
    assert.equal(await anyHttpsLink().count(), 0, `${query} sees an https link`);
  }
});

await check('every outcome page is accessible (denied, no SSID, errors, Spanish)', async () => {
  // Walk every student of the demo district as district office staff and, in Spanish, as the
  // student's guardian (the first portal account linked with educational rights).
  await page.goto(url);
  const ids = await page.locator('#student option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(ids.length >= 10, 'the demo district is too small');
  const accounts = await page.locator('#as option[data-students]').evaluateAll((o) => o
    .filter((x) => !/no educational rights|contact deleted/.test(x.textContent))
    .map((x) => [x.value, x.dataset.students.split(' ')]));
  const guardianOf = (id) => accounts.find(([, students]) => students.includes(id))?.[0];
  const outcomes = new Set();
  for (const id of ids) {
    const guardian = guardianOf(id);
    assert.ok(guardian, `student ${id} has no guardian account`);
    for (const query of ['as=staff', `as=${encodeURIComponent(guardian)}&lang=es`]) {
      outcomes.add((await shown(`student=${id}&${query}`)).outcome);
    }
  }
  await page.goto(`${url}?student=${ids[0]}&as=teacher:1`);
  await axe(page, 'teacher page');
  for (const wanted of ['reports', 'no_reports', 'denied', 'no_ssid', 'ets_error']) {
    assert.ok(outcomes.has(wanted), `no demo student shows the outcome ${wanted}: ${[...outcomes]}`);
  }
  // One page per outcome through axe.
  for (const id of ids.slice(0, 40)) {
    await page.goto(`${url}?student=${id}&as=${encodeURIComponent(guardianOf(id))}&lang=es`);
    await axe(page, `student ${id} as a Spanish-speaking parent`);
  }
});

await browser.close();
console.log(`browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
