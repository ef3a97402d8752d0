import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import * as Sentry from '@sentry/node';
import { emitQueryPlanDepth, type PlanShape } from '@trace-arcade/service-runtime';
import type { GatewayContext } from './context.js';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** How much round-tripping a query plan asks of the gateway (`extensions.perf.plan`). */
export type { PlanShape };

const NONE: PlanShape = { fetches: 0, sequentialDepth: 0 };

function inSequence(shapes: PlanShape[]): PlanShape {
  return shapes.reduce(
    (sum, shape) => ({ fetches: sum.fetches + shape.fetches, sequentialDepth: sum.sequentialDepth + shape.sequentialDepth }),
    NONE,
  );
}

function inParallel(shapes: PlanShape[]): PlanShape {
  return shapes.reduce(
    (sum, shape) => ({ fetches: sum.fetches + shape.fetches, sequentialDepth: Math.max(sum.sequentialDepth, shape.sequentialDepth) }),
    NONE,
  );
}

function shapeOf(node: PlanNode | undefined): PlanShape {
  if (!node) return NONE;
  switch (node.kind) {
    case 'Fetch':
      return { fetches: 1, sequentialDepth: 1 };
    case 'Flatten':
      return shapeOf(node.node);
    case 'Sequence':
      return inSequence(node.nodes.map(shapeOf));
    case 'Parallel':
      return inParallel(node.nodes.map(shapeOf));
    case 'Condition': {
      // One branch runs (an @include/@skip on a variable); counted as the larger, what it can cost.
      const [a, b] = [shapeOf(node.ifClause), shapeOf(node.elseClause)];
      return { fetches: Math.max(a.fetches, b.fetches), sequentialDepth: Math.max(a.sequentialDepth, b.sequentialDepth) };
    }
    case 'Defer':
      // The deferred parts start once the primary part has answered, side by side.
      return inSequence([shapeOf(node.primary.node), inParallel(node.deferred.map((deferred) => shapeOf(deferred.node)))]);
    case 'Subscription':
      return inSequence([shapeOf(node.primary), shapeOf(node.rest)]);
  }
}

/** The fetches and sequential depth of a gateway query plan (Sequence, Parallel, Fetch, Flatten, Condition, Defer). */
export function planShape(plan: QueryPlan): PlanShape {
  return shapeOf(plan.node);
}

/**
 * The gateway's `experimental_didResolveQueryPlan`: keeps the plan's shape in the request's context
 * for `extensions.perf.plan`, puts it on the request's root span so a waterfall shows in the trace,
 * and sends the sequential depth as the metric `graphql.query_plan.sequential_depth` on that trace.
 */
export const recordQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, requestContext }) => {
  const shape = planShape(queryPlan);
  (requestContext.context as Partial<GatewayContext>).plan = shape;
  const span = Sentry.getActiveSpan();
  if (span) {
    Sentry.getRootSpan(span).setAttributes({
      'gateway.plan.fetches': shape.fetches,
      'gateway.plan.sequential_depth': shape.sequentialDepth,
    });
  }
  emitQueryPlanDepth(requestContext.operationName, shape.sequentialDepth);
};
