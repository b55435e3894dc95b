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

// ---- The staff side and the family page (tools/host/staff_pages.py, family_page.py) ----------

// axe-core at a phone's width and at a desktop's, and no sideways scrolling on the phone.
async function axeAtBothWidths(name) {
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `${name} scrolls sideways at 390 px`);
  await axe(page, `${name} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await axe(page, `${name} at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
}
const clickAndLoad = (locator) => Promise.all([page.waitForLoadState('load'), locator.click()]);
const statusText = async () => (await page.locator('main [role="status"]').allInnerTexts()).join(' ');
const alertText = async () => (await page.locator('main [role="alert"]').allInnerTexts()).join(' ');
const DEMO_SECRET = 'DemoSecretKey-0123456789';  // tools/demo/run.sh and the fake ETS fixture

await check('the staff pages and the family page refuse everyone else, with a clear page', async () => {
  for (const who of ['teacher:1', 'parent:parent-1010-1', 'student:student-1010']) {
    for (const path of ['staff/credentials', 'staff/manager', 'staff/processing',
      'staff/processing/run']) {
      const response = await page.goto(`${url}${path}?as=${encodeURIComponent(who)}`);
      assert.equal(response.status(), 403, `${who} on ${path}`);
      assert.match(await alertText(), /for district and school staff/, `${who} on ${path}`);
      assert.equal(await page.locator('main form[method="post"]').count(), 0,
        `${who} gets a form on ${path}`);
    }
  }
  for (const who of ['admin', 'staff:2', 'teacher:2', 'student:student-1010']) {
    const response = await page.goto(`${url}family?as=${encodeURIComponent(who)}`);
    assert.equal(response.status(), 403, who);
    assert.match(await alertText(), /is for parent portal accounts/, who);
  }
  await page.goto(`${url}family?as=teacher:1&lang=es`);
  assert.match(await alertText(), /es para las cuentas del portal de padres/);
  await axeAtBothWidths('the family page refusing a teacher, in Spanish');
  // A POST without the form token changes nothing, whoever sends it.
  const forged = await context.request.post(`${url}staff/processing`, {
    form: { as: 'admin', lang: 'en', time: '03:00' }, maxRedirects: 0 });
  assert.equal(forged.status(), 403);
  assert.match(await forged.text(), /form is out of date/);
});

await check('navigation: staff reach every staff page from Test Scores, a parent the family page', async () => {
  for (const [lang, names] of [
    ['en', ['3rd Party System Connections', 'Notification Manager', 'Configure processing', 'Test Scores']],
    ['es', ['Conexiones con sistemas externos', 'Administrador de avisos',
      'Configurar el procesamiento', 'Calificaciones de exámenes']]]) {
    await page.goto(`${url}?student=1010&as=admin&lang=${lang}`);
    for (const name of names) {
      await clickAndLoad(page.locator('nav.host-nav a', { hasText: name }));
      assert.equal(await page.locator('h1').innerText(), name === names[3]
        ? (lang === 'en' ? 'State Test Scores Reports' : 'Informes de calificaciones de exámenes estatales')
        : name, `${lang}: the link ${name}`);
      assert.match(page.url(), new RegExp(`as=admin&lang=${lang}`), `${name} lost the sign-in`);
      assert.equal(await page.locator('nav.host-nav a[aria-current="page"]').innerText(), name);
    }
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
  }
  await page.goto(`${url}?student=1001&as=parent:family-garcia`);
  assert.equal(await page.locator('nav.host-nav a', { hasText: 'Configure processing' }).count(), 0,
    'a parent is offered a staff page');
  await clickAndLoad(page.locator('nav.host-nav a', { hasText: 'All my students' }));
  assert.match(page.url(), /\/family\?as=parent%3Afamily-garcia/);
  // The sign-in picker on a staff page comes back to the same page.
  await page.goto(`${url}staff/processing?as=admin`);
  await page.selectOption('#as', 'staff:2');
  await clickAndLoad(page.locator('form.host-picker button'));
  assert.match(page.url(), /\/staff\/processing\?as=staff%3A2/);
  assert.equal(await page.locator('h1').innerText(), 'Configure processing');
});

