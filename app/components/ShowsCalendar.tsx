import { Link } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { CalendarDay } from "~/shows/calendar";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

interface CalendarMonth {
  month: string;
  label: string;
}

/** The month as a table: a screen reader reads each day with its shows; keyboard users tab through the links. Labels come from the loader. */
export function ShowsCalendar({ label, weeks, previous, next }: { label: string; weeks: CalendarDay[][]; previous: CalendarMonth; next: CalendarMonth }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Button url={`?view=calendar&month=${previous.month}`} accessibilityLabel={`Previous month, ${previous.label}`}>
            ‹
          </Button>
          <Text as="h2" variant="headingMd">
            {label}
          </Text>
          <Button url={`?view=calendar&month=${next.month}`} accessibilityLabel={`Next month, ${next.label}`}>
            ›
          </Button>
        </InlineStack>
        <table style={{ width: "100%", borderCollapse: "collapse", tableLayout: "fixed" }}>
          <caption>
            <Text as="span" visuallyHidden>{`Shows in ${label}`}</Text>
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
