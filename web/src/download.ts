import { answerOf } from './api/client.ts';

/** The file name of an answer's `Content-Disposition: attachment; filename="…"`, if it has one. */
function attachmentName(response: Response): string | undefined {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
}

/** A file the service answers and the name it gives it (`fallback` when it gives none). */
export async function answeredFile(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string): Promise<{ file: Blob; name: string }> {
  let name = fallback;
  const named = call.then((result) => {
    name = attachmentName(result.response) ?? name;
    return result;
  });
  return { file: await answerOf(named), name };
}

/** Hands a file the service answered to the browser's downloads, under the name the service gave it. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has handed the file over; the page keeps no copy of it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
