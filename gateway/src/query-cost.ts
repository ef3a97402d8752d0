import { LIST_SIZES } from '@trace-arcade/service-runtime';
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** A list field this table does not know (none today: a test checks) counts as this many items. */
export const UNKNOWN_LIST_ITEMS = 10;

/** The largest value an Int argument can carry; beyond it the request fails validation anyway. */
const MAX_INT = 2 ** 31 - 1;

interface Walk {
  schema: GraphQLSchema;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables: Readonly<Record<string, unknown>>;
  operation: OperationDefinitionNode;
  /** Each named fragment's cost for one object, computed once: fragments that spread each other twice stay linear. */
  fragmentCosts: Map<string, number>;
}

/**
 * The estimated cost of an operation: how many fields it resolves, each counted once per object
 * it is resolved on. A list multiplies its children by the number of items it returns: its size
 * argument as sent (literal, variable or default), at most the list's maximum page size, since a
 * larger page is refused by the subgraph anyway. `__typename` and introspection cost nothing.
 *
 * `{ players(first: 20) { id rounds(last: 10) { id game { name } } } }` costs
 * 1 (players) + 20 x 2 (id, rounds) + 200 x 2 (id, game) + 200 (name) = 641.
 *
 * Unlike graphql-armor's cost limit, which multiplies only by literal `first`/`last` values, it
 * sees page sizes sent as variables (as every catalog operation does) and every size argument.
 * It takes time linear in the document, however its fragments spread each other.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionSetCost({ schema, fragments, variables, operation, fragmentCosts: new Map() }, operation.selectionSet, root);
}

/** The cost of a selection set resolved on one object of type `parent`. */
function selectionSetCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) continue; // validation has refused it already
      cost += 1;
      if (selection.selectionSet) {
        const items = isListType(getNullableType(field.type))
          ? listItems(walk, `${parent.name}.${name}`, field, selection.arguments ?? [])
          : 1;
        cost += items * selectionSetCost(walk, selection.selectionSet, getNamedType(field.type));
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) cost += selectionSetCost(walk, selection.selectionSet, type);
    } else {
      cost += fragmentCost(walk, selection.name.value);
    }
  }
  return cost;
}

function fragmentCost(walk: Walk, name: string): number {
  const known = walk.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments[name];
  const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  if (!fragment || !type) return 0; // validation has refused it already
  walk.fragmentCosts.set(name, 0); // a cycle (refused by validation first) cannot loop
  const cost = selectionSetCost(walk, fragment.selectionSet, type);
  walk.fragmentCosts.set(name, cost);
  return cost;
}

/** How many items a list field returns: its size argument (at most its maximum), or its fixed size. */
function listItems(
  walk: Walk,
  coordinate: string,
  field: GraphQLField<unknown, unknown>,
  argumentNodes: readonly { name: { value: string }; value: ValueNode }[],
): number {
  const size = (LIST_SIZES as Record<string, { argument: string; max: number } | { items: number }>)[coordinate];
  if (!size) return UNKNOWN_LIST_ITEMS;
  if ('items' in size) return size.items;
  const node = argumentNodes.find((argument) => argument.name.value === size.argument);
  const definition = field.args.find((argument) => argument.name === size.argument);
  const sent = node ? valueOf(walk, node.value) : undefined;
  const value = sent ?? (typeof definition?.defaultValue === 'number' ? definition.defaultValue : size.max);
  return Math.min(Math.max(Math.trunc(value), 1), size.max, MAX_INT);
}

/** A number sent as a literal or through a variable (its value, else the variable's default). */
function valueOf(walk: Walk, node: ValueNode): number | undefined {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return finite(Number(node.value));
  if (node.kind !== Kind.VARIABLE) return undefined;
  const name = node.name.value;
  if (name in walk.variables) return finite(walk.variables[name]);
  const definition = walk.operation.variableDefinitions?.find((variable) => variable.variable.name.value === name);
  return definition?.defaultValue ? valueOf(walk, definition.defaultValue) : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
