// Plays one round of the reaction race (webapp/race) in headless Chromium (Debian's chromium, or the
// browser named by $CHROMIUM): a host page and three player pages, the players spread over two instances
// of one cluster. Each player "presses" a fixed time after it showed the signal; the host must name the
// fastest, and every page must have shown the signal within the measured spread. Run by PlayersIT:
//   node race.test.mjs BASE_URL_A BASE_URL_B TOKEN SCREENSHOT_PATH
// Exit 0 and "race ok {json}" on stdout when every check holds.
import { chromium } from 'playwright-core';

const [baseA, baseB, token, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const group = `race-${Date.now().toString(36)}`;
const players = [{ id: 'p1', base: baseA, pressMs: 180 }, { id: 'p2', base: baseB, pressMs: 60 }, { id: 'p3', base: baseA, pressMs: 300 }];
const errors = [];
try {
  const open = async (base, query) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
    await page.goto(new URL(`race/?${new URLSearchParams(query)}`, base).href);
    await page.fill('#token', token);
    await page.click('#join-button');
    return page;
  };
  const host = await open(baseA, { group, role: 'master', id: 'host', slaves: players.map((p) => p.id).join(',') });
  const pages = [];
  for (const player of players) pages.push(await open(player.base, { group, role: 'slave', id: player.id }));
  const all = [host, ...pages];
  for (const page of all) {
    await page.waitForFunction(() => window.__race.joined || window.__race.error, null, { timeout: 90_000 });
    const failed = await page.evaluate(() => window.__race.error);
    if (failed) throw new Error(`joining failed: ${failed}`);
  }
  for (let i = 0; i < players.length; i++) await pages[i].evaluate((ms) => { window.__race.autoPressMs = ms; }, players[i].pressMs);

  await host.click('#start');
  for (const page of all) await page.waitForFunction(() => window.__race.result?.round === 1, null, { timeout: 30_000 });
  await host.waitForTimeout(300);
  await host.screenshot({ path: screenshot, fullPage: true });

  const seen = await Promise.all(all.map((page) => page.evaluate(() => ({ id: window.__race.id, clock: window.__race.clock,
    round: window.__race.rounds[1], result: window.__race.result, signal: document.querySelector('#signal-text').textContent }))));
  const result = seen[0].result;
  const delivered = seen.map((s) => s.round.deliveredAt);
  const spread = Math.max(...delivered) - Math.min(...delivered);
  const errorBounds = seen.map((s) => s.clock.errorBound);
  const allowed = 2 * Math.max(...errorBounds) + 5;
  const failures = [];
  if (result.winner !== 'p2') failures.push(`winner ${result.winner}, not p2 (pressed 60 ms after the signal)`);
  if (result.order.join() !== 'p2,p1,p3') failures.push(`order ${result.order}, not p2,p1,p3`);
  if (result.falseStarts.length) failures.push(`false starts ${result.falseStarts}`);
  if (seen.some((s) => s.result.winner !== result.winner)) failures.push('not every page shows the same winner');
  if (!(spread <= allowed)) failures.push(`signal shown ${spread.toFixed(2)} ms apart, more than twice the largest error bound + 5 ms (${allowed.toFixed(2)})`);
  for (const s of seen) {
    if (!(s.round.renderedAt - s.round.deliveredAt < 50)) failures.push(`${s.id} rendered ${(s.round.renderedAt - s.round.deliveredAt).toFixed(1)} ms after delivering`);
    if (!(s.round.late <= allowed)) failures.push(`${s.id} showed the signal ${s.round.late.toFixed(2)} ms after its instant, more than ${allowed.toFixed(2)}`);
  }
  failures.push(...errors);
  const figures = { group, winner: result.winner, order: result.order, spreadMs: spread, allowedMs: allowed,
    pages: seen.map((s) => ({ id: s.id, offset: s.clock.offset, errorBound: s.clock.errorBound, lateMs: s.round.late,
      renderedAfterMs: s.round.renderedAt - s.round.deliveredAt })) };
  if (failures.length) {
    console.error(failures.join('\n'));
    console.error(JSON.stringify(figures));
    process.exitCode = 1;
  } else {
    console.log(`race ok ${JSON.stringify(figures)}`);
  }
} finally {
  await browser.close();
}
