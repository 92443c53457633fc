/** The SHA-256 a loaded file is known by: the same file twice changes nothing. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';

/** The file's SHA-256 and size, streamed. */
export async function hashFile(path: string, onProgress: (bytesRead: number, totalBytes: number) => void = () => {}): Promise<{ sha256: string; bytes: number }> {
  const totalBytes = fs.statSync(path).size;
  const hash = crypto.createHash('sha256');
  const stream = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let last = 0;
  stream.on('data', (data) => {
    hash.update(data);
    bytes += data.length;
    if (bytes - last >= 64 << 20) {
      last = bytes;
      onProgress(bytes, totalBytes);
    }
  });
  await once(stream, 'end');
  return { sha256: hash.digest('hex'), bytes };
}
