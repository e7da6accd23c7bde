import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/weekly/command.js';
import { createTestRepository, type TestRepository } from './git-repository.js';
import { weekOneFiles, weekTwoFiles } from './fixture.js';
import { HeadlessChromium, type PageVisit } from './chromium.js';

// Set to refresh the README's screenshot from this test's page.
const updateReadmeScreenshot = process.env.UPDATE_WEEKLY_SCREENSHOT === '1';

describe('the HTML report in headless Chromium', () => {
  let repository: TestRepository;
  let browser: HeadlessChromium;
  let reportUrl: string;
  let visit: PageVisit;

  beforeAll(async () => {
    repository = createTestRepository();
    repository.write(weekOneFiles);
    repository.commit('Churn pipeline and purchase tracking', '2026-11-16T09:00:00Z');
    await runReportCommand(['--format', 'html', '--output', 'out/week-1.html', '--snapshot', 'out/week-1.json'], {
      cwd: repository.root,
      now: new Date('2026-11-16T12:00:00Z'),
    });
    repository.write(weekTwoFiles);
    repository.commit('Next best offer', '2026-11-23T09:00:00Z');
    await runReportCommand(['--format', 'html', '--output', 'out/week-2.html', '--previous', 'out/week-1.json'], {
      cwd: repository.root,
      now: new Date('2026-11-23T12:00:00Z'),
    });
    reportUrl = pathToFileURL(path.join(repository.root, 'out/week-2.html')).href;
    browser = new HeadlessChromium();
    visit = await browser.visit(reportUrl, 1280);
  });

  afterAll(async () => {
    await browser?.close();
    repository?.remove();
  });

  it('renders without console errors and without requesting anything but itself', () => {
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.requests).toEqual([reportUrl]);
  });

  it('is readable with JavaScript disabled: the inventory, the trend and the suppressions are on the page', () => {
    expect(visit.visibleText).toContain('profilint weekly report');
    expect(visit.visibleText).toContain('churn-propensity');
    expect(visit.visibleText).toContain('fbq → Meta Pixel (ads, third party, no consent check) ×2');
    expect(visit.visibleText).toContain('<b>reviewed</b> by the DPO in ticket PRIV-12');
    expect(visit.visibleText).toContain('166 days old, due 2026-12-07 (in 14 days)');
  });

  it('takes a full-page screenshot', () => {
    const png = visit.screenshot;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height are the first two big-endian words of the first chunk.
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBe(visit.height);
    expect(visit.height).toBeGreaterThan(900);
    const screenshotFile = path.join(repository.root, 'out/week-2.png');
    writeFileSync(screenshotFile, png);
    if (updateReadmeScreenshot) copyFileSync(screenshotFile, path.resolve('docs/weekly-report.png'));
    expect(readFileSync(screenshotFile).length).toBe(png.length);
  });
});
