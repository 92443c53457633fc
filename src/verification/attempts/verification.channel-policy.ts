/**
 * Who may submit a verification, through which channel (docs/access.md): a carrier's staff at its
 * stores, mobile points and agency sessions, a commune officer at the commune's point, a carrier's
 * system through its app, the VNeID connection through VNeID. Which lines: those of the principal's
 * scope (a commune officer's communes, a carrier's own lines), applied where the line is read, so a
 * line outside it is not found, exactly as an unknown one.
 */
import { CHANNEL_NAMES_VI, CHANNELS_OF_ROLE, type Principal, type VerificationChannel } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';

/**
 * Refuses a channel the principal's role does not submit through.
 * @throws AppError FORBIDDEN (a role that submits no verification), CHANNEL_NOT_PERMITTED (403)
 */
export function requireChannel(principal: Principal, channel: VerificationChannel): void {
  const channels = CHANNELS_OF_ROLE[principal.role] ?? [];
  if (channels.length === 0) throw new AppError('FORBIDDEN', 'Vai trò này không gửi yêu cầu xác thực.');
  if (channels.includes(channel)) return;
  const message = `Tài khoản này chỉ xác thực qua ${channels.map((c) => CHANNEL_NAMES_VI[c]).join(', ')}; không qua ${CHANNEL_NAMES_VI[channel]}.`;
  throw new AppError('CHANNEL_NOT_PERMITTED', message, { errors: [{ field: 'channel', message }] });
}
