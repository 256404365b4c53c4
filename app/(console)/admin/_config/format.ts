/**
 * The model pages' old names for formatters of lib/format.ts, kept only while
 * app/(console)/admin/models/_components/models-table.tsx imports them from here; nothing new
 * imports this file, and it goes when that table imports lib/format.ts itself.
 */
export { formatIntCompact as formatTokens, formatUsdPrice as formatPrice, formatUsdShort as formatUsd } from "@/lib/format";
