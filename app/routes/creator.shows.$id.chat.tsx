// /creator/shows/:id/chat: a host moderates the chat of a show they host, live, from the creator
// portal (app/chat/host-moderation.server.ts). Signed-in creators only; a form post, as
// every portal action (the session cookie is SameSite=Lax: another site's post arrives without it).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { chatCommand } from "~/chat/chat-commands";
import { HostChatPage } from "~/components/creators/HostChatPage";
import { moderateHostedChat, NOT_YOUR_SHOW, readHostedChat } from "~/chat/host-moderation.server";
import { requirePortalCreator } from "~/creators/portal-session.server";
import { issuesOf } from "~/http/field-errors";
import { readForm } from "~/http/form-body.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const hosted = await readHostedChat(creator, params.id ?? "");
  if (!hosted) throw new Response(NOT_YOUR_SHOW, { status: 404 });
  return hosted;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const command = chatCommand.safeParse(await readForm(request));
  if (!command.success) return data({ ok: false, message: issuesOf(command.error) }, { status: 400 });
  const { status, ok, message } = await moderateHostedChat(creator, params.id ?? "", command.data);
  return data({ ok, message }, { status });
};

export default function HostChatRoute() {
  return <HostChatPage hosted={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