await check('3rd Party System Connections: test before saving, save, masked status, no secret', async () => {
  await page.goto(`${url}staff/credentials?as=admin`);
  await axeAtBothWidths('3rd Party System Connections');
  assert.match(await page.locator('dl[data-scope="district"]').innerText(), /demo-district/);
  assert.equal(await page.locator('dl[data-scope="10"]').count(), 0, 'school 10 starts with a pair');
  assert.equal(await page.locator('input[name="secret_key"]').getAttribute('type'), 'password');
  // A wrong pair, tested: ETS refuses it, and nothing is saved.
  await page.selectOption('select[name="scope"]', '10');
  await page.fill('input[name="username"]', 'demo-district');
  await page.fill('input[name="secret_key"]', 'WrongSecret-9999');
  await clickAndLoad(page.getByRole('button', { name: 'Test connection' }));
  assert.match(await alertText(), /not saved\) failed: ETS refused the TOMS credentials/);
  assert.equal(await page.locator('dl[data-scope="10"]').count(), 0, 'a tested pair was saved');
  // The right pair, tested: accepted, still not saved.
  await page.selectOption('select[name="scope"]', '10');
  await page.fill('input[name="username"]', 'demo-district');
  await page.fill('input[name="secret_key"]', DEMO_SECRET);
  await clickAndLoad(page.getByRole('button', { name: 'Test connection' }));
  assert.match(await statusText(), /\(not saved\): Connected/);
  assert.equal(await page.locator('dl[data-scope="10"]').count(), 0, 'a tested pair was saved');
  assert.equal(await page.locator('dl[data-scope]').count(), 1, 'the test left a scope behind');
  // Saved: the masked status changes; the secret never comes back.
  await page.selectOption('select[name="scope"]', '10');
  await page.fill('input[name="username"]', 'demo-district');
  await page.fill('input[name="secret_key"]', DEMO_SECRET);
  await clickAndLoad(page.getByRole('button', { name: 'Save' }));
  assert.match(await statusText(), /Saved the connection for School 10/);
  const saved = await page.locator('dl[data-scope="10"]').innerText();
  assert.match(saved, /demo-district/);
  assert.match(saved, /••••6789/);
  assert.match(saved, /365/);
  assert.ok(!(await page.content()).includes(DEMO_SECRET), 'the secret is in the HTML');
  assert.equal(await page.locator('input[name="secret_key"]').inputValue(), '');
  await axeAtBothWidths('3rd Party System Connections after saving');
  // A plugin refusal is shown by the form, and the secret is not refilled.
  await page.selectOption('select[name="scope"]', '10');
  await page.fill('input[name="username"]', 'demo-district');
  await page.fill('input[name="secret_key"]', DEMO_SECRET);
  await page.fill('input[name="expires_on"]', '2001-01-01');
  await clickAndLoad(page.getByRole('button', { name: 'Save' }));
  assert.match(await alertText(), /expires_on/);
  assert.equal(await page.locator('input[name="secret_key"]').inputValue(), '');
  assert.ok(!(await page.content()).includes(DEMO_SECRET), 'the secret is in the error page');
  // In Spanish, "Test connection" with no secret typed tests the saved pair.
  await page.goto(`${url}staff/credentials?as=staff&lang=es`);
  assert.equal(await page.locator('h1').innerText(), 'Conexiones con sistemas externos');
  await page.selectOption('select[name="scope"]', '10');
  await clickAndLoad(page.getByRole('button', { name: 'Probar la conexión' }));
  assert.match(await statusText(), /Prueba del par guardado de Escuela 10: Connected/);
  await axeAtBothWidths('3rd Party System Connections in Spanish');
  await page.screenshot({ path: `${shots}/credentials.png`, fullPage: true });
});

