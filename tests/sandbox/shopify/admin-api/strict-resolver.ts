// How the sandbox resolves fields: every object a resolver returns is a plain "view" whose
// keys are schema field names, either values or functions of the field's arguments. A field
// the view does not have is an error naming it: the sandbox never invents data.
import { GraphQLError, type GraphQLFieldResolver, type GraphQLTypeResolver } from "graphql";
import type { AdminContext } from "./context";

/** A field computed from its arguments (and the request's context). */
export type FieldFunction = (args: Record<string, unknown>, context: AdminContext) => unknown;

export class NotImplementedError extends GraphQLError {
  constructor(what: string) {
    super(`Sandbox does not implement ${what}`, { extensions: { code: "SANDBOX_NOT_IMPLEMENTED" } });
  }
}

export const strictFieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (source, args, context, info) => {
  if (source === null || typeof source !== "object" || !Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
    throw new NotImplementedError(`${info.parentType.name}.${info.fieldName}`);
  }
  const value = (source as Record<string, unknown>)[info.fieldName];
  return typeof value === "function" ? (value as FieldFunction)(args, context) : value;
};

/** Interfaces and unions (Node, Media, DiscountCode…): each view names its concrete type. */
export const viewTypeResolver: GraphQLTypeResolver<unknown, AdminContext> = (value, _context, info) => {
  const typename = (value as { __typename?: unknown } | null)?.__typename;
  if (typeof typename !== "string") throw new NotImplementedError(`a concrete type for ${info.parentType.name}.${info.fieldName}`);
  return typename;
};
