import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { inviteCreatorInput } from "~/creators/creator-input";
import { fieldErrors } from "~/http/field-errors";
import { getCreatorListItems, inviteCreator } from "~/creators/creators.server";
import { CreatorsPage, type InviteOutcome } from "~/components/creators/CreatorsPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { creators: await getCreatorListItems(session.shop) };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<InviteOutcome> => {
  const { session } = await authenticate.admin(request);
  const parsed = inviteCreatorInput.safeParse(await readForm(request));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const result = await inviteCreator(session.shop, parsed.data);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, errors: {}, invited: { creatorId: result.creatorId, email: parsed.data.email, mailError: result.mailError } };
};

export default function CreatorsRoute() {
  const { creators } = useLoaderData<typeof loader>();
  return <CreatorsPage creators={creators} outcome={useActionData<typeof action>()} />;
}