await check('Configure processing: a bad time is refused by the plugin, a schedule is saved', async () => {
  await page.goto(`${url}staff/processing?as=admin`);
  await axeAtBothWidths('Configure processing');
  await page.check('input[name="enabled"]');
  await page.check('input[name="days"][value="mon"]');
  await page.check('input[name="days"][value="thu"]');
  await page.fill('input[name="time"]', '25:99');
  await page.fill('input[name="time_zone"]', 'America/Los_Angeles');
  await page.fill('textarea[name="summary_recipients"]', 'testing@district.example');
  await page.fill('textarea[name="instructions_en"]', 'Scores are explained at the district office.');
  await page.fill('textarea[name="instructions_es"]', 'Las calificaciones se explican en la oficina del distrito.');
  await clickAndLoad(page.getByRole('button', { name: 'Save settings' }));
  const refused = page.locator('#pr-error');
  assert.match(await refused.innerText(), /Not saved: "settings\.schedule\.time" must be HH:MM/);
  assert.equal(await refused.evaluate((e) => getComputedStyle(e).color), 'rgb(140, 29, 24)',
    'the error is not shown in red');
  assert.equal(await page.locator('input[name="time"]').inputValue(), '25:99', 'the typed time is lost');
  await axeAtBothWidths('Configure processing with an error');
  // Nothing was saved: the page read afresh shows the schedule as before.
  await page.goto(`${url}staff/processing?as=admin`);
  assert.notEqual(await page.locator('input[name="time"]').inputValue(), '25:99');
  assert.equal(await page.locator('input[name="enabled"]').isChecked(), false);
  await page.check('input[name="enabled"]');
  await page.check('input[name="days"][value="mon"]');
  await page.check('input[name="days"][value="thu"]');
  await page.fill('input[name="time"]', '02:45');
  await page.fill('textarea[name="instructions_en"]', 'Scores are explained at the district office.');
  await page.fill('textarea[name="instructions_es"]', 'Las calificaciones se explican en la oficina del distrito.');
  await clickAndLoad(page.getByRole('button', { name: 'Save settings' }));
  assert.match(await statusText(), /Settings saved/);
  assert.equal(await page.locator('input[name="time"]').inputValue(), '02:45');
  assert.ok(await page.locator('input[name="days"][value="thu"]').isChecked());
  assert.ok(!(await page.locator('input[name="days"][value="tue"]').isChecked()));
  assert.ok(await page.locator('input[name="enabled"]').isChecked());
  // The Spanish page reads the same settings.
  await page.goto(`${url}staff/processing?as=admin&lang=es`);
  assert.equal(await page.locator('input[name="time"]').inputValue(), '02:45');
  assert.match(await page.locator('textarea[name="instructions_es"]').inputValue(), /oficina del distrito/);
  await axeAtBothWidths('Configure processing in Spanish');
});

const count = async (name) => Number(await page.locator(`dd[data-count="${name}"]`).innerText());
await check('Run now: the progress bar, then the summary of the sweep with its counts', async () => {
  await page.goto(`${url}staff/processing?as=admin`);
  await clickAndLoad(page.getByRole('button', { name: 'Run now' }));
  assert.match(page.url(), /\/staff\/processing\/run\?as=admin&lang=en$/);
  assert.equal(await page.locator('progress').count(), 1, 'no progress bar');
  // The page refreshes itself (a meta refresh: the CSP allows no script) until the sweep ends.
  for (let i = 0; i < 120 && await page.locator('#rn-summary').count() === 0; i += 1) {
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 1,
      'a running sweep\'s page does not refresh itself');
    await page.waitForTimeout(500);
    await page.goto(page.url());
  }
  assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0,
    'a finished sweep\'s page keeps refreshing');
  const bar = page.locator('progress');
  assert.equal(await bar.getAttribute('value'), await bar.getAttribute('max'));
  const checked = await count('students_checked');
  assert.ok(checked >= 20, `the sweep checked ${checked} students`);
  assert.equal(await count('no_ssid'), 3, 'the demo has three students without an SSID');
  assert.ok(await page.locator('dd[data-count^="errors"]').count() > 0, 'no ETS error line');
  await page.screenshot({ path: `${shots}/sweep.png`, fullPage: true });
  await axeAtBothWidths('the sweep summary');
  await page.goto(`${url}staff/processing/run?as=admin&lang=es`);
  assert.match(await page.locator('main').innerText(), /Estudiantes revisados/);
  await axeAtBothWidths('the sweep summary in Spanish');
});

