import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, IndexTable, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { getShowListItems, type ShowStatus } from "~/shows/shows.server";
import { EmptyPage } from "~/components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { shows: await getShowListItems(session.shop) };
};

const statusTone: Record<ShowStatus, "info" | "success" | "critical" | "attention" | undefined> = {
  draft: undefined,
  scheduled: "info",
  live: "critical",
  ended: undefined,
  replay_ready: "success",
  archived: undefined,
};

const statusLabel: Record<ShowStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  live: "Live",
  ended: "Ended",
  replay_ready: "Replay",
  archived: "Archived",
};

export default function ShowsPage() {
  const { shows } = useLoaderData<typeof loader>();
  if (shows.length === 0) {
    return (
      <EmptyPage title="Shows" heading="Plan your first live show" action={{ content: "Schedule a show", url: "/app/shows/new" }}>
        <p>Pick products from your catalog, get a stream key for OBS or your phone, and rehearse privately before you go live.</p>
      </EmptyPage>
    );
  }
  return (
    <Page title="Shows" primaryAction={{ content: "Schedule a show", url: "/app/shows/new" }}>
      <Card padding="0">
        <IndexTable
          resourceName={{ singular: "show", plural: "shows" }}
          itemCount={shows.length}
          selectable={false}
          headings={[{ title: "Show" }, { title: "Starts" }, { title: "Status" }, { title: "Products" }]}
        >
          {shows.map((show, index) => (
            <IndexTable.Row id={show.id} key={show.id} position={index}>
              <IndexTable.Cell>
                <Link url={`/app/shows/${show.id}`} removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {show.title}
                  </Text>
                </Link>
              </IndexTable.Cell>
              <IndexTable.Cell>{show.startsAtLabel}</IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={statusTone[show.status]}>{show.mode === "rehearsal" ? "Rehearsal" : statusLabel[show.status]}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>{show.productCount}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
