// Shopify's calculated query cost, close enough to budget against: scalars and enums cost 0,
// objects 1, connections 2 plus their page size times the cost of one item, mutations 10.
import {
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MAX_SINGLE_QUERY_COST = 1000;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const base = operation.operation === "mutation" ? 10 : 0;
  return base + selectionCost({ schema, fragments, variables }, root, operation.selectionSet, new Set());
}

function selectionCost(walk: Walk, parent: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) total += selectionCost(walk, type, selection.selectionSet, seen);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (type && isCompositeType(type)) total += selectionCost(walk, type, fragment.selectionSet, new Set([...seen, fragment.name.value]));
      continue;
    }
    if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) continue;
    const args = Object.fromEntries((selection.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, walk.variables)]));
    const children = selectionCost(walk, type, selection.selectionSet, seen);
    if (type.name.endsWith("Connection")) {
      const size = Number(args.first ?? args.last ?? 0) || 0;
      // The connection and its pageInfo cost 2; each item costs what its own selection costs.
      total += 2 + size * Math.max(children - 1, 1);
    } else if (Array.isArray(args.ids)) {
      total += (args.ids as unknown[]).length * (1 + children);
    } else {
      total += 1 + children;
    }
  }
  return total;
}

/**
 * What a call really cost, from what it returned: one point per object in the response (the
 * objects a connection returned rather than the page size it asked for), plus 10 for a mutation.
 * Shopify refunds the difference between requested and actual cost to the bucket.
 */
export function actualQueryCost(data: unknown, operation: OperationDefinitionNode): number {
  const count = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + count(item), 0);
    if (value === null || typeof value !== "object") return 0;
    return 1 + Object.values(value).reduce<number>((sum, item) => sum + count(item), 0);
  };
  const objects = data === null || typeof data !== "object" ? 0 : Object.values(data).reduce<number>((sum, item) => sum + count(item), 0);
  return (operation.operation === "mutation" ? 10 : 0) + objects;
}
