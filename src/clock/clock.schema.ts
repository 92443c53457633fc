/** Answers of the clock's routes (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { CAMPAIGN_PHASES } from '../domain/index.ts';

const isoDay = z.string().describe('YYYY-MM-DD');

export const campaignTodayAnswer = z
  .object({
    campaign: z.object({
      code: z.string(),
      name: z.string(),
      legalBasis: z.string().describe('Văn bản làm căn cứ của chiến dịch'),
      startsOn: isoDay,
      endsOn: isoDay,
    }),
    today: isoDay.describe('Hôm nay theo giờ Việt Nam (đồng hồ của hệ thống)'),
    day: z.number().int().describe('Ngày thứ N của chiến dịch (1 là ngày đầu; 0 trước ngày đầu; ngày cuối khi đã kết thúc)'),
    daysLeft: z.number().int().describe('Số ngày còn lại đến ngày cuối (0 vào ngày cuối và sau đó)'),
    phase: z.enum(CAMPAIGN_PHASES).describe('before: chưa bắt đầu, running: đang diễn ra, ended: đã kết thúc'),
    demo: z.boolean().describe('Bản demo: dữ liệu mẫu, đồng hồ riêng và các trình mô phỏng (như camera mô phỏng tại quầy)'),
  })
  .meta({ id: 'CampaignToday' });
