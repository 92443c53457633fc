/**
 * The dashboard in Chromium against a demo played through 8/5: the admin sees the three targets
 * (the line target's share and pace, the other two saying their data has not come in), the chart
 * with its projection, the map and the table; the map's colours are the table's for communes with
 * planted figures (the map is ECharts' SVG, its regions carrying their data index); a commune
 * officer sees their communes only, a carrier's operator its carrier only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vi } from '../../web/src/i18n/messages.ts';
import { browserPool, demoPersonOfRole, describeInBrowser, screenshot, signInAs, startDemoService, withDemoDatabase, type DemoService, type DemoUser } from './harness.ts';

const GREEN = '#389e0d';
const RED = '#cf1322';
const GREY = '#d9d9d9';
// Three communes of the demo, their figures planted: 90%, 10%, and no target line (unknown).
const PLANTED = [
  { code: '30292', target: 10, verified: 9, colour: GREEN },
  { code: '30307', target: 10, verified: 1, colour: RED },
  { code: '30316', target: 0, verified: 0, colour: GREY },
];

/** `#rrggbb` or `rgb(r, g, b)` as `#rrggbb`. */
function hex(colour: string | null): string {
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour ?? '');
  if (!rgb) return (colour ?? '').toLowerCase();
  return `#${rgb.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
}

describeInBrowser('the dashboard, as the Department, a commune and a carrier use it', () => {
  let service: DemoService;
  const browsers = browserPool();
  const t = vi.dashboard;

  beforeAll(async () => {
    service = await startDemoService(2000, { playTo: '2026-05-08' });
    await withDemoDatabase(service, async (db) => {
      const codes = PLANTED.map((p) => p.code);
      await db.kysely.deleteFrom('figures_total').where('commune_code', 'in', codes).where('measure', 'in', ['target', 'target_verified']).execute();
      const rows = PLANTED.filter((p) => p.target > 0).flatMap((p) => [
        { commune_code: p.code, carrier: 'viettel', measure: 'target' as const, n: p.target },
        { commune_code: p.code, carrier: 'viettel', measure: 'target_verified' as const, n: p.verified },
      ]);
      await db.kysely.insertInto('figures_total').values(rows).execute();
    });
  }, 180_000);
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  const ofRole = (role: DemoUser['role']) => demoPersonOfRole(service, role);
  async function open(user: DemoUser, viewport: 'desktop' | 'phone') {
    const opened = await browsers.openPage(viewport);
    await opened.page.goto(`${service.url}/bang-dieu-khien`);
    await signInAs(opened.page, user);
    await opened.page.waitForURL((url) => url.pathname === '/bang-dieu-khien');
    await opened.page.locator('[data-testid="commune-map"] svg path').first().waitFor();
    return opened;
  }

  it("shows the admin the targets, the chart with its projection, and a map coloured as the table", async () => {
    const { page, errors } = await open(ofRole('province_admin'), 'desktop');
    await page.getByText(t.signaturesNotYet).waitFor();
    await page.getByText(t.staffNotYet).waitFor();
    await page.getByText(t.projection).first().waitFor();
    await expect(page.locator('[data-testid="progress-chart"] svg path').count()).resolves.toBeGreaterThan(3);

    const order = ((await page.getByTestId('commune-map').getAttribute('data-order')) ?? '').split(',');
    expect(order).toHaveLength(102);
    for (const planted of PLANTED) {
      const index = order.indexOf(planted.code);
      const region = page.locator(`[data-testid="commune-map"] path[ecmeta_data_index="${index}"]`).first();
      const mapColour = hex(await region.getAttribute('fill'));
      const tableColour = await page.locator(`tr[data-commune="${planted.code}"] [data-testid="share"]`).getAttribute('data-colour');
      expect({ commune: planted.code, map: mapColour, table: tableColour }).toEqual({ commune: planted.code, map: planted.colour, table: planted.colour });
    }
    await expect(page.locator('tr[data-commune="30292"]').innerText()).resolves.toContain('90%');
    await expect(page.locator('tr[data-commune="30316"]').innerText()).resolves.toContain(t.unknown);

    // The reports' grid after the demo's week 1 (due 5/5 17:00, reviewed 7/5): every carrier in, on time or late; week 2 not over on 8/5.
    const grid = page.getByTestId('reports-grid');
    const timeliness = async (week: number) => {
      const cells = grid.locator(`[data-testid$="-${week}"][data-timeliness]`);
      const found: string[] = [];
      for (let i = 0; i < (await cells.count()); i++) found.push((await cells.nth(i).getAttribute('data-timeliness')) ?? '');
      return found;
    };
    const weekOne = await timeliness(1);
    expect(weekOne.length).toBeGreaterThanOrEqual(3);
    expect(weekOne.every((s) => s === 'on_time' || s === 'late')).toBe(true);
    const weekTwo = await timeliness(2);
    expect(new Set(weekTwo)).toEqual(new Set(['not_ended']));
    await expect(grid.innerText()).resolves.toContain(t.reports.status.accepted);
    await screenshot(page, 'dashboard', 'desktop');
    expect(errors()).toEqual([]);
  }, 120_000);

  it('shows a commune officer their communes only, and a carrier operator its carrier only', async () => {
    const officer = ofRole('commune_officer');
    const { page, errors } = await open(officer, 'phone');
    const theirs = officer.scopes.map((s) => s.value).sort();
    const rows = page.locator('tr[data-commune]');
    const listed: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) listed.push((await rows.nth(i).getAttribute('data-commune')) ?? '');
    listed.sort();
    expect(listed).toEqual(theirs);
    // Reports are the carriers' and the Department's: not on a commune's page.
    await expect(page.getByTestId('reports-grid').count()).resolves.toBe(0);
    await screenshot(page, 'dashboard', 'phone');
    expect(errors()).toEqual([]);

    const operator = await open(ofRole('carrier_operator'), 'desktop');
    const carriers = operator.page.locator('.ant-card').filter({ hasText: t.carriersTitle }).locator('tbody tr.ant-table-row');
    await expect(carriers.count()).resolves.toBe(1);
    await expect(carriers.first().innerText()).resolves.toContain('Viettel');
    await expect(operator.page.getByTestId('reports-grid').locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    expect(operator.errors()).toEqual([]);
  }, 120_000);
});
