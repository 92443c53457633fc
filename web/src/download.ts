/** Hands a file the service answered to the browser's downloads, under the name the service gave it. */

/** The file name of an answer's `Content-Disposition: attachment; filename="…"`, if it has one. */
export function attachmentName(response: Response): string | undefined {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
}

export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has handed the file over; the page keeps no copy of it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
