/**
 * The roadmap's notices: personalised (masked number, what happens next, the deadline in Vietnam
 * time, where to verify) and written without diacritics so each stays one GSM-7 SMS (docs/domain.md, "SMS").
 */
import { maskMsisdn, toGsm7Text } from '../domain/index.ts';
import type { RequirementReason } from '../domain/index.ts';
import type { RoadmapSettings } from './roadmap.settings.ts';
import type { RoadmapStep } from './roadmap.steps.ts';
import { formatVietnamTime } from './vietnam-time.ts';

export interface NoticeInput {
  step: RoadmapStep;
  msisdn: string;
  reason: RequirementReason;
  /** The next step's instant; for a termination, the instant of the termination itself. */
  deadline: Date;
}

/** The text of one roadmap notice, in GSM-7. */
export function roadmapNoticeText(input: NoticeInput, settings: RoadmapSettings): string {
  const line = `TB ${maskMsisdn(input.msisdn)}`;
  const when = formatVietnamTime(input.deadline);
  const cause = input.reason === 'device_change' ? 'đổi máy chưa xác thực lại' : 'thông tin chưa khớp CSDL';
  const text = (() => {
    switch (input.step) {
      case 'reminder':
        return input.reason === 'device_change'
          ? `${line} vừa đổi máy: hãy xác thực lại khuôn mặt qua ${settings.verifyWhere} trước ${when}, nếu không sẽ bị khóa gọi đi.`
          : `${line} có thông tin chưa khớp CSDL dân cư: hãy xác thực qua ${settings.verifyWhere} trước ${when}, nếu không sẽ bị khóa gọi đi.`;
      case 'one_way':
        return `${line} bị khóa gọi đi do ${cause}. Xác thực qua ${settings.verifyWhere} trước ${when} để tránh khóa 2 chiều.`;
      case 'two_way':
        return `${line} bị khóa 2 chiều do ${cause}. Xác thực tại ${settings.verifyWhereTwoWay} trước ${when}, nếu không sẽ chấm dứt hợp đồng, thu hồi số.`;
      case 'terminated':
        return `Hợp đồng ${line} đã chấm dứt lúc ${when} do không xác thực thông tin, số bị thu hồi. Hỗ trợ: ${settings.verifyWhereTwoWay}.`;
    }
  })();
  return toGsm7Text(text);
}
