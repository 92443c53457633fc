/**
 * The columns of the statistics office's table of population by commune (docs/imports.md, "Official
 * statistics"): the commune by its code or its name (or both, then they must agree), its population
 * and its population aged 14 and over.
 */
import { headerLayout, type HeaderLayout, type TableColumn } from '../import/table-columns.ts';

export interface StatisticsColumn extends TableColumn {
  /** What to write, in Vietnamese (docs/imports.md). */
  help: string;
}

export const STATISTICS_FILE_COLUMNS = [
  {
    code: 'commune_code',
    label: 'Mã xã',
    required: false,
    aliases: ['Mã đơn vị hành chính', 'Mã ĐVHC', 'Mã đơn vị'],
    help: 'Mã xã, phường, đặc khu (từ 1/7/2025). Ghi mã, tên hoặc cả hai.',
  },
  {
    code: 'commune_name',
    label: 'Tên xã',
    required: false,
    aliases: ['Xã, phường, đặc khu', 'Đơn vị hành chính', 'Tên đơn vị hành chính', 'Tên đơn vị'],
    help: 'Tên xã, phường, đặc khu, có hoặc không có chữ "Xã", "Phường", "Đặc khu" ở đầu.',
  },
  { code: 'population', label: 'Dân số', required: true, aliases: ['Tổng dân số', 'Dân số (người)'], help: 'Số người, số nguyên không âm.' },
  {
    code: 'population_14plus',
    label: 'Dân số từ 14 tuổi trở lên',
    required: true,
    aliases: ['Từ 14 tuổi trở lên', 'Dân số từ 14 tuổi', 'Dân số từ 14 tuổi trở lên (người)'],
    help: 'Số người từ đủ 14 tuổi trở lên, không lớn hơn dân số.',
  },
] as const satisfies readonly StatisticsColumn[];

export type StatisticsColumnCode = (typeof STATISTICS_FILE_COLUMNS)[number]['code'];
export type StatisticsLayout = HeaderLayout<StatisticsColumnCode>;

const layout = headerLayout<StatisticsColumnCode>(STATISTICS_FILE_COLUMNS);

/**
 * Maps a header row onto the columns. A table naming its communes neither by code nor by name
 * misses both: `missing` lists them.
 */
export function layoutStatisticsColumns(header: readonly string[]): StatisticsLayout {
  const found = layout(header);
  const named = found.index.commune_code !== undefined || found.index.commune_name !== undefined;
  return named ? found : { ...found, missing: ['commune_code', 'commune_name', ...found.missing] };
}

/** The Vietnamese name of a column, for reports. */
export function statisticsColumnLabel(code: StatisticsColumnCode): string {
  return STATISTICS_FILE_COLUMNS.find((c) => c.code === code)?.label ?? code;
}
