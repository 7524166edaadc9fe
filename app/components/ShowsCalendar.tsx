import { Link } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { CalendarDay } from "~/shows/calendar";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function monthName(month: string) {
  return new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The month as a table: a screen reader reads each day with its shows; keyboard users tab through the links. */
export function ShowsCalendar({ month, weeks, previous, next }: { month: string; weeks: CalendarDay[][]; previous: string; next: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Button url={`?view=calendar&month=${previous}`} accessibilityLabel={`Previous month, ${monthName(previous)}`}>
            ‹
          </Button>
          <Text as="h2" variant="headingMd">
            {monthName(month)}
          </Text>
          <Button url={`?view=calendar&month=${next}`} accessibilityLabel={`Next month, ${monthName(next)}`}>
            ›
          </Button>
        </InlineStack>
        <table style={{ width: "100%", borderCollapse: "collapse", tableLayout: "fixed" }}>
          <caption>
            <Text as="span" visuallyHidden>{`Shows in ${monthName(month)}`}</Text>
          </caption>
          <thead>
            <tr>
              {WEEKDAYS.map((day) => (
                <th key={day} scope="col" abbr={day} style={{ textAlign: "start", padding: 4 }}>
                  {day.slice(0, 3)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]!.date}>
                {week.map((day) => (
                  <td key={day.date} style={{ verticalAlign: "top", height: 72, padding: 4, borderTop: "1px solid #e3e3e3", opacity: day.inMonth ? 1 : 0.5 }}>
                    <Text as="span" variant="bodySm" tone="subdued">
                      {Number(day.date.slice(8))}
                    </Text>
                    {day.shows.map((show) => (
                      <div key={show.id}>
                        <Link to={`/app/shows/${show.id}`}>{`${show.time} ${show.title}`}</Link>
                      </div>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </BlockStack>
    </Card>
  );
}
