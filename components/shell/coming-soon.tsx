import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClockIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

/**
 * A section that a later issue fills. Says so plainly and shows no sample data: an empty page
 * that looks finished would mislead.
 */
export function ComingSoon({ title, description, planned }: { title: string; description: string; planned: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card>
        <EmptyState icon={<ClockIcon size={28} />} title="Coming soon">
          <p>{planned}</p>
        </EmptyState>
      </Card>
    </>
  );
}
