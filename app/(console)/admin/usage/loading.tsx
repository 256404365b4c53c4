import { UsagePageSkeleton } from "@/components/usage/usage-page-skeleton";

export default function Loading() {
  return <UsagePageSkeleton />;
}
