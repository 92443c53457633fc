/**
 * The certificate and key the service serves https with (TTTB_TLS_CERT, TTTB_TLS_KEY), read and
 * tried together at start: a file that cannot be read, or a key that is not the certificate's,
 * stops the start naming the variable, rather than failing at the first browser's handshake.
 */
import fs from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigError, type Config } from '../config.ts';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

function readPem(variable: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError([{ variable, message: `không đọc được tệp (${(error as NodeJS.ErrnoException).code ?? String(error)}) (cannot read the file)`, value: file }]);
  }
}

/** @throws ConfigError */
export function readTlsFiles(tls: NonNullable<Config['tls']>): TlsMaterial {
  const material = { cert: readPem('TTTB_TLS_CERT', tls.certFile), key: readPem('TTTB_TLS_KEY', tls.keyFile) };
  try {
    createSecureContext(material);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      { variable: 'TTTB_TLS_KEY', message: `chứng thư và khoá không dùng được cùng nhau: cần PEM, khoá đúng của chứng thư (${reason})`, value: tls.keyFile },
    ]);
  }
  return material;
}
