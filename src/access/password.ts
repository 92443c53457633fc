/**
 * Passwords: argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), the strength rule a new
 * password must meet, and the one-time passwords the CLI and the users page hand out.
 */
import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { AppError } from '../errors.ts';

// Algorithm is an ambient const enum the compiler may not inline here: 2 is its Argon2id.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2);
}

/**
 * A hash of nothing anyone knows, verified when the username is unknown or disabled, so an unknown
 * name costs the same time as a wrong password (no difference in timing to find usernames).
 */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; `stored` null: spend the same time and answer false. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword(`decoy-${randomInt(1 << 30)}`);
  const against = stored ?? (await decoy);
  const ok = await verify(against, password.normalize('NFC')).catch(() => false);
  return stored !== null && ok;
}

export const PASSWORD_MIN_LENGTH = 10;

/** @throws AppError PASSWORD_WEAK with the reason in Vietnamese */
export function assertStrongPassword(password: string, username: string): void {
  const weak = (detail: string) => new AppError('PASSWORD_WEAK', detail, { errors: [{ field: 'newPassword', message: detail }] });
  if ([...password].length < PASSWORD_MIN_LENGTH) throw weak(`Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`);
  if ([...password].length > 200) throw weak('Mật khẩu dài quá 200 ký tự.');
  if (password.toLowerCase().includes(username.toLowerCase())) throw weak('Mật khẩu không được chứa tên đăng nhập.');
  if (new Set(password).size < 5) throw weak('Mật khẩu cần ít nhất 5 ký tự khác nhau.');
}

// No 0/O, 1/l/I: the password is read off a screen or a sheet of paper and typed.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password for a new or reset account (16 characters, ~93 bits), changed at first sign-in. */
export function generatePassword(): string {
  return Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
