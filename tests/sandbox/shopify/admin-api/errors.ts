// GraphQL errors in the shapes Shopify's Ruby server writes them. graphql-js finds the problems;
// this module rewrites the common validation errors into graphql-ruby's messages, paths and
// extensions (e.g. "Field 'foo' doesn't exist on type 'Product'", code undefinedField) so the
// app's error handling meets what Shopify really sends.
import {
  Kind,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from "graphql";

type Path = (string | number)[];

/** Where each field and argument sits, as graphql-ruby names paths ("query Name", "... on Type", field names). */
function pathsOf(document: DocumentNode): Map<ASTNode, Path> {
  const paths = new Map<ASTNode, Path>();
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: Path) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const path = [...prefix, selection.name.value];
        paths.set(selection, path);
        for (const argument of selection.arguments ?? []) paths.set(argument, [...path, argument.name.value]);
        walk(selection.selectionSet, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const path = selection.typeCondition ? [...prefix, `... on ${selection.typeCondition.name.value}`] : [...prefix, "..."];
        paths.set(selection, path);
        walk(selection.selectionSet, path);
      } else {
        paths.set(selection, [...prefix, `... ${selection.name.value}`]);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const label = definition.name ? `${definition.operation} ${definition.name.value}` : definition.operation;
      paths.set(definition, [label]);
      walk(definition.selectionSet, [label]);
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const label = `fragment ${definition.name.value}`;
      paths.set(definition, [label]);
      walk(definition.selectionSet, [label]);
    }
  }
  return paths;
}

interface Rewrite {
  pattern: RegExp;
  build(match: RegExpExecArray): { message: string; extensions: Record<string, unknown> };
}

const REWRITES: Rewrite[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    build: ([, fieldName, typeName]) => ({
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: "undefinedField", typeName, fieldName },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/,
    build: ([, argumentName, , fieldName]) => ({
      message: `Field '${fieldName}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name: fieldName, typeName: "Field", argumentName },
    }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided/,
    build: ([, name, argument]) => ({
      message: `Field '${name}' is missing required arguments: ${argument}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name, arguments: argument },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "(.+)" must have a selection of subfields/,
    build: ([, name, type]) => ({
      message: `Field must have selections (field '${name}' returns ${type?.replace(/[[\]!]/g, "")} but has no selections. Did you mean '${name} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${name}'`, typeName: type?.replace(/[[\]!]/g, "") },
    }),
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields/,
    build: ([, name, type]) => ({
      message: `Selections can't be made on scalars (field '${name}' returns ${type} but has selections [...])`,
      extensions: { code: "selectionMismatch", nodeName: `field '${name}'`, typeName: type },
    }),
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    build: ([, name]) => ({ message: `No such type ${name}, so it can't be a fragment condition`, extensions: { code: "undefinedType", typeName: name } }),
  },
  {
    pattern: /^Variable "\$(\w+)" is never used/,
    build: ([, name]) => ({ message: `Variable $${name} is declared by anonymous query but not used`, extensions: { code: "variableNotUsed", variableName: name } }),
  },
  {
    pattern: /^Variable "\$(\w+)" is not defined/,
    build: ([, name]) => ({ message: `Variable $${name} is used by anonymous query but not declared`, extensions: { code: "variableNotDefined", variableName: name } }),
  },
];

/** A validation error as Shopify would write it; unknown kinds keep graphql-js's message with a code. */
export function formatValidationError(error: GraphQLError, document: DocumentNode): GraphQLFormattedError {
  const paths = pathsOf(document);
  const node = error.nodes?.[0];
  const path = node ? paths.get(node) : undefined;
  const locations = error.locations?.map(({ line, column }) => ({ line, column }));
  for (const rewrite of REWRITES) {
    const match = rewrite.pattern.exec(error.message);
    if (match) {
      const { message, extensions } = rewrite.build(match);
      return { message, ...(locations && { locations }), ...(path && { path }), extensions };
    }
  }
  return { message: error.message, ...(locations && { locations }), ...(path && { path }), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
}

/** A parse error as graphql-ruby reports it: no path, a location, a message naming the token. */
export function formatSyntaxError(error: GraphQLError): GraphQLFormattedError {
  const locations = error.locations?.map(({ line, column }) => ({ line, column }));
  return { message: error.message.replace(/^Syntax Error: /, "Parse error: "), ...(locations && { locations }) };
}

/** Variable coercion problems, in graphql-ruby's wording where the sandbox knows it. */
export function formatVariableError(error: GraphQLError): GraphQLFormattedError {
  const locations = error.locations?.map(({ line, column }) => ({ line, column }));
  const missing = /^Variable "\$(\w+)" of required type "(.+)" was not provided/.exec(error.message);
  if (missing) {
    return {
      message: `Variable $${missing[1]} of type ${missing[2]} was provided invalid value`,
      ...(locations && { locations }),
      extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] },
    };
  }
  const invalid = /^Variable "\$(\w+)" got invalid value (.*?); (.*)$/s.exec(error.message);
  if (invalid) {
    return {
      message: `Variable $${invalid[1]} of type ${typeOfVariable(error) ?? "unknown"} was provided invalid value`,
      ...(locations && { locations }),
      extensions: { value: safeJson(invalid[2]), problems: [{ path: [], explanation: invalid[3] }] },
    };
  }
  return { message: error.message, ...(locations && { locations }), extensions: { code: "INVALID_VARIABLE" } };
}

function typeOfVariable(error: GraphQLError): string | undefined {
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return undefined;
  const print = (type: typeof node.type): string =>
    type.kind === Kind.NON_NULL_TYPE ? `${print(type.type)}!` : type.kind === Kind.LIST_TYPE ? `[${print(type.type)}]` : type.name.value;
  return print(node.type);
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "null");
  } catch {
    return text ?? null;
  }
}
