import { apiPaths } from "@/lib/api/keys";
import { BatchesResponse, RollbackResponse } from "@/lib/api/schemas";
import type { Batch } from "@/lib/api/schemas";
import { apiErrorMessage, ingestUrl, interpretIngestResponse } from "@/lib/view/ingest";
import type { UploadChoice, UploadOutcome } from "@/lib/view/ingest";

/** Browser calls of the ingest page. Answers are parsed with the shared zod schemas, never cast. */

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

export async function fetchBatches(): Promise<Batch[]> {
  const res = await fetch(apiPaths.batches, { headers: { accept: "application/json" } });
  const body = await readBody(res);
  if (!res.ok) throw new ApiError(res.status, apiErrorMessage(res.status, body));
  const parsed = BatchesResponse.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, "the batch list did not match the API contract");
  return parsed.data.batches;
}

export async function rollBackBatch(id: number): Promise<RollbackResponse> {
  const res = await fetch(apiPaths.rollback(id), { method: "POST", headers: { accept: "application/json" } });
  const body = await readBody(res);
  if (!res.ok) throw new ApiError(res.status, apiErrorMessage(res.status, body));
  const parsed = RollbackResponse.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, "the rollback answer did not match the API contract");
  return parsed.data;
}

export interface UploadHandlers {
  /** bytes sent so far; total is 0 while unknown */
  onProgress: (loaded: number, total: number) => void;
  /** every byte is sent; the server is now parsing and importing */
  onSent: () => void;
  signal: AbortSignal;
}

/**
 * Sends the file as the raw request body. XMLHttpRequest rather than fetch, because only XHR reports
 * upload progress (`upload.onprogress`). Resolves with the server's answer, whatever its status;
 * rejects only when no answer came (network error, or cancelled).
 */
export function uploadFile(file: File, choice: UploadChoice, h: UploadHandlers): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    if (h.signal.aborted) {
      reject(new DOMException("cancelled", "AbortError"));
      return;
    }
    h.signal.addEventListener("abort", abort, { once: true });
    xhr.open("POST", ingestUrl(choice));
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => h.onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.upload.onload = () => h.onSent();
    xhr.onload = () => {
      h.signal.removeEventListener("abort", abort);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON (a proxy's error page): interpretIngestResponse reports the status
      }
      resolve(interpretIngestResponse(xhr.status, body));
    };
    xhr.onerror = () => {
      h.signal.removeEventListener("abort", abort);
      reject(new Error("the upload failed: the server could not be reached"));
    };
    xhr.onabort = () => reject(new DOMException("cancelled", "AbortError"));
    xhr.send(file);
  });
}
