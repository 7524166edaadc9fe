// The join-storm benchmark's baseline, only in the benchmark's build (tests/bench/lib/prepare.ts):
// the bootstrap as the app proxy answered it before the shared snapshot, built whole for every
// request by the same builder (loadShowBootstrap), behind the same signature check and input.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy, proxyJson } from "~/storefront/app-proxy.server";
import { loadShowBootstrap } from "~/storefront/bootstrap.server";
import { bootstrapQuery, showSelector } from "~/storefront/proxy-input";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, customerId } = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success) return proxyJson({ error: `${shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const query = bootstrapQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return proxyJson({ error: query.error.issues.map((issue) => issue.message).join("; "), reason: "bad_request" }, 400);
  const { preview, lite, country, locale } = query.data;
  const answer = await loadShowBootstrap({
    shop,
    customerId,
    selector: selector.data,
    previewToken: preview ?? null,
    lite: lite === "1",
    buyer: { country: country ?? null, locale: locale ?? null },
  });
  return answer.found ? proxyJson(answer.bootstrap) : proxyJson(answer.notFound, 404);
};
