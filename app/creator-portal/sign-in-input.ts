import { z } from "zod";

export const signInCommand = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("use_link"), token: z.string().min(1, "This sign-in link is incomplete; open it again from your email.") }),
  z.object({
    intent: z.literal("email_link"),
    email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter the email address the shop invited, such as ada@example.com" })),
  }),
]);
