/** /documents and /documents/[id]: URL state and action inputs. */
import { z } from "zod";
import { createTableSearchParams, listParam } from "./data-table";

export const DOCUMENT_KINDS = ["text", "python code", "mermaid code", "sheet"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const KIND_LABELS: Record<DocumentKind, string> = {
  text: "Text",
  "python code": "Python",
  "mermaid code": "Mermaid",
  sheet: "Sheet",
};

export const DOCUMENT_SORT_KEYS = ["updated", "title"] as const;
export const DOCUMENT_COLUMNS = ["kind", "versions", "chat", "updated"] as const;

export const documentsTableParams = createTableSearchParams({
  sortKeys: DOCUMENT_SORT_KEYS,
  defaultSort: { key: "updated", dir: "desc" },
  columns: DOCUMENT_COLUMNS,
  filters: { kind: listParam(z.enum(DOCUMENT_KINDS)) },
});
export type DocumentsTableQuery = z.infer<typeof documentsTableParams>;

const versionNumber = z.coerce.number().int().min(1).max(1_000_000);
/** ?v= the version shown, ?a= and ?b= the two compared. A bad value falls back to the default. */
export const documentPageParams = z.object({
  v: versionNumber.optional().catch(undefined),
  a: versionNumber.optional().catch(undefined),
  b: versionNumber.optional().catch(undefined),
  view: z.enum(["inline", "split"]).catch("inline"),
});

export const resolveSuggestionInput = z.object({ suggestionId: z.guid("Unknown suggestion") });
export const restoreVersionInput = z.object({
  documentId: z.guid("Unknown document"),
  versionNumber: versionNumber,
  // The latest version number the person saw: a restore on top of a newer version is refused.
  expectedLatest: versionNumber,
});
