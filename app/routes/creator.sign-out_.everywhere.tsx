import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endAllPortalSessions } from "~/creators/portal-session.server";

export const loader = () => redirect("/creator");
export const action = ({ request }: ActionFunctionArgs) => endAllPortalSessions(request);
