import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { makeQueryClient } from "@/app/_lib/query-client";
import { viewerCan } from "@/app/_lib/auth/viewer";
import { toBatch } from "@/app/api/v1/_lib/to-api";
import { RoleGate } from "@/app/_components/role-gate";
import { BatchList } from "@/app/_components/ingest/batch-list";
import { batchesQuery } from "@/app/_components/ingest/queries";
import { UploadPanel } from "@/app/_components/ingest/upload-panel";
import { getDb } from "@/db";
import { listBatches } from "@/db/queries";
import { whoMay } from "@/lib/auth";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Ingest" };

export default async function IngestPage() {
  const queryClient = makeQueryClient();
  // The same key as the browser's useQuery; the server reads the database instead of calling its own API,
  // mapped by the API's own mapper so both give the same objects. A failure here is not dehydrated and
  // the browser retries through the API, which shows the error state.
  await queryClient.prefetchQuery({
    ...batchesQuery(),
    queryFn: () => listBatches(getDb()).map(toBatch),
  });
  const mayRollBack = await viewerCan("batch.rollback");
  return (
    <>
      <h1>Ingest</h1>
      <p className="lede">
        Upload evaluation results. Each file is checked row by row; by default one bad row rejects the whole
        file, so nothing half-imported ever reaches an evaluation.
      </p>
      <section className="panel" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a file</h2>
        <RoleGate action="ingest" what="upload files">
          <UploadPanel />
        </RoleGate>
      </section>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BatchList rollbackNote={mayRollBack ? null : `${whoMay("batch.rollback")} can roll a batch back.`} />
      </HydrationBoundary>
    </>
  );
}
