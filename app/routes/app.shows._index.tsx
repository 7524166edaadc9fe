import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, IndexTable, InlineStack, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { getShowsIndex } from "~/shows/shows.server";
import { statusLabel, statusTone } from "~/shows/status";
import { EmptyPage } from "~/components/EmptyPage";
import { ShowsCalendar } from "~/components/ShowsCalendar";
import { z } from "zod";

const listParams = z.object({
  view: z.enum(["list", "calendar"]).catch("list"),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { view, month: requested } = listParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { view, ...(await getShowsIndex(session.shop, requested)) };
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
                  <InlineStack gap="100">
                    <Badge tone={statusTone(show.status)}>{statusLabel(show.status)}</Badge>
                    {show.mode === "rehearsal" ? <Badge>Rehearsal</Badge> : null}
                  </InlineStack>
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
