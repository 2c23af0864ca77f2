import type { INodeType } from 'n8n-workflow';

import { deliverWithinLimits, type DeliveryRules } from '../../nodes/shared/transport/deliver';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/shared/limiter/windowLimiter';

/**
 * The node's own retry rules with backoffs of milliseconds, not seconds: the same tries, the same
 * Retry-After waits (`maxWaitMs` as shipped), so a test still sees every retry but sleeps little.
 */
export const SHORT_BACKOFFS: RetryPolicy = { ...DEFAULT_RETRY_POLICY, backoffMs: 20 };

/** The node, its delivery rebuilt from its own rules with `policy` (DeliveryRules' `policy` slot). */
export function withRetryPolicy<T extends INodeType>(nodeType: T, policy: RetryPolicy): T {
	const { requestOperations } = nodeType.description;
	const { rules } = requestOperations?.pagination as unknown as { rules?: DeliveryRules };
	if (!rules)
		throw new Error(`${nodeType.description.name} does not deliver through deliverWithinLimits`);
	nodeType.description.requestOperations = {
		...requestOperations,
		pagination: deliverWithinLimits({ ...rules, policy }),
	};
	return nodeType;
}
