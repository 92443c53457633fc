import { REFERENCE_PROVINCE_CODE } from '../registry/index.ts';

/** The campaign the demo data belongs to: An Giang's 30-day plan (docs/domain.md, "Campaign"). */
export const DEMO_CAMPAIGN = {
  code: 'AG-2026',
  name: 'Chiến dịch xác thực thông tin thuê bao di động tỉnh An Giang',
  province_code: REFERENCE_PROVINCE_CODE,
  legal_basis: 'Thông tư 08/2026/TT-BKHCN',
  starts_on: '2026-04-28',
  ends_on: '2026-05-28',
} as const;
