/**
 * The campaign's live figures (docs/campaign.md, "Live figures"): per commune, carrier, day or
 * campaign week, within the caller's scope, read from the rollups the registry's writers keep;
 * and their recount from the registry (`tttb kpi verify`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../clock/index.ts';
import { todaysCampaign } from '../clock/index.ts';
import {
  campaignDate,
  campaignWeeks,
  daysFrom,
  FLOW_MEASURES,
  isStockMeasure,
  parseCalendarDay,
  STOCK_MEASURES,
  vietnamDay,
  type CampaignWeek,
  type FlowMeasure,
  type Scope,
  type StockMeasure,
} from '../domain/index.ts';
import { fieldInvalid as invalid } from '../errors.ts';
import {
  communeNames,
  noticeTotals,
  readDailyFrom,
  readTotals,
  recountFlowDays,
  recountStockTotals,
  storedFlowDays,
  storedStockDays,
  storedStockTotals,
  type FigureRow,
} from './figures.repository.ts';

export const FIGURE_DIMENSIONS = ['commune', 'carrier', 'day', 'week'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** The longest span one answer covers, in days (a chart of a year and a month). */
export const MAX_FIGURE_DAYS = 400;

/** The most items one answer holds (every commune and carrier of a province by day for a week or so): larger asks are narrowed. */
export const MAX_FIGURE_ITEMS = 20_000;

export interface FiguresQuery {
  by: readonly FigureDimension[];
  /** First and last day (Vietnam, YYYY-MM-DD); by day or week they default to the campaign's first day and today. */
  from?: string;
  to?: string;
  scope: Scope;
}

export type Stocks = Record<StockMeasure, number> & { remaining: number };
export type Flows = Record<FlowMeasure, number>;

export interface FiguresItem {
  communeCode?: string;
  communeName?: string | null;
  carrier?: string;
  day?: string;
  week?: CampaignWeek;
  /** At the end of the day or week (today for the current one), or now. */
  stocks: Stocks;
  /** During the day or week, the span asked for, or to date. */
  flows: Flows;
}

export interface FiguresAnswer {
  /** The instant they are true as of: the rollups move in the writers' transactions. */
  asOf: string;
  today: string;
  by: FigureDimension[];
  from: string | null;
  to: string | null;
  items: FiguresItem[];
}

interface Period {
  first: string;
  last: string;
  day?: string;
  week?: CampaignWeek;
}

/** The figures asked for, within the caller's scope. */
export async function figuresView(db: Kysely<DB>, clock: Clock, query: FiguresQuery): Promise<FiguresAnswer> {
  const asOf = clock.now().toISOString();
  const today = vietnamDay(asOf);
  const by = [...query.by];
  if (by.includes('day') && by.includes('week')) throw invalid('by', 'chọn theo ngày hoặc theo tuần, không cả hai');
  const periods = await periodsOf(db, clock, by, query, today);
  const names = by.includes('commune') ? await communeNames(db) : new Map<string, string>();
  const keyOf = (row: { commune_code: string; carrier: string }) => ({
    ...(by.includes('commune') ? { communeCode: row.commune_code } : {}),
    ...(by.includes('carrier') ? { carrier: row.carrier } : {}),
  });
  const totals = await readTotals(db, query.scope);
  const groups = new Map<string, { key: ReturnType<typeof keyOf>; totals: FigureRow[]; daily: Required<FigureRow>[] }>();
  const groupOf = (row: FigureRow) => {
    const key = keyOf(row);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, totals: [], daily: [] };
    groups.set(id, group);
    return group;
  };
  for (const row of totals) groupOf(row).totals.push(row);
  if (periods && groups.size * periods.length > MAX_FIGURE_ITEMS) {
    throw invalid('by', `câu hỏi này cho ${groups.size * periods.length} dòng, quá ${MAX_FIGURE_ITEMS}: chọn khoảng ngày ngắn hơn hoặc ít chiều hơn`);
  }
  if (periods) {
    const first = periods[0]?.first;
    if (first !== undefined) for (const row of await readDailyFrom(db, first, query.scope)) groupOf(row).daily.push(row);
  }
  const items: FiguresItem[] = [];
  for (const { key, totals: groupTotals, daily } of [...groups.values()].sort((a, b) => compareKeys(a.key, b.key))) {
    const place = { ...key, ...('communeCode' in key ? { communeName: names.get(key.communeCode ?? '') ?? null } : {}) };
    if (!periods) {
      items.push({ ...place, stocks: stocksOf(sumByMeasure(groupTotals)), flows: flowsOf(sumByMeasure(groupTotals)) });
      continue;
    }
    for (const period of periods) {
      const now = sumByMeasure(groupTotals);
      const later = sumByMeasure(daily.filter((r) => r.day > period.last && isStockMeasure(r.measure)));
      const during = sumByMeasure(daily.filter((r) => r.day >= period.first && r.day <= period.last && !isStockMeasure(r.measure)));
      const atEnd = new Map<string, number>();
      for (const m of STOCK_MEASURES) atEnd.set(m, (now.get(m) ?? 0) - (later.get(m) ?? 0));
      items.push({
        ...place,
        ...(period.day ? { day: period.day } : {}),
        ...(period.week ? { week: period.week } : {}),
        stocks: stocksOf(atEnd),
        flows: flowsOf(during),
      });
    }
  }
  return { asOf, today, by, from: periods?.[0]?.first ?? query.from ?? null, to: periods?.at(-1)?.last ?? query.to ?? null, items };
}

