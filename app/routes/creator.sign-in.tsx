import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { consumeLoginToken, describeLoginToken, requestSignInLinks } from "~/creators/login-links.server";
import { signInCommand } from "~/creator-portal/sign-in-input";
import { readForm } from "~/http/form-body.server";
import { startPortalSession } from "~/creators/portal-session.server";
import { SignInPage, type SignInOutcome } from "~/components/creators/SignInPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const signedOut = url.searchParams.get("signedOut");
  return {
    token,
    link: token ? await describeLoginToken(token) : null,
    signedOut: signedOut === null ? null : signedOut === "everywhere" ? ("everywhere" as const) : ("here" as const),
  };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<SignInOutcome | Response> => {
  const parsed = signInCommand.safeParse(await readForm(request));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Check the form." };
  if (parsed.data.intent === "email_link") {
    requestSignInLinks(parsed.data.email);
    return { ok: true, message: `If ${parsed.data.email} hosts shows for a shop, a sign-in link is on its way. It works once and for 20 minutes.` };
  }
  const result = await consumeLoginToken(parsed.data.token);
  if (!result.ok) return { ok: false, message: result.reason };
  return startPortalSession(result.shop, result.creatorId);
};

export default function SignInRoute() {
  const { token, link, signedOut } = useLoaderData<typeof loader>();
  return <SignInPage token={token} link={link} signedOut={signedOut} outcome={useActionData<typeof action>()} />;
}
