import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endPortalSession } from "~/creators/portal-session.server";

export const loader = () => redirect("/creator");
export const action = ({ request }: ActionFunctionArgs) => endPortalSession(request);