/** The periods of the answer: each day or week, one span, or none (stocks now, flows to date). */
async function periodsOf(db: Kysely<DB>, clock: Clock, by: readonly FigureDimension[], query: FiguresQuery, today: string): Promise<Period[] | null> {
  const timed = by.includes('day') || by.includes('week');
  if (!timed && query.from === undefined && query.to === undefined) return null;
  const campaign = by.includes('week') || query.from === undefined ? await todaysCampaign(db, clock) : null;
  const from = query.from ?? campaign?.startsOn ?? today;
  const asked = query.to ?? today;
  // A day after today has no figures yet: the answer stops at today.
  const to = asked > today ? today : asked;
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw invalid('to', 'ngày kết thúc trước ngày bắt đầu');
  const days = to < from ? [] : daysFrom(date(from), date(to));
  if (days.length > MAX_FIGURE_DAYS) throw invalid('from', `mỗi lần xem tối đa ${MAX_FIGURE_DAYS} ngày`);
  if (by.includes('day')) return days.map((day) => ({ first: day, last: day, day }));
  if (by.includes('week')) {
    if (!campaign) throw invalid('by', 'xem theo tuần cần có chiến dịch');
    return campaignWeeks(campaignDate(campaign.startsOn), campaignDate(campaign.endsOn))
      .filter((w) => w.startsOn <= to && w.endsOn >= from)
      .map((week) => ({ first: week.startsOn, last: week.endsOn > to ? to : week.endsOn, week }));
  }
  return days.length === 0 ? [] : [{ first: from, last: to }];
}

function date(day: string) {
  const parsed = parseCalendarDay(day);
  if (!parsed) throw invalid('from', 'cần một ngày có thật dạng YYYY-MM-DD');
  return parsed;
}


function sumByMeasure(rows: readonly FigureRow[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.measure, (sums.get(r.measure) ?? 0) + r.n);
  return sums;
}

function stocksOf(sums: ReadonlyMap<string, number>): Stocks {
  const stocks = Object.fromEntries(STOCK_MEASURES.map((m) => [m, sums.get(m) ?? 0])) as Record<StockMeasure, number>;
  return { ...stocks, remaining: stocks.target - stocks.target_verified };
}

function flowsOf(sums: ReadonlyMap<string, number>): Flows {
  return Object.fromEntries(FLOW_MEASURES.map((m) => [m, sums.get(m) ?? 0])) as Flows;
}

function compareKeys(a: { communeCode?: string; carrier?: string }, b: { communeCode?: string; carrier?: string }): number {
  return (a.communeCode ?? '').localeCompare(b.communeCode ?? '') || (a.carrier ?? '').localeCompare(b.carrier ?? '');
}

/** One figure whose stored value is not what the registry recounts. */
export interface FigureDifference {
  /** Where it was compared: the totals, the sum of the days, or a day's flow. */
  check: 'stock_total' | 'stock_days' | 'flow_day' | 'notices';
  day?: string;
  communeCode?: string;
  carrier?: string;
  measure: string;
  stored: number;
  recounted: number;
}

/**
 * Recounts the figures from the registry and its records, and lists every difference with what is
 * stored (none when the rollups are right). Reads the whole registry: an operator's check, never
 * an answer to a screen.
 */
export async function verifyFigures(db: Kysely<DB>): Promise<FigureDifference[]> {
  const recountedStocks = await recountStockTotals(db);
  const differences = [
    ...compare('stock_total', await storedStockTotals(db), recountedStocks),
    ...compare('stock_days', await storedStockDays(db), recountedStocks),
    ...compare('flow_day', await storedFlowDays(db), await recountFlowDays(db)),
  ];
  const notices = await noticeTotals(db);
  for (const measure of ['notices_sent', 'notices_delivered'] as const) {
    if (notices.stored[measure] !== notices.recounted[measure]) {
      differences.push({ check: 'notices', measure, stored: notices.stored[measure], recounted: notices.recounted[measure] });
    }
  }
  return differences;
}

function compare(check: FigureDifference['check'], stored: readonly FigureRow[], recounted: readonly FigureRow[]): FigureDifference[] {
  const keyOf = (r: FigureRow) => JSON.stringify([r.day ?? null, r.commune_code, r.carrier, r.measure]);
  const all = new Map<string, { row: FigureRow; stored: number; recounted: number }>();
  for (const r of stored) all.set(keyOf(r), { row: r, stored: (all.get(keyOf(r))?.stored ?? 0) + r.n, recounted: 0 });
  for (const r of recounted) {
    const seen = all.get(keyOf(r)) ?? { row: r, stored: 0, recounted: 0 };
    all.set(keyOf(r), { ...seen, recounted: seen.recounted + r.n });
  }
  return [...all.values()]
    .filter((e) => e.stored !== e.recounted)
    .map((e) => ({
      check,
      ...(e.row.day !== undefined ? { day: e.row.day } : {}),
      communeCode: e.row.commune_code,
      carrier: e.row.carrier,
      measure: e.row.measure,
      stored: e.stored,
      recounted: e.recounted,
    }));
}
