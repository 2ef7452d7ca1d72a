// Drives the dashboard of a running instance in headless Chromium (Debian's chromium package, or the
// browser named by $CHROMIUM) and checks what a user sees. Run by DashboardIT:
//   node dashboard.test.mjs BASE_URL TOKEN SCREENSHOT_PATH GROUP PEER
// Exit 0 and "dashboard ok" on stdout when every check holds.
import { chromium } from 'playwright-core';

const [baseUrl, token, screenshot, group, peer] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // the wrong token below is refused on purpose: the browser logs those 401s
    if (message.type() === 'error' && !message.text().includes('401')) errors.push(`console: ${message.text()}`);
  });
  await page.goto(new URL('dashboard/', baseUrl).href);

  await page.fill('#token', 'not-the-token-0123456789');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#connection').textContent.includes('refused'), null, { timeout: 10_000 });

  await page.fill('#token', token);
  await page.click('button[type=submit]');
  const card = `[data-group="${group}"]`;
  await page.waitForSelector(`${card} .deliveries td`, { timeout: 30_000 });
  const deliveries = await page.locator(`${card} .deliveries tr`).count() - 1;
  const offset = await page.textContent(`${card} .clock-offset`);
  const errorBound = await page.textContent(`${card} .clock-error`);
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('#store-last-seq').textContent)
      && document.querySelector('#store-rate').textContent !== '–', null, { timeout: 10_000 });
  const lastSeq = Number(await page.textContent('#store-last-seq'));
  await page.waitForFunction((name) => [...document.querySelectorAll('#chums tbody tr')]
      .some((tr) => tr.children[1].textContent === name && tr.children[2].textContent === 'RUNNING'), peer, { timeout: 30_000 });
  await page.screenshot({ path: screenshot, fullPage: true });

  const failures = [];
  if (deliveries < 1) failures.push(`no delivery shown for group ${group}`);
  if (!/ms$/.test(offset) || !/ms$/.test(errorBound)) failures.push(`clock figures missing: "${offset}", "${errorBound}"`);
  if (!(lastSeq > 0)) failures.push(`store last seq ${lastSeq}`);
  failures.push(...errors);
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`dashboard ok: ${deliveries} deliveries, offset ${offset}, error bound ${errorBound}, last seq ${lastSeq}`);
  }
} finally {
  await browser.close();
}
