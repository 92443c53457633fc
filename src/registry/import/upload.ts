/**
 * A file uploaded as the request's body (a subscriber file, a statistics table): the body stays a
 * stream and is spooled to a private temporary file, so memory stays flat whatever the size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { XLSX_TYPE } from './import-workbooks.ts';

/** The content types a file upload is sent with. */
export const FILE_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/** Lets the routes of `app` (one encapsulated plugin) take those bodies as streams. */
export function acceptFileBodies(app: FastifyInstance): void {
  app.addContentTypeParser(FILE_TYPES, (_req, payload, done) => done(null, payload));
}

export interface SpooledUpload {
  path: string;
  /** Taken from the content type; undefined for application/octet-stream (the bytes tell). */
  format: 'csv' | 'xlsx' | undefined;
  remove(): void;
}

/**
 * Streams the request's body into a private temporary file, refusing it past `maxBytes`.
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (no file body), PAYLOAD_TOO_LARGE
 */
export async function spoolUpload(req: FastifyRequest, maxBytes: number): Promise<SpooledUpload> {
  const body = req.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Gửi tệp với Content-Type ${FILE_TYPES.join(', ')}.`);
  const type = req.headers['content-type'];
  const format = type?.startsWith(XLSX_TYPE) ? 'xlsx' : type?.startsWith('text/csv') ? 'csv' : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-upload-'));
  const file = path.join(dir, `upload.${format ?? 'bin'}`);
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(new AppError('PAYLOAD_TOO_LARGE', `Tệp lớn hơn ${formatBytes(maxBytes)}.`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    remove();
    throw error;
  }
  return { path: file, format, remove };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : `${bytes / 1024 ** 2} MB`;
}
