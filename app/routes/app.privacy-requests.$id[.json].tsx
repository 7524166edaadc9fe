// GET /app/privacy-requests/:id.json: a customer data request's report, for the merchant to pass on.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/responses.server";
import { getCustomerDataReport } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const report = await getCustomerDataReport(session.shop, params.id ?? "");
  if (!report) return notFound("This data request does not exist in your shop.");
  return new Response(report.json, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${report.fileName}"`,
      // It is a customer's personal data.
      "cache-control": "private, no-store",
    },
  });
};
