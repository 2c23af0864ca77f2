import { ExecuteContext } from 'n8n-core';
import { Expression } from 'n8n-workflow';

/** How much of n8n's parameter machinery one item costs, counted over a whole run. */
export interface EvaluationCount {
	/** Expressions n8n-workflow evaluated (each builds a data proxy and runs the expression). */
	evaluations: number;
	/** `getNodeParameter` calls, by the node or by RoutingNode for it, expression or not. */
	parameterReads: number;
	/** Each expression evaluated, with how many times a run evaluated it. */
	byExpression: Map<string, number>;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The prototype in `start`'s chain that defines `name` itself. */
function owner(start: object, name: string): Record<string, Method> {
	for (let proto: object | null = start; proto; proto = Object.getPrototypeOf(proto) as object) {
		if (Object.prototype.hasOwnProperty.call(proto, name)) return proto as Record<string, Method>;
	}
	throw new Error(`no prototype defines ${name}`);
}

/**
 * Runs `run` with n8n-workflow's expression evaluation and n8n-core's `getNodeParameter` counted:
 * every evaluation goes through `Expression.resolveSimpleParameterValue` once an expression is
 * found, and every parameter read of every node context through `_getNodeParameter`. The wrappers
 * are removed afterwards, so that timed runs pay nothing for them.
 */
export async function countEvaluations(run: () => Promise<unknown>): Promise<EvaluationCount> {
	const count: EvaluationCount = { evaluations: 0, parameterReads: 0, byExpression: new Map() };
	const expressions = owner(Expression.prototype, 'resolveSimpleParameterValue');
	const contexts = owner(ExecuteContext.prototype, '_getNodeParameter');
	const evaluate = expressions.resolveSimpleParameterValue;
	const read = contexts._getNodeParameter;
	expressions.resolveSimpleParameterValue = function (this: unknown, ...args: unknown[]) {
		count.evaluations++;
		const text = String(args[0]);
		count.byExpression.set(text, (count.byExpression.get(text) ?? 0) + 1);
		return evaluate.apply(this, args);
	};
	contexts._getNodeParameter = function (this: unknown, ...args: unknown[]) {
		count.parameterReads++;
		return read.apply(this, args);
	};
	try {
		await run();
	} finally {
		expressions.resolveSimpleParameterValue = evaluate;
		contexts._getNodeParameter = read;
	}
	return count;
}

/** A count as "7.0 evaluations, 12.0 parameter reads per item". */
export function perItem(count: EvaluationCount, items: number): string {
	return `${(count.evaluations / items).toFixed(1)} evaluations, ${(count.parameterReads / items).toFixed(1)} getNodeParameter per item`;
}