await check('the Manager lists the sweep\'s reports by student name, filters, and sends a notice', async () => {
  await page.goto(url);
  // "Last, First" of every demo student, from the Test Scores picker.
  const names = new Set((await page.locator('#student option').allInnerTexts())
    .map((label) => label.replace(/ \(.*$/, '')));
  await page.goto(`${url}staff/manager?as=admin`);
  const rows = page.locator('tr.ssrlink-manager-row');
  const all = await rows.count();
  assert.ok(all > 0, 'the Manager lists nothing after a sweep');
  const unfiltered = await rows.locator('td[data-label="School"]').allInnerTexts();
  for (const student of await rows.locator('th').allInnerTexts()) {
    assert.ok(names.has(student.trim()), `"${student}" is not a demo student's name`);
  }
  await axeAtBothWidths('the Manager');
  // The filter narrows the list to school 2, through the Manager's own route.
  await page.fill('.ssrlink-manager-filters input[name="school"]', '2');
  await clickAndLoad(page.locator('.ssrlink-manager-filters button'));
  assert.match(page.url(), /\/staff\/manager\?.*school=2/);
  const schools = await rows.locator('td[data-label="School"]').allInnerTexts();
  assert.ok(schools.length > 0, 'no report of school 2');
  assert.ok(schools.every((s) => s.trim() === '2'), `the filter let through ${schools}`);
  assert.ok(unfiltered.some((s) => s.trim() !== '2'), 'the filter had nothing to narrow');
  // "Send notice" on a row that had none: a status message, and the row's Emailed state changes.
  await page.goto(`${url}staff/manager?as=admin&school=2&limit=1000`);
  // A row without a notice, of a student whose guardian has an email (not 1009 or 1021).
  const pick = await rows.evaluateAll((trs) => trs.findIndex((tr) =>
    /No notice/.test(tr.querySelector('td[data-label="Emailed"]').textContent)
    && !['1009', '1021'].includes(tr.querySelector('input[name="student_id"]').value)));
  assert.ok(pick >= 0, 'no row without a notice in school 2');
  const row = rows.nth(pick);
  const student = (await row.locator('th').innerText()).trim();
  const key = await row.locator('input[name="report_key"]').inputValue();
  const id = await row.locator('input[name="student_id"]').inputValue();
  await clickAndLoad(row.getByRole('button', { name: /Send notice/ }));
  assert.match(page.url(), /\/staff\/manager\?as=admin&lang=en&school=2&limit=1000&flash=/,
    'no redirect back to the Manager as it was');
  const [last, firstName] = student.split(', ');
  assert.match(await statusText(), new RegExp(`Notice queued for ${firstName} ${last} \\(${id}\\) \\(${key}\\): [1-9]\\d* new email`));
  const sent = page.locator('tr.ssrlink-manager-row', {
    has: page.locator(`input[name="report_key"][value="${key}"]`) })
    .filter({ has: page.locator(`input[name="student_id"][value="${id}"]`) });
  assert.equal(await sent.count(), 1);
  assert.doesNotMatch(await sent.locator('td[data-label="Emailed"]').innerText(), /No notice/,
    'the row still says no notice');
  await axeAtBothWidths('the Manager after a notice');
  // Again: nothing new is queued, and the message says so.
  await clickAndLoad(sent.getByRole('button', { name: /Send notice/ }));
  assert.match(await page.locator('main [role="alert"]').innerText(), /No new notice for .*already notified/);
  // In Spanish, the fragment and the host's words.
  await page.goto(`${url}staff/manager?as=staff&lang=es`);
  assert.ok(await page.getByRole('button', { name: /Enviar aviso/ }).count() > 0);
  assert.equal(await page.locator('h1').innerText(), 'Administrador de avisos');
  await axeAtBothWidths('the Manager in Spanish');
  await page.screenshot({ path: `${shots}/manager.png`, fullPage: true });
});

await check('the family page: one section per linked child, in English and Spanish', async () => {
  await page.goto(`${url}family?as=parent:family-garcia`);
  const children = page.locator('section.ssrlink-family section.ssrlink-student');
  assert.equal(await children.count(), 2, 'family-garcia is linked to Ana (1001) and Victor (1022)');
  assert.deepEqual((await children.locator('h3').allInnerTexts()).map((h) => h.trim()), ['Ana', 'Victor']);
  // Victor (grade 6 and up) has reports; Ana is in TK, which ETS does not test.
  assert.ok(await children.nth(1).locator('a[href^="https://"]').count() > 0, 'no buttons for Victor');
  assert.equal(await children.nth(0).locator('a[href^="https://"]').count(), 0);
  assert.match(await page.locator('section.ssrlink-family .ssrlink-instructions').innerText(),
    /district office/, 'the district\'s instructions are missing');
  await axeAtBothWidths('the family page');
  await page.screenshot({ path: `${shots}/family-page.png`, fullPage: true });
  await page.goto(`${url}family?as=parent:family-garcia&lang=es`);
  assert.equal(await page.locator('h1').innerText(), 'Todos mis estudiantes');
  assert.match(await page.locator('section.ssrlink-family .ssrlink-instructions').innerText(),
    /oficina del distrito/);
  await axeAtBothWidths('the family page in Spanish');
  // One child, one section; a relative without rights is refused for that child inside it.
  await page.goto(`${url}family?as=parent:parent-1010-1`);
  assert.equal(await children.count(), 1);
  await page.goto(`${url}family?as=parent:relative-1010-2`);
  assert.equal(await page.locator('a[href^="https://"]').count(), 0, 'a relative sees a report link');
});

await browser.close();
console.log(`browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
