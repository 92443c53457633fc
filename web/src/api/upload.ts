/**
 * A file sent as a request's whole body, with the bytes sent reported as they go: fetch cannot
 * tell an upload's progress, XMLHttpRequest can. Same origin, the session's cookie and CSRF token,
 * and every error answer one ApiProblem, as for the API client's other calls (./client.ts).
 */
import { currentCsrfToken } from './client.ts';
import { networkProblem, problemOf } from './problem.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the service reads a file by; the bytes decide when the name does not. */
export function fileContentType(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  if (lower.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

export interface UploadRequest {
  path: string;
  query: Record<string, string | boolean | undefined>;
  file: Blob & { name: string };
  onSent: (sent: number, total: number) => void;
  /** Error statuses whose body is an answer of its own (a refused report's problems, 422), resolved like a success. */
  answeredStatuses?: readonly number[];
}

/** POSTs `file` to `path`; resolves the JSON answer, rejects with the ApiProblem of an error answer. */
export function uploadFile<T>({ path, query, file, onSent, answeredStatuses = [] }: UploadRequest): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${path}?${params.toString()}`);
    xhr.responseType = 'json';
    xhr.setRequestHeader('Content-Type', fileContentType(file.name));
    const token = currentCsrfToken();
    if (token !== undefined) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => onSent(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(networkProblem());
    xhr.onload = () => {
      if ((xhr.status >= 200 && xhr.status < 300) || answeredStatuses.includes(xhr.status)) resolve(xhr.response as T);
      else reject(problemOf({ status: xhr.status, statusText: xhr.statusText }, xhr.response));
    };
    xhr.send(file);
  });
}
