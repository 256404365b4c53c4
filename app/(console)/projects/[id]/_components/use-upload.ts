"use client";

/**
 * The CSV import's protocol, without markup (ingest-panel.tsx renders it): the chosen file's
 * header is read in the browser to guess the column mapping; the file is uploaded once, in chunks
 * of UPLOAD_CHUNK_BYTES, each PUT at the offset the server last confirmed (it streams them to
 * disk); then either a dry run (a POST that lists problems by line) or the import itself (the
 * startIngest action, after which the job card follows the job).
 */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { DryRunReport } from "@/lib/ingest/pipeline";
import { guessMapping, UPLOAD_CHUNK_BYTES, type ColumnMapping, type RecordType } from "@/lib/validation/projects";
import { startIngest } from "../actions";

export type UploadStep = "upload" | "dry" | "start";

/** The first record of a CSV text (quotes and doubled quotes handled). */
function parseHeader(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur.trim());
      cur = "";
    } else if (c === "\n" || c === "\r") break;
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export function useUpload(projectId: string) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({ content: "", category: null, creator: null });
  const [type, setType] = useState<RecordType>("TASK");
  const [onError, setOnError] = useState<"skip" | "stop">("skip");
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState<UploadStep | null>(null);
  const [sent, setSent] = useState(0);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const uploaded = useRef<{ file: File; uploadId: string } | null>(null);

  async function choose(f: File | null) {
    setFile(f);
    setReport(null);
    setMessage(null);
    setFileError(null);
    uploaded.current = null;
    setHeader([]);
    if (!f) return;
    const head = new Uint8Array(await f.slice(0, 64 * 1024).arrayBuffer());
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      setFileError("Line 1: the file is UTF-16 encoded. Save it as UTF-8 (CSV UTF-8) and choose it again.");
      return;
    }
    const text = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
    const h = parseHeader(text).filter((x, i, all) => x !== "" || i < all.length - 1);
    setHeader(h);
    const g = guessMapping(h);
    setMapping({ content: h.includes(g.content) ? g.content : "", category: g.category, creator: g.creator });
  }

  /** Uploads the file once (chunks of 8 MB, each streamed to disk by the server); returns its id. */
  async function upload(): Promise<string> {
    if (!file) throw new Error("Choose a file first.");
    if (uploaded.current?.file === file) return uploaded.current.uploadId;
    const uploadId = crypto.randomUUID();
    setBusy("upload");
    setSent(0);
    for (let offset = 0; offset < file.size || offset === 0; ) {
      const chunk = file.slice(offset, offset + UPLOAD_CHUNK_BYTES);
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/uploads/${uploadId}?offset=${offset}`, { method: "PUT", body: chunk });
      const body = (await res.json().catch(() => ({}))) as { size?: number; error?: string };
      if (!res.ok || typeof body.size !== "number") throw new Error(body.error ?? `Upload failed (${res.status}).`);
      offset = body.size;
      setSent(offset);
      if (file.size === 0) break;
    }
    uploaded.current = { file, uploadId };
    return uploadId;
  }

  async function dryRun() {
    setMessage(null);
    setReport(null);
    try {
      const uploadId = await upload();
      setBusy("dry");
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/uploads/${uploadId}/dry-run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type, mapping }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `Dry run failed (${res.status}).`);
      setReport(body as DryRunReport);
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
    } finally {
      setBusy(null);
    }
  }

  async function start() {
    setMessage(null);
    try {
      const uploadId = await upload();
      setBusy("start");
      const r = await startIngest(null, { projectId, uploadId, fileName: file!.name, type, onError, mapping });
      if (!r.ok) throw new Error(r.message);
      uploaded.current = null; // the job removes the file when it ends
      setMessage({ text: `Import of ${file!.name} started.`, ok: true });
      setReport(null);
      router.refresh();
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
    } finally {
      setBusy(null);
    }
  }

  return {
    file,
    header,
    mapping,
    setMapping,
    type,
    setType,
    onError,
    setOnError,
    fileError,
    busy,
    /** Bytes the server has confirmed of the upload under way. */
    sent,
    message,
    report,
    canRun: !!file && !fileError && header.length > 0 && !!mapping.content && !busy,
    choose,
    dryRun,
    start,
  };
}
