import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, IndexTable, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { getShowListItems, type ShowStatus } from "~/shows/shows.server";
import { EmptyPage } from "~/components/EmptyPage";
import { ShowsCalendar } from "~/components/ShowsCalendar";
import { monthGrid, shiftMonth } from "~/shows/calendar";
import { z } from "zod";

const listParams = z.object({
  view: z.enum(["list", "calendar"]).catch("list"),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { view, month: requested } = listParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const shows = await getShowListItems(session.shop);
  const month = requested ?? (shows.find((show) => show.status !== "ended" && show.status !== "replay_ready") ?? shows[0])?.localStart.slice(0, 7) ?? new Date().toISOString().slice(0, 7);
  return {
    shows,
    view,
    calendar: { month, weeks: monthGrid(month, shows), previous: shiftMonth(month, -1), next: shiftMonth(month, 1) },
  };
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
  const { shows, view, calendar } = useLoaderData<typeof loader>();
  if (shows.length === 0) {
    return (
      <EmptyPage title="Shows" heading="Plan your first live show" action={{ content: "Schedule a show", url: "/app/shows/new" }}>
        <p>Pick products from your catalog, get a stream key for OBS or your phone, and rehearse privately before you go live.</p>
      </EmptyPage>
    );
  }
  return (
    <Page
      title="Shows"
      primaryAction={{ content: "Schedule a show", url: "/app/shows/new" }}
      secondaryActions={[view === "calendar" ? { content: "List view", url: "?view=list" } : { content: "Calendar view", url: "?view=calendar" }]}
    >
      {view === "calendar" ? (
        <ShowsCalendar {...calendar} />
      ) : (
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
      )}
    </Page>
  );
}
