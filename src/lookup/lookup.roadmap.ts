/**
 * Where a line stands on the suspension roadmap and what its holder must do, in Vietnamese, one
 * item per thing to do: what the lock means, why verification is required, the next step's
 * deadline, and the last attempt's own instructions. Pure: the deadline comes from the roadmap's
 * rule and settings (`nextCampaignStep`), the attempt's words from the verification catalogue.
 */
import type { DocumentType, HolderKind, LockLevel, VerificationState } from '../domain/index.ts';
import { formatVietnamTime, nextCampaignStep, requirementReasonOf, type LockStep, type RoadmapSettings } from '../roadmap/index.ts';
import { explain, isInstruction, type ReasonCode } from '../verification/attempts/index.ts';

/** What the look-up knows of a line for its roadmap part. */
export interface RoadmapFacts {
  verificationState: VerificationState;
  lockLevel: LockLevel;
  lockReason: string | null;
  lockedAt: string | null;
  requiredSince: string | null;
  requiredReason: string | null;
  documentType: DocumentType;
  holderKind: HolderKind;
  /** The line's latest attempt: its outcome and stored reason codes. */
  lastAttempt: { outcome: string; reasons: readonly string[] } | null;
}

/** The look-up's own instructions, next to the verification's reason codes. */
export type MustDoCode =
  | ReasonCode
  | 'lock.other'
  | 'requirement.mismatch'
  | 'requirement.device_change'
  | 'roadmap.one_way'
  | 'roadmap.two_way'
  | 'roadmap.terminated'
  | 'verification.not_done';

export interface MustDo {
  code: MustDoCode;
  message: string;
}

export interface LineRoadmap {
  lockLevel: LockLevel;
  /** The next lock step if nobody verifies the line, and its deadline; null off the roadmap. */
  next: { step: LockStep; at: string } | null;
  mustDo: MustDo[];
}

/** The line's roadmap state and what its holder must do, as of `now`. */
export function lineRoadmap(line: RoadmapFacts, settings: RoadmapSettings, now: Date): LineRoadmap {
  const next = nextCampaignStep(
    { lockLevel: line.lockLevel, since: line.requiredSince, lockedAt: line.lockedAt, lockReason: line.lockReason },
    settings,
  );
  return {
    lockLevel: line.lockLevel,
    next: next ? { step: next.step, at: next.dueAt.toISOString() } : null,
    mustDo: dedupe(mustDo(line, next, settings, now)),
  };
}

function mustDo(line: RoadmapFacts, next: { step: LockStep; dueAt: Date } | null, settings: RoadmapSettings, now: Date): MustDo[] {
  if (line.lockLevel === 'terminated') return [explain('line.terminated')];
  const inPerson = settings.verifyWhereTwoWay;
  if (line.lockLevel !== 'none' && next === null) {
    return [{ code: 'lock.other', message: `Thuê bao đang bị khóa vì lý do khác, không do xác thực thông tin thuê bao: liên hệ ${inPerson}.` }];
  }
  if (line.verificationState === 'verified' && next === null) return [];
  // Foreigners verify in person only (docs/domain.md, "Verification"): the desk is their only way.
  const foreigner = line.holderKind === 'foreigner' || line.documentType === 'passport';
  const where = foreigner ? inPerson : settings.verifyWhere;
  const card = line.documentType === 'passport' ? 'hộ chiếu' : 'CCCD';
  const items: MustDo[] = [];
  // A locked line's requirement is its lock's reason when the row no longer says it.
  const required = line.requiredReason ?? (next ? requirementReasonOf(line.lockReason) : null);
  if (required === 'device_change') {
    items.push({
      code: 'requirement.device_change',
      message: 'Thuê bao vừa thay đổi thiết bị (máy điện thoại khác): chủ thuê bao cần xác thực lại bằng sinh trắc học khuôn mặt.',
    });
  } else if (required === 'mismatch') {
    items.push({
      code: 'requirement.mismatch',
      message: 'Thông tin thuê bao chưa trùng khớp với Cơ sở dữ liệu quốc gia về dân cư: chủ thuê bao cần xác thực lại thông tin thuê bao.',
    });
  }
  if (next) items.push(stepItem(next, { where, inPerson, card }, now));
  if (foreigner) items.push(explain('channel.foreigner_in_person'));
  if (line.documentType === 'cmnd9') items.push(explain('registration.legacy_cmnd'));
  if (line.lastAttempt && line.lastAttempt.outcome !== 'verified') {
    items.push(...line.lastAttempt.reasons.filter(isInstruction).map(explain));
  }
  if (items.length === 0 && line.verificationState === 'unverified') {
    items.push({ code: 'verification.not_done', message: `Chưa xác thực thông tin thuê bao: xác thực qua ${where}; tại quầy mang ${card}.` });
  }
  return items;
}

/** What the next step means and by when to verify to avoid it (`ngay` once its instant has passed). */
function stepItem(next: { step: LockStep; dueAt: Date }, place: { where: string; inPerson: string; card: string }, now: Date): MustDo {
  const due = formatVietnamTime(next.dueAt);
  const by = next.dueAt.getTime() > now.getTime() ? `trước ${due}` : `ngay (đã quá hạn ${due})`;
  switch (next.step) {
    case 'one_way':
      return {
        code: 'roadmap.one_way',
        message: `Xác thực qua ${place.where} ${by}; quá hạn, thuê bao bị khóa một chiều (tạm dừng chiều đi).`,
      };
    case 'two_way':
      return {
        code: 'roadmap.two_way',
        message: `Thuê bao đang bị khóa một chiều (tạm dừng chiều đi): xác thực qua ${place.where} ${by} để mở khóa; quá hạn, thuê bao bị khóa hai chiều.`,
      };
    case 'terminated':
      return {
        code: 'roadmap.terminated',
        message:
          `Thuê bao đang bị khóa hai chiều: chủ thuê bao mang ${place.card} đến ${place.inPerson} hoặc điểm xác thực ${by} để xác thực ` +
          'trực tiếp và mở khóa; quá hạn, hợp đồng bị chấm dứt, thu hồi số.',
      };
  }
}

/** The first of each code: an attempt may repeat what the line's state already says. */
function dedupe(items: readonly MustDo[]): MustDo[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.code) && seen.add(item.code));
}
