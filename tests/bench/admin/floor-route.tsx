import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";

// The floor of `npm run bench -- --only=admin`: an empty Polaris page at /app/bench-floor, through
// the same server, embedded layout (app/routes/app.tsx), App Bridge and authentication as every
// admin page, so the benchmark compares each page with only what no page can avoid. Only the
// benchmark's build has it (app/routes.ts adds it when LIVE_SHOWS_BENCH_FLOOR=1): no shop ever can.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function BenchFloor() {
  return <Page title="Empty page" backAction={{ content: "Shows", url: "/app/shows" }} />;
}
